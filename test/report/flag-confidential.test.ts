import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRegionalMultiples } from '../../src/report/charts/build-regional-multiples.js';
import { runCli } from '../helpers/cli.js';
import { buildReview, text, writeReturn, year } from './helpers/thin-returns.js';
import { memberNouns } from '../../src/report/pages/prose-name.js';

// what the charts and sentences call BSEC's members: 'State', 'states'
const STATES = memberNouns({ code: 'BSEC' });

// confidentialInTotals "flag", end to end (returns -> ingest -> build -> report, a config file setting "flag"). A
// colleague recovered Albania's victims of trafficking, 26 marked C, three ways: a WB6 review's regional total was 26
// (Albania the only WB6 state reporting); the BSEC review's total was 184 and 184 - 58 - 100 (Georgia's and
// Türkiye's published totals) = 26; and the like-for-like columns of Table 3.1 held it too. None was marked, and
// the annex said C values "appear in no chart, table, download or text". Then a total of two states' C values was
// published (BSEC 215 = ALB 26 + ROU 31 + 58 + 100): 215 - 58 - 100 = 57 = 26 + 31, and Albania, knowing its 26, had
// Romania's 31 (and Romania Albania's). A total needs the confidential values of three states or more.

const VICTIMS = 'Trafficking in persons: victims detected';
/** Keeps a sample return's lines of `year` but the breakdowns of victims, giving the victims' total `value` (and `conf`). */
const victims = (dir: string, iso3: string, y: number, value?: number, conf = 'F') =>
  writeReturn(dir, iso3, y, (l) => year(l) === String(y) && !(l.split(',')[2] === 'TIP_VIC' && !/^[A-Z]{3},\d{4},TIP_VIC,_T,_T,_T,_T,/.test(l)),
    (l) => (value === undefined ? l : l.replace(/^([A-Z]{3},\d{4},TIP_VIC,_T,_T,_T,_T),[\d.]+,A,F,/, `$1,${value},A,${conf},`)));
const returns = (dir: string, extra: (dir: string) => string[] = () => []) => [
  victims(dir, 'ALB', 2024), victims(dir, 'ALB', 2025, 26, 'C'),
  victims(dir, 'GEO', 2024), victims(dir, 'GEO', 2025, 58),
  victims(dir, 'TUR', 2024), victims(dir, 'TUR', 2025, 100),
  ...extra(dir),
];

let bsec: string; // Albania C 26, Georgia 58, Türkiye 100: BSEC 184
let wb6: string; // the same returns, a WB6 review: Albania alone
let two: string; // and Romania C 31: BSEC 26 + 31 + 58 + 100 = 215, two states' confidential values
let three: string; // and Bulgaria C 17: BSEC 26 + 31 + 17 + 58 + 100 = 232, three states' confidential values
let four: string; // the same, with confidentialMinStates 4
let dominant: string; // ALB C 26, ROU C 31, BGR C 900: BSEC 26 + 31 + 900 + 58 + 100 = 1115, one value dwarfing two

beforeAll(async () => {
  const flag = { confidentialInTotals: 'flag' };
  [bsec, wb6, two, three, four, dominant] = await Promise.all([
    buildReview((dir) => returns(dir), { config: flag }),
    buildReview((dir) => returns(dir), { config: { ...flag, group: 'WB6' } }),
    buildReview((dir) => returns(dir, (d) => [victims(d, 'ROU', 2024), victims(d, 'ROU', 2025, 31, 'C')]), { config: flag }),
    buildReview((dir) => returns(dir, (d) => [
      victims(d, 'ROU', 2024), victims(d, 'ROU', 2025, 31, 'C'), victims(d, 'BGR', 2024), victims(d, 'BGR', 2025, 17, 'C'),
    ]), { config: flag }),
    buildReview((dir) => returns(dir, (d) => [
      victims(d, 'ROU', 2024), victims(d, 'ROU', 2025, 31, 'C'), victims(d, 'BGR', 2024), victims(d, 'BGR', 2025, 17, 'C'),
    ]), { config: { ...flag, confidentialMinStates: 4 } }),
    buildReview((dir) => returns(dir, (d) => [
      victims(d, 'ROU', 2024), victims(d, 'ROU', 2025, 31, 'C'), victims(d, 'BGR', 2024), victims(d, 'BGR', 2025, 900, 'C'),
    ]), { config: flag }),
  ]);
}, 360_000);

const index = (review: string) => readFileSync(join(review, 'index.html'), 'utf8');
/** The victims' row of Table 3.1, as text. */
const tableRow = (review: string) => {
  const table = /<div id="tab-3-1">([\s\S]*?)<\/div>/.exec(index(review))?.[1] ?? '';
  return text((/<tr>(?:(?!<\/tr>)[\s\S])*?Trafficking in persons: victims detected[\s\S]*?<\/tr>/.exec(table)?.[0] ?? '').replace(/<\/t[dh]>/g, ' ')).trim();
};
/** Chapter 3's footnotes, as text. */
const footnotes = (review: string) => text(/<ol class="footnotes">((?:(?!<\/ol>)[\s\S])*?fn-ch3-[\s\S]*?)<\/ol>/.exec(index(review))?.[1] ?? '');
/** The marts' rows of the victims of 2025, from the review's warehouse. */
const mart = async (review: string, sql: string) => {
  const result = await runCli(['query', '--warehouse', join(dirname(review), 'warehouse.duckdb'), '--format', 'csv', sql]);
  expect(result.code).toBe(0);
  return result.stdout.trim().split('\n');
};

describe('confidentialInTotals "flag": a total of fewer than three states\' confidential values is withheld', () => {
  it('no longer gives Albania\'s 26 as the WB6 total: withheld, and the review says why', async () => {
    expect(await mart(wb6, "select group_code, states_reporting, obs_value, confidential_states, suppression_reason from regional_total where indicator = 'TIP_VIC' and time_period = 2025 and group_code = 'WB6'"))
      .toEqual(['group_code,states_reporting,obs_value,confidential_states,suppression_reason', 'WB6,1,,1,confidential_few_states']);
    // was: "Trafficking in persons: victims detected … 26 | 1 of 6"
    expect(tableRow(wb6)).toContain('withheld');
    expect(tableRow(wb6)).not.toMatch(/\b26\b/);
    expect(footnotes(wb6)).toContain(`${VICTIMS}: the 2025 total of all economies reporting is withheld: the confidential figures in it are those of fewer than three economies, which the total less the other economies’ published figures would give away (one economy’s figure, or the sum of two, from which each learns the other’s).`);
  });

  it('no longer publishes BSEC\'s 184, from which 184 − 58 − 100 = 26 was Albania\'s', async () => {
    expect(await mart(bsec, "select group_code, reporting_states, obs_value, has_confidential, confidential_states, suppression_reason from regional_total where indicator = 'TIP_VIC' and time_period = 2025 order by group_code"))
      .toEqual([
        'group_code,reporting_states,obs_value,has_confidential,confidential_states,suppression_reason',
        // BSEC 26 + 58 + 100 = 184 less the published 58 and 100; SEECP 26 + 100 = 126 less 100; WB6 26 alone
        'BSEC,"[ALB, GEO, TUR]",,true,1,confidential_few_states',
        'SEECP,"[ALB, TUR]",,true,1,confidential_few_states',
        'WB6,[ALB],,true,1,confidential_few_states',
      ]);
    const row = tableRow(bsec);
    expect(row).toContain('withheld');
    expect(row).not.toMatch(/\b184\b/);
    expect(text(index(bsec))).toContain('The regional total for 2025 is withheld: the confidential figures in it are those of fewer than three states, which the total less the other states’ published figures would give away (one state’s figure, or the sum of two, from which each learns the other’s).');
  });

  it('no longer holds it in the like-for-like columns: the change over Albania\'s C value is withheld, "–"', async () => {
    // BSEC's like-for-like 2025 was ALB 26 + GEO 58 + TUR 100 = 184 again, beside 2024's published figures
    expect(await mart(bsec, "select lfl_states, previous_value, obs_value, change_pct, is_suppressed from regional_change where group_code = 'BSEC' and indicator = 'TIP_VIC' and time_period = 2025"))
      .toEqual(['lfl_states,previous_value,obs_value,change_pct,is_suppressed', '"[ALB, GEO, TUR]",,,,true']);
    // States 3 | 2024 – | 2025 – | change – | withheld | 3 of 13
    expect(tableRow(bsec)).toMatch(/^Trafficking in persons: victims detected number 3 – – – withheld\d* 3 of 13/);
  });

  it('no longer publishes a total of two states\' confidential values, 215, from which each had the other\'s: withheld, and the review says why', async () => {
    // 26 (ALB, C) + 31 (ROU, C) + 58 + 100 = 215: less the published 58 and 100 it gives 57 = 26 + 31, and 57 - 26 =
    // 31 is Romania's to Albania, 57 - 31 = 26 Albania's to Romania. SEECP = 26 + 31 + 100 = 157 likewise (GEO is no
    // member), less 100 the same 57. WB6 is Albania's 26 alone
    expect(await mart(two, "select group_code, obs_value, confidential_states, suppression_reason from regional_total where indicator = 'TIP_VIC' and time_period = 2025 order by group_code"))
      .toEqual([
        'group_code,obs_value,confidential_states,suppression_reason',
        'BSEC,,2,confidential_few_states', 'SEECP,,2,confidential_few_states', 'WB6,,1,confidential_few_states',
      ]);
    const row = tableRow(two);
    // was: "… 215¹ 4 of 13"
    expect(row).toContain('withheld');
    expect(row).not.toMatch(/\b(215|57|26|31)\b/);
    expect(footnotes(two)).toContain(`${VICTIMS}: the 2025 total of all states reporting is withheld: the confidential figures in it are those of fewer than three states, which the total less the other states’ published figures would give away (one state’s figure, or the sum of two, from which each learns the other’s).`);
    expect(footnotes(two)).not.toContain('includes confidential figures of 2 states');
    expect(text(index(two))).toContain(`Regional totals withheld because the confidential figures in each are those of fewer than three states, which the total less the other states’ published figures would give away (one state’s figure, or the sum of two, from which each learns the other’s): ${VICTIMS} (2025)`);
    expect(text(index(two))).toContain('The regional total for 2025 is withheld: the confidential figures in it are those of fewer than three states, which the total less the other states’ published figures would give away (one state’s figure, or the sum of two, from which each learns the other’s).');
    expect(text(index(two))).not.toContain('recorded 215 in 2025');
  });

  it('publishes a total holding three states\' confidential values, marked, with a note saying how many', async () => {
    // 26 (ALB, C) + 31 (ROU, C) + 17 (BGR, C) + 58 + 100 = 232: less the published 58 and 100 it gives 74 = 26 + 31 +
    // 17, and Albania, knowing its 26, is left 48 = 31 + 17, two values it cannot tell apart (and likewise Romania and
    // Bulgaria). SEECP = 26 + 31 + 17 + 100 = 174, the same three (GEO is no member); BSEC - SEECP = Georgia's
    // published 58 and leaves no confidential value. WB6 is Albania's 26 alone: withheld
    expect(await mart(three, "select group_code, obs_value, confidential_states, suppression_reason from regional_total where indicator = 'TIP_VIC' and time_period = 2025 order by group_code"))
      .toEqual(['group_code,obs_value,confidential_states,suppression_reason', 'BSEC,232,3,', 'SEECP,174,3,', 'WB6,,1,confidential_few_states']);
    const row = tableRow(three);
    expect(row).toMatch(/ 232(\d) 5 of 13/); // the total and its footnote mark
    expect(footnotes(three)).toContain(`${VICTIMS}: the 2025 total of all states reporting includes confidential figures of 3 states, which are not shown.`);
    expect(text(index(three))).toContain(`Regional totals that include confidential figures, which are not shown: ${VICTIMS} (2025: 3 states). Each adds up the confidential figures of three or more states, none of which dwarfs the others, so that no one state’s figure can be worked out from it, not even by one of those states.`);
    expect(text(index(three))).toContain('recorded 232 in 2025. This total includes confidential figures of 3 states, which are not shown.');
    // no state's value, nor the sum of two, appears as a total
    expect(row).not.toMatch(/\b(26|31|17|57|43|48|74)\b/);
  });

  it('says in the annex what "flag" publishes, and no longer that C values appear nowhere', () => {
    // the WB6 review says it of its economies, the others of their states
    for (const [review, one, many] of [[bsec, 'state', 'states'], [wb6, 'economy', 'economies'], [two, 'state', 'states'], [three, 'state', 'states']] as const) {
      const annex = text(index(review));
      expect(annex).not.toContain('they appear in no chart, table, download or text of this review');
      expect(annex).toContain('no chart, table, download or text of this review shows one, or lets one be worked out.');
      expect(annex).toContain(`They count in a regional total only where it adds up the confidential figures of three or more ${many}`);
      expect(annex).toContain(`A total whose confidential figures are those of fewer than three ${many} is withheld, since the total less the other ${many}’ published figures would give back one ${one}’s figure, or the sum of two, from which each of the two learns the other’s`);
    }
  });
});

describe('confidentialInTotals "flag": confidentialMinStates and the p % rule (confidentialDominanceP)', () => {
  it('with confidentialMinStates 4, withholds the total of three states\' confidential values that the default publishes', async () => {
    // the returns of 232 above: BSEC and SEECP hold the values of ALB, ROU and BGR, three, fewer than four
    expect(await mart(four, "select group_code, obs_value, confidential_states, suppression_reason from regional_total where indicator = 'TIP_VIC' and time_period = 2025 order by group_code"))
      .toEqual(['group_code,obs_value,confidential_states,suppression_reason', 'BSEC,,3,confidential_few_states', 'SEECP,,3,confidential_few_states', 'WB6,,1,confidential_few_states']);
    expect(tableRow(four)).toContain('withheld');
    expect(tableRow(four)).not.toMatch(/\b232\b/);
    expect(footnotes(four)).toContain(`${VICTIMS}: the 2025 total of all states reporting is withheld: the confidential figures in it are those of fewer than four states, which the total less the other states’ published figures would give away (one state’s figure, or the sum of two, from which each learns the other’s).`);
    expect(text(index(four))).toContain('They count in a regional total only where it adds up the confidential figures of four or more states');
  });

  it('withholds a total in which one state\'s confidential value dwarfs the others: 900, 31, 26 (26 < 10 % of 900 = 90)', async () => {
    // BSEC 1115 less the published 58 and 100 is 957 = 900 + 31 + 26, and Romania, knowing its 31, puts Bulgaria's
    // at 926, 3 % off. SEECP = 900 + 31 + 26 + 100 = 1057 holds the same three. WB6 is Albania's 26 alone
    expect(await mart(dominant, "select group_code, obs_value, confidential_states, suppression_reason from regional_total where indicator = 'TIP_VIC' and time_period = 2025 order by group_code"))
      .toEqual(['group_code,obs_value,confidential_states,suppression_reason', 'BSEC,,3,confidential_dominant', 'SEECP,,3,confidential_dominant', 'WB6,,1,confidential_few_states']);
    const row = tableRow(dominant);
    expect(row).toContain('withheld');
    expect(row).not.toMatch(/\b(1115|957|926|900)\b/);
    const why = 'one state’s confidential figure in it dwarfs the others (the confidential figures besides the two largest come to less than 10% of the largest), so that the state with the second-largest could work it out to within 10% from the total less the other states’ published figures';
    expect(footnotes(dominant)).toContain(`${VICTIMS}: the 2025 total of all states reporting is withheld: ${why}.`);
    expect(text(index(dominant))).toContain(`Regional totals withheld because in each ${why}: ${VICTIMS} (2025); the line has a gap there.`);
    expect(text(index(dominant))).toContain(`The regional total for 2025 is withheld: ${why}.`);
    expect(text(index(dominant))).toContain(`so is a total in which ${why} (the p% rule of dominance, p = 10)`);
  });
});

describe('confidentialInTotals "flag": Figure 3.1 marks a flagged total', () => {
  it('marks a flagged total in Figure 3.1\'s data download and tooltip, as Table 3.1 does', () => {
    const csv = (review: string) => readFileSync(join(review, 'data', 'fig-3-1.csv'), 'utf8').split('\r\n');
    const spec = (review: string) => JSON.parse(readFileSync(join(review, 'specs', 'fig-3-1.vl.json'), 'utf8')) as { data: { values: Array<Record<string, unknown>> }; spec: { layer: Array<{ encoding: { tooltip?: Array<{ field: string; title: string }> } }> } };
    // the 2025 total of 232 holds ALB's, ROU's and BGR's C values: the download's last column says so, 2024's is blank
    const rows = csv(three);
    expect(rows[0]).toBe('panel,year,total,reporting,members,missing,change,confidential_states');
    const victims2025 = rows.find((l) => l.startsWith(`${VICTIMS},2025,`));
    expect(victims2025).toMatch(/^Trafficking in persons: victims detected,2025,232,5,13,".*",,3$/);
    expect(rows.find((l) => l.startsWith(`${VICTIMS},2024,`))).toMatch(/,$/);
    // a withheld total is no flagged one: BSEC's 184 of Albania's C value alone has no value and no mark
    expect(csv(bsec).find((l) => l.startsWith(`${VICTIMS},2025,`))).toMatch(/^Trafficking in persons: victims detected,2025,,3,13,".*",,$/);
    // the tooltip: "Includes confidential figures of: 3 states" on the point of 2025, "–" on 2024's
    const points = spec(three).data.values.filter((v) => v.row === 'point' && v.panel === VICTIMS).map((v) => [v.year, v.total, v.confidential]);
    expect(points).toEqual([[2024, 1462, '\u2013'], [2025, 232, '3 states']]);
    expect(spec(three).spec.layer[1]!.encoding.tooltip?.at(-1)).toEqual({ field: 'confidential', type: 'nominal', title: 'Includes confidential figures of' });
  });

  it('adds no such column or tooltip line under "suppress", where no published total includes a confidential figure', () => {
    const row = { panel: VICTIMS, area: 'TIP', year: 2025, total: 184, reporting: 3, members: 13, coverage: 'Some members missing' as const, statesChange: null };
    const built = buildRegionalMultiples([row], [{ area: 'TIP', colour: '#000000' }], [VICTIMS], 'd', STATES) as unknown as { data: { values: Array<Record<string, unknown>> }; spec: { layer: Array<{ encoding: { tooltip?: Array<{ field: string }> } }> } };
    expect(built.data.values[0]).not.toHaveProperty('confidential');
    expect(built.spec.layer[1]!.encoding.tooltip?.map((t) => t.field)).toEqual(['panel', 'year', 'printed', 'reportedBy', 'statesChange']);
  });
});

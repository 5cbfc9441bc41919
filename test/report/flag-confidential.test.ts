import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { buildReview, text, writeReturn, year } from './helpers/thin-returns.js';

// confidentialInTotals "flag", end to end (returns -> ingest -> build -> report, a config file setting "flag"). A
// colleague recovered Albania's victims of trafficking, 26 marked C, three ways: a WB6 review's regional total was 26
// (Albania the only WB6 state reporting); the BSEC review's total was 184 and 184 - 58 - 100 (Georgia's and
// Türkiye's published totals) = 26; and the like-for-like columns of Table 3.1 held it too. None was marked, and
// the annex said C values "appear in no chart, table, download or text".

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

beforeAll(async () => {
  const flag = { confidentialInTotals: 'flag' };
  [bsec, wb6, two] = await Promise.all([
    buildReview((dir) => returns(dir), { config: flag }),
    buildReview((dir) => returns(dir), { config: { ...flag, group: 'WB6' } }),
    buildReview((dir) => returns(dir, (d) => [victims(d, 'ROU', 2024), victims(d, 'ROU', 2025, 31, 'C')]), { config: flag }),
  ]);
}, 240_000);

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

describe('confidentialInTotals "flag": a total of one state\'s confidential value is withheld', () => {
  it('no longer gives Albania\'s 26 as the WB6 total: withheld, and the review says why', async () => {
    expect(await mart(wb6, "select group_code, states_reporting, obs_value, confidential_states, suppression_reason from regional_total where indicator = 'TIP_VIC' and time_period = 2025 and group_code = 'WB6'"))
      .toEqual(['group_code,states_reporting,obs_value,confidential_states,suppression_reason', 'WB6,1,,1,confidential_single_state']);
    // was: "Trafficking in persons: victims detected … 26 | 1 of 6"
    expect(tableRow(wb6)).toContain('withheld');
    expect(tableRow(wb6)).not.toMatch(/\b26\b/);
    expect(footnotes(wb6)).toContain(`${VICTIMS}: the 2025 total of all states reporting is withheld: the confidential figures in it are those of a single state, which the total less the other states’ published figures would give away.`);
  });

  it('no longer publishes BSEC\'s 184, from which 184 − 58 − 100 = 26 was Albania\'s', async () => {
    expect(await mart(bsec, "select group_code, reporting_states, obs_value, has_confidential, confidential_states, suppression_reason from regional_total where indicator = 'TIP_VIC' and time_period = 2025 order by group_code"))
      .toEqual([
        'group_code,reporting_states,obs_value,has_confidential,confidential_states,suppression_reason',
        // BSEC 26 + 58 + 100 = 184 less the published 58 and 100; SEECP 26 + 100 = 126 less 100; WB6 26 alone
        'BSEC,"[ALB, GEO, TUR]",,true,1,confidential_single_state',
        'SEECP,"[ALB, TUR]",,true,1,confidential_single_state',
        'WB6,[ALB],,true,1,confidential_single_state',
      ]);
    const row = tableRow(bsec);
    expect(row).toContain('withheld');
    expect(row).not.toMatch(/\b184\b/);
    expect(text(index(bsec))).toContain('The regional total for 2025 is withheld: the confidential figures in it are those of a single state, which the total less the other states’ published figures would give away.');
  });

  it('no longer holds it in the like-for-like columns: the change over Albania\'s C value is withheld, "–"', async () => {
    // BSEC's like-for-like 2025 was ALB 26 + GEO 58 + TUR 100 = 184 again, beside 2024's published figures
    expect(await mart(bsec, "select lfl_states, previous_value, obs_value, change_pct, is_suppressed from regional_change where group_code = 'BSEC' and indicator = 'TIP_VIC' and time_period = 2025"))
      .toEqual(['lfl_states,previous_value,obs_value,change_pct,is_suppressed', '"[ALB, GEO, TUR]",,,,true']);
    // States 3 | 2024 – | 2025 – | change – | withheld | 3 of 13
    expect(tableRow(bsec)).toMatch(/^Trafficking in persons: victims detected number 3 – – – withheld\d* 3 of 13/);
  });

  it('publishes a total holding two states\' confidential values, marked, with a note saying how many', async () => {
    // 26 (ALB, C) + 31 (ROU, C) + 58 + 100 = 215: less the published 58 and 100 it gives 57 = 26 + 31, neither
    // state's value. SEECP = 26 + 31 + 100 = 157 likewise (GEO is no member); BSEC - SEECP = Georgia's published 58.
    // WB6 is Albania's 26 alone: withheld
    expect(await mart(two, "select group_code, obs_value, confidential_states, suppression_reason from regional_total where indicator = 'TIP_VIC' and time_period = 2025 order by group_code"))
      .toEqual(['group_code,obs_value,confidential_states,suppression_reason', 'BSEC,215,2,', 'SEECP,157,2,', 'WB6,,1,confidential_single_state']);
    const row = tableRow(two);
    expect(row).toMatch(/ 215(\d) 4 of 13/); // the total and its footnote mark
    expect(footnotes(two)).toContain(`${VICTIMS}: the 2025 total of all states reporting includes confidential figures of 2 states, which are not shown.`);
    expect(text(index(two))).toContain(`Regional totals that include confidential figures, which are not shown: ${VICTIMS} (2025: 2 states).`);
    expect(text(index(two))).toContain('recorded 215 in 2025. This total includes confidential figures of 2 states, which are not shown.');
    // neither state's value appears as a total
    expect(row).not.toMatch(/\b(26|31)\b/);
  });

  it('says in the annex what "flag" publishes, and no longer that C values appear nowhere', () => {
    for (const review of [bsec, wb6, two]) {
      const annex = text(index(review));
      expect(annex).not.toContain('they appear in no chart, table, download or text of this review');
      expect(annex).toContain('no chart, table, download or text of this review shows one, or lets one be worked out.');
      expect(annex).toContain('A total whose confidential figures are one state’s is withheld, since the total less the other states’ published figures would give that figure back');
    }
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { buildReview, writeShorthandReturn } from './helpers/thin-returns.js';

// A state whose breakdown by counterpart is marked confidential: the flow mart rightly publishes none of it, but the
// review's cross-border section then read as if the state had sent nothing (the sample's Türkiye, for firearms
// seized from 2022 on, was missing from the heatmap with no word of why).

/**
 * Victims by citizenship for 2024 and 2025, with no count below 5 (so no cell is hidden for that); `edit` changes a
 * line of 2025 (`INDICATOR,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE[,OBS_STATUS,CONF_STATUS]`, prefixed `ISO3:`).
 */
function writeReturns(dir: string, edit: (line: string) => string = (l) => l): string[] {
  const names: string[] = [];
  const files: Record<string, string[]> = {
    GEO: ['POP,_T,_T,_T,_T,3700000', 'TIP_VIC,_T,_T,_T,_T,60', 'TIP_VIC,_T,_T,GEO,_T,30', 'TIP_VIC,_T,_T,UZB,_T,20', 'TIP_VIC,_T,_T,_U,_T,10'],
    TUR: ['POP,_T,_T,_T,_T,85000000', 'TIP_VIC,_T,_T,_T,_T,100', 'TIP_VIC,_T,_T,TUR,_T,40', 'TIP_VIC,_T,_T,UZB,_T,50', 'TIP_VIC,_T,_T,_U,_T,10'],
    ALB: ['POP,_T,_T,_T,_T,2800000', 'TIP_VIC,_T,_T,_T,_T,26', 'TIP_VIC,_T,_T,ALB,_T,16', 'TIP_VIC,_T,_T,_U,_T,10'],
  };
  for (const year of [2024, 2025]) {
    for (const [iso3, lines] of Object.entries(files)) {
      names.push(writeShorthandReturn(dir, iso3, year, lines.map((l) => (year === 2025 ? edit(`${iso3}:${l}`).replace(/^[A-Z]{3}:/, '') : l))));
    }
  }
  return names;
}

/** The text of a page, each tag a space (so that table cells stay apart). */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
/** The cross-border section of chapter 4 (trafficking in persons), as text. */
const flowsSection = (review: string) => text(/<section class="section" id="ch-4-flows">([\s\S]*?)<\/section>/.exec(readFileSync(join(review, 'index.html'), 'utf8'))?.[1] ?? '');
/** The section's opening paragraph, as text. */
const opening = (review: string) => text(/<section class="section" id="ch-4-flows">[\s\S]*?<p>([\s\S]*?)<\/p>/.exec(readFileSync(join(review, 'index.html'), 'utf8'))?.[1] ?? '').trim();
/** The rows of the heatmap's data download. */
const heatmap = (review: string) => {
  const file = readdirSync(join(review, 'data')).sort().find((f) => readFileSync(join(review, 'data', f), 'utf8').split(/\r?\n/)[0]?.replace(/^\uFEFF/, '') === 'origin,destination,value,source');
  expect(file).toBeDefined();
  return readFileSync(join(review, 'data', file!), 'utf8').trim().split(/\r?\n/).slice(1);
};
/** The rows of `sql` over the review's warehouse, as CSV lines. */
const mart = async (review: string, sql: string) => {
  const result = await runCli(['query', '--warehouse', join(dirname(review), 'warehouse.duckdb'), '--format', 'csv', sql]);
  expect(result.code).toBe(0);
  return result.stdout.trim().split('\n');
};

describe('a state whose breakdown by counterpart is marked confidential', () => {
  let none: string; // every row public
  let one: string; // Türkiye's 50 Uzbeks of 2025 marked C
  let two: string; // and Georgia's total of 2025 marked C, its rows public
  let all: string; // every member's total of 2025 marked C: no breakdown to show at all

  beforeAll(async () => {
    [none, one, two, all] = await Promise.all([
      buildReview((dir) => writeReturns(dir)),
      buildReview((dir) => writeReturns(dir, (l) => (l === 'TUR:TIP_VIC,_T,_T,UZB,_T,50' ? 'TUR:TIP_VIC,_T,_T,UZB,_T,50,A,C' : l))),
      buildReview((dir) => writeReturns(dir, (l) => (l === 'TUR:TIP_VIC,_T,_T,UZB,_T,50' ? 'TUR:TIP_VIC,_T,_T,UZB,_T,50,A,C' : l === 'GEO:TIP_VIC,_T,_T,_T,_T,60' ? 'GEO:TIP_VIC,_T,_T,_T,_T,60,A,C' : l))),
      buildReview((dir) => writeReturns(dir, (l) => (/^[A-Z]{3}:TIP_VIC,_T,_T,_T,_T,\d+$/.test(l) ? `${l},A,C` : l))),
    ]);
  }, 240_000);

  it('has a flow_share row saying so, with every value null, beside the year it was published', async () => {
    const columns = 'indicator, area, ref_area, time_period, national_value, foreign_value, unknown_value, reported_value, total_value, national_share, foreign_share, unknown_share, foreign_countries, is_confidential';
    expect(await mart(one, `select ${columns} from flow_share where ref_area = 'TUR' order by time_period`)).toEqual([
      columns.replace(/ /g, ''),
      'TIP_VIC,TIP,TUR,2024,40,50,10,100,100,0.4,0.5,0.1,1,false',
      'TIP_VIC,TIP,TUR,2025,,,,,,,,,,true',
    ]);
    // and nothing of it in flow: the total (100, published) less the rows shown would give the 50 back
    expect(await mart(one, "select count(*) as n from flow where ref_area = 'TUR' and time_period = 2025")).toEqual(['n', '0']);
    // a confidential total makes the breakdown confidential too: its rows add up to it
    expect(await mart(two, 'select ref_area, time_period from flow_share where is_confidential order by ref_area')).toEqual(['ref_area,time_period', 'GEO,2025', 'TUR,2025']);
    expect(await mart(none, 'select count(*) as n from flow_share where is_confidential')).toEqual(['n', '0']);
  });

  it('names the state in the heatmap\'s note and in the section\'s text (was: no word, as if it sent none)', () => {
    expect(heatmap(one).some((r) => r.split(',')[1] === 'Türkiye')).toBe(false);
    expect(flowsSection(one)).toContain('Not shown: the breakdown of Türkiye by citizenship of the victim, marked confidential.');
    // the shares are of Georgia's 60 and Albania's 26 (46 nationals, 20 Uzbeks, 20 unknown): Türkiye's 100 is not in them
    expect(opening(one)).toBe('Of the victims of trafficking in persons detected with a breakdown by citizenship, 53.5% were nationals of the reporting state, 23.3% were foreign nationals, and for 23.3% the citizenship was not known (rounded, so they add up to 100.1%). The largest cross-border corridor ran from Uzbekistan to Georgia (20 victims, 100.0% of all cross-border flows reported). These figures leave out the breakdown of Türkiye, marked confidential.');
  });

  it('lists several such states as the review lists states', () => {
    expect(flowsSection(two)).toContain('Not shown: the breakdowns of Georgia and Türkiye by citizenship of the victim, marked confidential.');
    expect(opening(two)).toMatch(/ These figures leave out the breakdowns of Georgia and Türkiye, marked confidential\.$/);
  });

  it('says nothing of the kind where every breakdown is public', () => {
    expect(flowsSection(none)).not.toContain('marked confidential');
    expect(heatmap(none).filter((r) => r.split(',')[1] === 'Türkiye').map((r) => r.split(',').slice(0, 3).join(','))).toEqual(['Uzbekistan,Türkiye,50', 'Türkiye,Türkiye,40', 'Unknown,Türkiye,10']);
  });

  it('says whose breakdowns are confidential where none is left to show (was: no state records a counterpart)', () => {
    expect(flowsSection(all)).toContain('No breakdown by counterpart country can be shown for 2025. The breakdowns of Albania, Georgia and Türkiye by citizenship of the victim (victims of trafficking in persons detected) are marked confidential.');
    expect(flowsSection(all)).not.toContain('No indicator in this area records a counterpart country');
  });
});

describe('a state whose breakdowns of two indicators are marked confidential', () => {
  let both: string; // Türkiye's victims and persons convicted by citizenship, each total marked C; Georgia gives no counterpart

  beforeAll(async () => {
    both = await buildReview((dir) => [
      writeShorthandReturn(dir, 'TUR', 2025, ['POP,_T,_T,_T,_T,85000000', 'TIP_VIC,_T,_T,_T,_T,100,A,C', 'TIP_VIC,_T,_T,TUR,_T,40', 'TIP_VIC,_T,_T,UZB,_T,60',
        'TIP_CNV,_T,_T,_T,_T,30,A,C', 'TIP_CNV,_T,_T,TUR,_T,20', 'TIP_CNV,_T,_T,UZB,_T,10']),
      writeShorthandReturn(dir, 'GEO', 2025, ['POP,_T,_T,_T,_T,3700000', 'TIP_VIC,_T,_T,_T,_T,60']),
    ]);
  }, 240_000);

  it('names the state once, with both breakdowns (was: "Türkiye by … and Türkiye by …")', () => {
    expect(flowsSection(both)).toContain('No breakdown by counterpart country can be shown for 2025. The breakdowns of Türkiye by citizenship of the person (persons convicted of trafficking in persons) and by citizenship of the victim (victims of trafficking in persons detected) are marked confidential.');
  });
});

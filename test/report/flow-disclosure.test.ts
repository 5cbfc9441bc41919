import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { givenFlowSums } from '../../src/report/load/flow-disclosure.js';
import { buildReview, writeShorthandReturn } from './helpers/thin-returns.js';

// An outsider's attacks on the cross-border section of a published review, with small counts of unknown citizenship:
// a state's total (the rates map's data) less its heatmap cells, and a corridor's share of the foreign sum (which
// gives that sum) less the cells shown, each of which gave a "<5" cell back exactly.

/** Victims by citizenship (and by sex and form of exploitation, with a C and an N value) for 2024 and 2025. */
function writeReturns(dir: string, albania: { total: number; unknown: number }, edit: (line: string) => string = (l) => l /* '' drops the line */): string[] {
  const names: string[] = [];
  for (const year of [2024, 2025]) {
    const files: Record<string, string[]> = {
      // Georgia: 30 nationals, 20 Uzbeks shown; hidden 2 (Armenia) + 3 (Azerbaijan) foreign and 3 unknown: 8 in all,
      // so its total less its cells shown (8) gives nothing away, but less the foreign 5 it would give the unknown 3
      GEO: ['POP,_T,_T,_T,_T,3700000', 'TIP_VIC,_T,_T,_T,_T,58', 'TIP_VIC,F,_T,_T,_T,55', 'TIP_VIC,M,_T,_T,_T,3',
        'TIP_VIC,_T,_T,GEO,_T,30', 'TIP_VIC,_T,_T,UZB,_T,20', 'TIP_VIC,_T,_T,ARM,_T,2', 'TIP_VIC,_T,_T,AZE,_T,3', 'TIP_VIC,_T,_T,_U,_T,3',
        'TIP_VIC,_T,_T,_T,SEX_EXPL,40', 'TIP_VIC,_T,_T,_T,FORCED_LAB,15,A,N', 'TIP_VIC,_T,_T,_T,ORGAN,0', 'TIP_VIC,_T,_T,_T,OTHER,3'],
      TUR: ['POP,_T,_T,_T,_T,85000000', 'TIP_VIC,_T,_T,_T,_T,100', 'TIP_VIC,F,_T,_T,_T,60', 'TIP_VIC,M,_T,_T,_T,40',
        'TIP_VIC,_T,_T,TUR,_T,40', 'TIP_VIC,_T,_T,UZB,_T,50', 'TIP_VIC,_T,_T,_U,_T,10'],
      // Albania: 16 nationals and the rest of unknown citizenship; women confidential
      ALB: ['POP,_T,_T,_T,_T,2800000', `TIP_VIC,_T,_T,_T,_T,${albania.total}`, 'TIP_VIC,F,_T,_T,_T,16,A,C', `TIP_VIC,M,_T,_T,_T,${albania.total - 16}`,
        'TIP_VIC,_T,_T,ALB,_T,16', `TIP_VIC,_T,_T,_U,_T,${albania.unknown}`],
    };
    for (const [iso3, lines] of Object.entries(files)) names.push(writeShorthandReturn(dir, iso3, year, lines.map(edit).filter((l) => l !== '')));
  }
  return names;
}

/** The text of a page, each tag a space (so that table cells stay apart). */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** The rows of the review's data download whose header is `header` (the heatmap's, the rates map's). */
const csv = (out: string, header: string) => {
  const file = readdirSync(join(out, 'data')).sort().find((f) => readFileSync(join(out, 'data', f), 'utf8').split(/\r?\n/)[0]?.replace(/^\uFEFF/, '') === header);
  expect(file).toBeDefined();
  return readFileSync(join(out, 'data', file!), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
};
const HEATMAP = 'origin,destination,value,source';
// with its Note column: a member of this review has no rate for a reason the note gives (a count below 5, no population)
const MAP = 'name,iso3,value,rate,note,source';

describe('the regional sums a share may give, with every state\'s total beside it', () => {
  it('gives the national sum alone where the foreign sum less a state\'s hidden cells would leave its 3 of unknown citizenship', () => {
    expect(givenFlowSums([{ iso3: 'GEO', hidden: { national: 0, foreign: 5, unknown: 3 } }, { iso3: 'TUR', hidden: { national: 0, foreign: 0, unknown: 0 } }], 5)).toEqual(['national']);
  });

  it('gives all three where every state\'s hidden part of each kind is 0 or at least the threshold', () => {
    expect(givenFlowSums([{ iso3: 'GEO', hidden: { national: 0, foreign: 12, unknown: 0 } }, { iso3: 'ALB', hidden: { national: 0, foreign: 8, unknown: 5 } }], 5)).toEqual(['national', 'foreign', 'unknown']);
  });

  it('gives none where the national sum less a state\'s total would leave its unknown 4 and the foreign sum another state\'s unknown 3', () => {
    expect(givenFlowSums([{ iso3: 'GEO', hidden: { national: 0, foreign: 5, unknown: 3 } }, { iso3: 'ALB', hidden: { national: 16, foreign: 0, unknown: 4 } }], 5)).toEqual([]);
  });

  it('gives all three with a threshold of 0 (the rule turned off)', () => {
    expect(givenFlowSums([{ iso3: 'GEO', hidden: { national: 0, foreign: 5, unknown: 3 } }], 0)).toEqual(['national', 'foreign', 'unknown']);
  });
});

describe('a review whose breakdowns by citizenship hide small counts of unknown citizenship', () => {
  let single: string;
  let split: string;
  let confidential: string;

  beforeAll(async () => {
    // Albania 20 = 16 nationals + 4 of unknown citizenship ("<5"): its total less its one cell shown was the 4
    single = await buildReview((dir) => writeReturns(dir, { total: 20, unknown: 4 }));
    // Albania 26 = 16 + 10: Albania hides nothing; Georgia's hidden 2 + 3 foreign and 3 unknown remain
    split = await buildReview((dir) => writeReturns(dir, { total: 26, unknown: 10 }));
    // Georgia's hidden cells become one confidential row: Armenia 8 (C), beside 30 nationals and 20 Uzbeks of 58
    confidential = await buildReview((dir) => writeReturns(dir, { total: 26, unknown: 10 }, (l) => {
      if (l === 'TIP_VIC,_T,_T,AZE,_T,3' || l === 'TIP_VIC,_T,_T,_U,_T,3') return ''; // Georgia's (no other state has a 3)
      return l === 'TIP_VIC,_T,_T,ARM,_T,2' ? 'TIP_VIC,_T,_T,ARM,_T,8,A,C' : l;
    }));
  }, 240_000);

  it('shows no cell of a state whose total less its cells shown would give its one "<5" cell back (was: 20 − 16 = 4)', () => {
    const total = csv(single, MAP).find((r) => r[1] === 'ALB');
    expect(total?.[2]).toBe('20'); // the rates map's data publishes Albania's total
    const albania = csv(single, HEATMAP).filter((r) => r[1] === 'Albania');
    expect(albania).toEqual([]); // was [Albania, Albania, 16]: 20 − 16 = 4, the hidden unknown cell
    const shown = albania.reduce((sum, r) => sum + Number(r[2]), 0);
    expect(Number(total?.[2]) - shown).toBeGreaterThanOrEqual(5);
    const page = text(readFileSync(join(single, 'index.html'), 'utf8'));
    expect(page).toContain('No cell of Albania is shown: its cells with a count below 5 come to less than 5, so its total less the cells shown would give them away; they count in the totals the shares are taken of.');
  });

  it('withholds the corridors\' shares where the foreign sum they give, less a state\'s hidden cells, would leave its 3 of unknown citizenship', () => {
    // was: 'Uzbekistan to Türkiye (50 victims, 66.7% of all cross-border flows reported)': 50 / 0.667 = 75 foreign, of
    // which 70 shown, so 5 hidden; Georgia's 58 less its 50 shown is 8 hidden; 8 − 5 = 3 of unknown citizenship
    const html = readFileSync(join(split, 'index.html'), 'utf8');
    const page = text(html);
    expect(page).toContain('The largest cross-border corridor ran from Uzbekistan to Türkiye (50 victims).');
    expect(page).not.toMatch(/66\.7%/);
    expect(page).toMatch(/Rank From Reporting state Number Share of cross-border 1 Uzbekistan Türkiye 50 – 2 Uzbekistan Georgia 20 –/);
    expect(page).toContain('A share is also withheld where, taken with the states’ totals, it would reveal a count below 5');
    // the national share stays: the national sum hides nothing, so with the totals it gives only Georgia's 8 hidden
    expect(page).toContain('Of the victims of trafficking in persons detected with a breakdown by citizenship, 46.7% were nationals of the reporting state (a share of all of them, those whose citizenship was not known included).');
    // nothing in the downloads carries a share of the foreign sum either
    for (const file of readdirSync(join(split, 'data'))) expect(readFileSync(join(split, 'data', file), 'utf8')).not.toMatch(/0\.66/);
    for (const file of readdirSync(join(split, 'specs'))) expect(readFileSync(join(split, 'specs', file), 'utf8')).not.toMatch(/66\.7%|0\.666/);
  });

  it('withholds every regional share where the national sum too, with a state\'s total, would give a small count back', () => {
    const page = text(readFileSync(join(single, 'index.html'), 'utf8'));
    expect(page).not.toContain('were nationals of the reporting state');
    expect(page).toContain('The largest cross-border corridor ran from Uzbekistan to Türkiye (50 victims).');
  });

  it('shows no cell of a state whose breakdown holds a confidential row (was: 58 − 30 − 20 gave Armenia\'s C 8)', () => {
    expect(csv(confidential, MAP).find((r) => r[1] === 'GEO')?.[2]).toBe('58');
    expect(csv(confidential, HEATMAP).filter((r) => r[1] === 'Georgia')).toEqual([]);
    expect(csv(confidential, HEATMAP).map((r) => r.slice(0, 3).join(','))).toEqual(['Uzbekistan,Türkiye,50', 'Türkiye,Türkiye,40', 'Unknown,Albania,10', 'Unknown,Türkiye,10', 'Albania,Albania,16']);
  });
});

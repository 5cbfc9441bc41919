import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReview, text, writeReturn } from './helpers/thin-returns.js';

// A first season with three returns in, all late: Albania's whole return, Armenia's one figure (cybercrime offences,
// no population) and Greece's return with every value confidential. The review must say what the numbers support:
// no state "not reported" that did report, no empty table, no highest and lowest naming the same states, no "median
// state" where there is one.

let out: string;

beforeAll(async () => {
  out = await buildReview((dir) => [
    writeReturn(dir, 'ALB', 2025, () => true),
    writeReturn(dir, 'ARM', 2025, (l) => l.startsWith('ARM,2025,CYB_OFF,_T,_T,_T,_T,')),
    writeReturn(dir, 'GRC', 2025, () => true, (l) => l.replace(/^(GRC,2025,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*),F,/, '$1,C,')),
  ], { received: { 'ALB_2025.csv': '2026-02-05T10:00:00Z', 'ARM_2025.csv': '2026-02-05T10:00:00Z', 'GRC_2025.csv': '2026-02-05T10:00:00Z' } });
}, 240_000);

describe('a first season of three late returns: one complete, one of a single figure, one all confidential', () => {
  it('does not name a state whose figures are confidential among those that did not report (Table 3.1 says "3 of 13")', () => {
    const index = text(readFileSync(join(out, 'index.html'), 'utf8'));
    expect(index).toContain('Trafficking in persons: victims detected: the 2025 total of all states reporting is withheld because it would include confidential figures.');
    expect(index).toContain('Not reported for 2025 by Armenia, Azerbaijan, Bulgaria, Georgia, Moldova, North Macedonia, Romania, the Russian Federation, Serbia, Türkiye and Ukraine.');
    expect(index).toContain('Not reported for 2025 by Azerbaijan, Bulgaria, Georgia, Moldova, North Macedonia, Romania, the Russian Federation, Serbia, Türkiye and Ukraine.');
  });

  it('says why no corridor is listed instead of an empty table: every cross-border cell is a count below 5', () => {
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(text(html)).toContain('No cross-border corridor can be listed for 2025: each of the 2 cells with a counterpart abroad is a count below 5, not shown.');
    expect(html).not.toMatch(/<tbody>\s*<\/tbody>/);
  });

  it('names the one state with a rate once, in the map\'s and the rate chart\'s text alternatives and the attrition text', () => {
    const index = text(readFileSync(join(out, 'index.html'), 'utf8'));
    expect(index).toContain('per 100,000 population in 2025. Only Albania (2.8) has a figure. No figure: Armenia,');
    // Greece's figures are all confidential: it gave one, withheld, not "no figure" (it was among "12 states")
    expect(index).toContain('Victims of trafficking in persons detected: only Albania has a figure (2.8), so the regional median is its rate. 11 states gave no figure. Greece gave a figure marked confidential, not published.');
    expect(index).toMatch(/ No rate, the figure marked confidential: Greece\./);
    expect(index).not.toMatch(/No figure: [^.]*Greece/);
    expect(index).not.toMatch(/Highest: Albania[^.]*\. Lowest: Albania/);
    expect(index).toMatch(/In Albania, the one state with published ratios, for every 100 offences of trafficking in persons recorded, \d+ persons were suspected in the same year; for every 100 persons suspected, \d+ were prosecuted/);
    expect(index).not.toContain('In the median state');
  });

  it('says none came by the deadline and three late, not "none … 3 more"', () => {
    const index = text(readFileSync(join(out, 'index.html'), 'utf8'));
    expect(index).toContain('By the deadline of 31 January 2026, none of the 13 member states had returned their data for 2025; 3 arrived late and are included.');
  });

  it('tells a state that reported a headline indicator without a population why it has no rate, not that it reported none', () => {
    const page = text(readFileSync(join(out, 'states', 'ARM.html'), 'utf8'));
    expect(page).toContain('No rate to set against the median: Armenia reported offences recorded for cybercrime, but no population figure covers it (indicator POP in its return, or an imported population), so no rate per 100,000 can be given.');
    expect(page).not.toContain('reported none of the headline indicators');
  });

  it('says a state whose every figure is confidential sent them withheld, not that it has no figure', () => {
    const page = text(readFileSync(join(out, 'states', 'GRC.html'), 'utf8'));
    expect(page).toContain('accepted with 259 rows');
    expect(page).toContain('No indicator: every figure of Greece’s return for 2025 is confidential or withheld by the state (flag C, N or Q), so none is published in this review.');
    expect(page).toContain('No rate to set against the median: every figure of Greece’s return for 2025 is confidential or withheld');
    expect(page).not.toContain('Greece has no figure for 2025');
  });
});

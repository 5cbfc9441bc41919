import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOverviewChapter } from '../../src/report/pages/build-overview-chapter.js';
import { buildReturnsChapter } from '../../src/report/pages/build-returns-chapter.js';
import { describeComposition } from '../../src/report/pages/describe-composition.js';
import { indexReview, type ReviewIndex } from '../../src/report/pages/review-index.js';
import { yearRange } from '../../src/report/format-number.js';
import type { Store } from '../../src/store/index.js';
import { insertObservations, loadTestReference, openTestWarehouse, tempDir, type ObservationFixture } from '../helpers/warehouse.js';
import { buildAndLoadReview } from './helpers/review-warehouse.js';

// A regional total's line moves with the states it adds up: where they change, Figure 3.1's note, its text
// alternative and the chapter name where (the same count, 4 states in 2022 and 2023, can be a different 4); the
// returns chapter says what the missing returns do to the year's totals, never 'fewer states than earlier years' of
// a state that never reported.

const stores: Store[] = [];
let churn: ReviewIndex;
let mixed: ReviewIndex;
let steady: ReviewIndex;
const text = (markup: unknown) => String(markup).replace(/<sup[^>]*>.*?<\/sup>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const o = (ref_area: string, time_period: number, indicator: string, obs_value: number): ObservationFixture => ({ ref_area, time_period, indicator, obs_value });

/** Returns the review of a warehouse holding, per state, its headline figures for the years given (each state's last year its return's). */
async function reviewOf(years: Record<string, Partial<Record<string, number[]>>>): Promise<ReviewIndex> {
  const store = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
  stores.push(store);
  for (const [i, [iso3, byIndicator]] of Object.entries(years).entries()) {
    const rows = Object.entries(byIndicator).flatMap(([indicator, list]) => (list ?? []).map((y) => o(iso3, y, indicator, 100 + 10 * i + y - 2021)));
    const all = rows.map((r) => r.time_period);
    const pop = yearRange(all).map((y) => o(iso3, y, 'POP', 3_000_000 + i));
    await insertObservations(store, [...pop, ...rows], { reporting_year: Math.max(...all) });
  }
  return (await buildAndLoadReview(store, await loadTestReference())).ix;
}

beforeAll(async () => {
  const y = (first: number, last: number, ...without: number[]) => yearRange([first, last]).filter((year) => !without.includes(year));
  // as in the sample: Ukraine missing in 2022, the Russian Federation gone from 2023, Azerbaijan's return for 2025
  // not in; alike for victims and firearms seized
  const alike = (years: number[]) => ({ TIP_VIC: years, FA_SEIZED: years });
  churn = await reviewOf({
    ALB: alike(y(2021, 2025)), GRC: alike(y(2021, 2025)), UKR: alike(y(2021, 2025, 2022)), RUS: alike(y(2021, 2022)), AZE: alike(y(2021, 2024)),
  });
  // victims: the same states every year; drug seizures: Greece missing in 2022 and 2024, Romania in 2023; firearms
  // seized: Georgia in 2022–2023 only, Türkiye from 2023, Serbia missing in 2022 and 2024; cybercrime offences: five
  // states come and go
  mixed = await reviewOf({
    ALB: { TIP_VIC: y(2021, 2025), FA_SEIZED: y(2021, 2025), CYB_OFF: y(2021, 2025), DRG_SEIZ_KG: y(2021, 2025) },
    GRC: { TIP_VIC: y(2021, 2025), FA_SEIZED: y(2021, 2025), CYB_OFF: y(2021, 2025, 2022), DRG_SEIZ_KG: y(2021, 2025, 2022, 2024) },
    GEO: { FA_SEIZED: y(2022, 2023), CYB_OFF: y(2022, 2023) },
    TUR: { FA_SEIZED: y(2023, 2025), CYB_OFF: y(2021, 2025, 2023) },
    SRB: { FA_SEIZED: y(2021, 2025, 2022, 2024), CYB_OFF: y(2021, 2025, 2024) },
    ROU: { CYB_OFF: y(2021, 2025, 2021), DRG_SEIZ_KG: y(2021, 2025, 2023) },
  });
  // Albania and Greece every year, no other member ever
  steady = await reviewOf({ ALB: { TIP_VIC: y(2021, 2025) }, GRC: { TIP_VIC: y(2021, 2025) } });
}, 240_000);
afterAll(() => {
  for (const store of stores) store.close();
});

describe('Figure 3.1 and its chapter', () => {
  it('name once where the states behind every panel’s total change, though 2022 and 2023 count 4 states each', () => {
    const overview = buildOverviewChapter(churn, '3');
    const [figure] = overview.figures;
    const said = 'The states behind the totals change over the years, alike in every panel: from 2023 the total no longer includes the Russian Federation; Ukraine is missing in 2022 and Azerbaijan in 2025.';
    expect(figure?.rows.filter((r) => r.panel === 'Firearms seized' && (r.year === 2022 || r.year === 2023)).map((r) => r.reporting)).toEqual([4, 4]);
    expect(figure?.notes[1]).toBe(said);
    const dashed = 'The line is dashed into each year whose total adds up different states from the year before: 2022, 2023 and 2025, alike in every panel.';
    expect(figure?.description).toBe(`Small multiples of the regional total of 6 headline indicators, 2021 to 2025. Trafficking in persons: victims detected: 600 in 2021 (5 states), 342 in 2025 (3 states); Smuggling of migrants: offences recorded: no figure for 2021–2025; Drug seizures (kilograms): no figure for 2021–2025; Firearms seized: 600 in 2021 (5 states), 342 in 2025 (3 states); Cybercrime: offences recorded: no figure for 2021–2025; Corruption: offences recorded: no figure for 2021–2025. ${said} ${dashed}`);
    expect(text(overview.body)).toContain(`where a state did not report, its figure is missing, not zero, and the point is drawn hollow; where the states behind a total differ from the year before, the line into that year is dashed. ${said} Table 3.1 compares`);
    // the data table names the members missing each year (the eight that never report among them)
    const firearms2023 = figure?.rows.find((r) => r.panel === 'Firearms seized' && r.year === 2023);
    expect(firearms2023?.missing).toBe('Armenia, Bulgaria, Georgia, Moldova, North Macedonia, Romania, Russian Federation, Serbia, Türkiye');
    expect(figure?.columns.at(-2)).toEqual({ field: 'missing', title: 'Members not reporting', format: 'text' });
  });

  it('dash the line into each year whose states differ from the year before, and say which states came and went', () => {
    // Was: one solid line from 2021 to 2025, so that a total falling as the Russian Federation stopped reporting read
    // as a fall in crime; the chart had no mark of it
    const [figure] = buildOverviewChapter(churn, '3').figures;
    const spec = figure?.spec as unknown as { data: { values: Record<string, unknown>[] }; spec: { layer: { mark: { type: string }; encoding: Record<string, { legend?: unknown; field?: string; title?: string }[] | { legend?: unknown }> }[] } };
    const links = spec.data.values.filter((v) => v.row === 'link' && v.panel === 'Firearms seized');
    // each line between two years is its own path, ending in the year it runs into
    const into = (link: string) => [...new Set(links.filter((l) => l.link === link).map((l) => String(l.pair).split('|')[1]))];
    expect(into('States differ from the year before')).toEqual(['2022', '2023', '2025']);
    expect(into('Same states as the year before')).toEqual(['2024']);
    const [line, points] = spec.spec.layer;
    expect(line?.mark.type).toBe('line');
    expect((line?.encoding.strokeDash as { legend: unknown }).legend).toMatchObject({ values: ['Same states as the year before', 'States differ from the year before'] });
    // the tooltip of 2023's point: how many states, and which came and went
    const point2023 = spec.data.values.find((v) => v.row === 'point' && v.panel === 'Firearms seized' && v.year === 2023);
    expect(point2023).toMatchObject({ reportedBy: '4 of 13 states', statesChange: 'Ukraine added; Russian Federation dropped' });
    expect((points?.encoding.tooltip as { field?: string }[]).map((t) => t.field)).toEqual(['panel', 'year', 'printed', 'reportedBy', 'statesChange']);
    // the data table says the same, year by year
    expect(figure?.columns.at(-1)).toEqual({ field: 'change', title: 'States added or dropped since the year before', format: 'text' });
    expect(figure?.rows.filter((r) => r.panel === 'Firearms seized').map((r) => [r.year, r.change])).toEqual([
      [2021, null], [2022, 'Ukraine dropped'], [2023, 'Ukraine added; Russian Federation dropped'], [2024, null], [2025, 'Azerbaijan dropped'],
    ]);
    expect(figure?.notes[0]).toContain('A dashed line runs into a year whose total adds up different states from the year before (the data table names the states added and dropped): the step there is partly one of coverage, not of crime.');
  });

  it('dash no line beside a withheld total, and name only the years a line is dashed into', () => {
    // as if firearms seized in 2022 were withheld: its line has a gap into and out of 2022, so no dash there
    const withheld = indexReview({ ...churn.model, regional: churn.model.regional.map((p) => (p.indicator === 'FA_SEIZED' && p.year === 2022 ? { ...p, total: null, isSuppressed: true, suppressionReason: 'confidential' as const } : p)) });
    const [figure] = buildOverviewChapter(withheld, '3').figures;
    expect(figure?.description).toContain('The line is dashed into each year whose total adds up different states from the year before: victims of trafficking in persons detected in 2022, 2023 and 2025; firearms seized in 2025.');
    // the data table still names the states that came and went
    expect(figure?.rows.find((r) => r.panel === 'Firearms seized' && r.year === 2023)?.change).toBe('Ukraine added; Russian Federation dropped');
  });

  it('name per panel where the panels differ, steps before gaps, and count the states where more than three come and go', () => {
    const [figure] = buildOverviewChapter(mixed, '3').figures;
    expect(figure?.notes[1]).toBe('The states behind the totals change over the years. Drug seizures (kilograms): Greece is missing in 2022 and 2024; Romania in 2023. Firearms seized: the total includes Georgia only in 2022–2023; from 2023 the total also includes Türkiye; Serbia is missing in 2022 and 2024. Offences recorded for cybercrime: 5 states are in the total in some years and not in others (the figure’s data table names the members missing each year).');
    expect(figure?.description).toMatch(/\. The states behind the totals change over the years\. Drug seizures \(kilograms\): .* \(the figure’s data table names the members missing each year\)\. The line is dashed into each year whose total adds up different states from the year before: (.*)\.$/);
    // per panel where the panels' years differ (victims: the same two states every year, so no dashed line)
    expect(figure?.description.split('from the year before: ')[1]).toBe('drug seizures (kilograms) in 2022, 2023, 2024 and 2025; firearms seized in 2022, 2023, 2024 and 2025; offences recorded for cybercrime in 2022, 2023, 2024 and 2025.');
    // victims: Albania and Greece every year, so nothing to say of that panel alone
    const victims = mixed.model.regional.filter((p) => p.indicator === 'TIP_VIC');
    expect(describeComposition(mixed, [{ name: 'Trafficking in persons: victims detected', points: victims }])).toBe('');
  });

  it('say nothing where every year adds up the same states', () => {
    const overview = buildOverviewChapter(steady, '3');
    expect(overview.figures[0]?.notes.join(' ')).not.toContain('states behind');
    expect(overview.figures[0]?.description).not.toContain('states behind');
    expect(text(overview.body)).toContain('the point is drawn hollow. Table 3.1 compares');
    // no dashed line, no legend entry for one, no sentence about it
    const spec = overview.figures[0]?.spec as unknown as { data: { values: Record<string, unknown>[] }; spec: { layer: { encoding: { strokeDash?: { legend: unknown } } }[] } };
    expect(spec.data.values.filter((v) => v.row === 'link').map((v) => v.link)).not.toContain('States differ from the year before');
    expect(spec.spec.layer[0]?.encoding.strokeDash?.legend).toBeNull();
    expect(overview.figures[0]?.description).not.toContain('dashed');
    expect(overview.figures[0]?.notes.join(' ')).not.toContain('dashed');
  });
});

describe('the returns chapter', () => {
  it('says the totals no longer cover the same states only of a missing state that reported earlier years', () => {
    // Azerbaijan's last figure is for 2024, the Russian Federation's for 2022; the other eight never reported
    expect(text(buildReturnsChapter(churn, '2').body)).toContain('No return was received from Armenia, Azerbaijan, Bulgaria, Georgia, Moldova, North Macedonia, Romania, the Russian Federation, Serbia and Türkiye : their figures are missing from the 2025 totals, which therefore do not cover the same states as earlier years (Azerbaijan’s last figure is for 2024 and the Russian Federation’s for 2022; the others have no figure for 2021–2024). Missing figures are never counted as zero;');
    // Georgia's last figure is for 2023
    expect(text(buildReturnsChapter(mixed, '2').body)).toContain('their figures are missing from the 2025 totals, which therefore do not cover the same states as earlier years (Georgia’s last figure is for 2023; the others have no figure for 2021–2024).');
    // no member that sent no return has ever reported: the totals lack them in every year alike (was: 'cover fewer
    // states than earlier years')
    const steadyText = text(buildReturnsChapter(steady, '2').body);
    expect(steadyText).toContain('their figures are missing from the 2025 totals, as from those of every earlier year (they have no figure for 2021–2024). Missing figures are never counted as zero;');
    expect(steadyText).not.toContain('fewer states');
  });
});

import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { buildRegionalMultiples } from '../../src/report/charts/build-regional-multiples.js';
import { buildStateChart } from '../../src/report/charts/build-state-chart.js';
import { renderDataTable } from '../../src/report/figures/render-data-table.js';
import { toCsv } from '../../src/report/figures/to-csv.js';
import { hashModel } from '../../src/report/load/hash-model.js';
import { renderSparkline } from '../../src/report/pages/render-sparkline.js';
import { measureChartText } from '../../src/report/measure-chart-text.mjs';
import { normalizeSvgIds, renderSvg, roundPathData } from '../../src/report/render-svg.js';
import { renderSvgs } from '../../src/report/render-svgs.js';
import { PROJECT_ROOT } from '../../src/context.js';
import { deadlineText } from '../../src/report/pages/deadline-text.js';
import { proseName, shortName, stateInProse } from '../../src/report/pages/prose-name.js';
import type { TopLevelSpec } from 'vega-lite';
import { memberNouns } from '../../src/report/pages/prose-name.js';

// what the charts and sentences call BSEC's members: 'State', 'states'
const STATES = memberNouns({ code: 'BSEC' });

const spec: TopLevelSpec = {
  data: { values: [{ x: 1, y: 2 }, { x: 2, y: 5 }] },
  mark: 'rect',
  encoding: { x: { field: 'x', type: 'ordinal' }, y: { field: 'y', type: 'ordinal' }, color: { field: 'y', type: 'quantitative' } },
};

describe('renderSvg', () => {
  it('gives the same SVG for the same chart however many charts were rendered before', async () => {
    const a = await renderSvg(spec, 'fig-1');
    await renderSvg(spec, 'other');
    const b = await renderSvg(spec, 'fig-1');
    expect(b.svg).toBe(a.svg);
    expect(a.svg).toMatch(/^<svg/);
    expect(a.svg).toContain('id="fig-1-1"');
  });

  it('renames ids and their references in order of appearance', () => {
    expect(normalizeSvgIds('<clipPath id="clip7"/><g clip-path="url(#clip7)"/><linearGradient id="gradient_3"/><rect fill="url(#gradient_3)"/>', 'f'))
      .toBe('<clipPath id="f-1"/><g clip-path="url(#f-1)"/><linearGradient id="f-2"/><rect fill="url(#f-2)"/>');
    expect(roundPathData('<path d="M1.234,5.678L-0.04,3"/>')).toBe('<path d="M1.2,5.7L0,3"/>');
  });
});

describe('server-side text is measured as the browser draws the charts\' font', () => {
  it('uses Helvetica\'s widths (Arial, Liberation Sans), bold wider, and a digit\'s width for a character outside the tables', () => {
    // Chromium's canvas gives 95.39 and 114.30 (it kerns): the table never measures less than the browser draws.
    expect(measureChartText('Russian Federation', 11)).toBeCloseTo(95.37, 2);
    expect(measureChartText('Trafficking in persons', 11, 'bold')).toBeCloseTo(114.92, 2);
    expect(measureChartText('Trafficking in persons', 11, 700)).toBe(measureChartText('Trafficking in persons', 11, 'bold'));
    expect(measureChartText('Türkiye', 10)).toBeCloseTo(32.78, 2);
    expect(measureChartText('\u4e2d', 10)).toBeCloseTo(5.56, 2);
  });

  const multiples = () => {
    const panels = ['Trafficking in persons: victims detected', 'Drug seizures (kilograms)', 'Cybercrime: offences recorded'];
    const rows = panels.flatMap((panel, p) => [2016, 2020, 2023, 2024, 2025].map((year) => ({
      panel, area: ['TIP', 'DRG', 'CY'][p]!, year, total: 200_000 + year, reporting: 12, members: 13,
      coverage: year === 2025 ? 'Some members missing' as const : 'All members reported' as const,
      statesChange: year === 2025 ? 'Ukraine dropped' : null,
    })));
    const areas = [{ area: 'TIP', colour: '#1f3b73' }, { area: 'DRG', colour: '#2a8a6a' }, { area: 'CY', colour: '#6a3d9a' }];
    return buildRegionalMultiples(rows, areas, panels, 'x', STATES);
  };

  it('draws every panel title and legend label whole, in an SVG as wide as the chart in the browser', async () => {
    // Vega's guess without a canvas (0.8 em a character) cut 'Drug seizures (kilogra…' and 'All members repor…' and
    // made this chart 817 px wide where the browser drew it 756 px, so it was shrunk to fit the column.
    const { svg } = await renderSvg(multiples(), 'fig-3-1');
    expect(svg).not.toContain('\u2026');
    for (const text of ['Drug seizures (kilograms)', 'All members reported', 'Some members missing', 'Same states as the year before', 'States differ from the year before']) expect(svg).toContain(`>${text}<`);
    // the line into 2025, whose states differ from 2024's, is dashed
    expect(svg).toContain('stroke-dasharray="4,3"');
    expect(Number(/^<svg[^>]* width="(\d+)"/.exec(svg)?.[1])).toBeLessThanOrEqual(760);
  });

  it('measures alike in the worker threads', async () => {
    const jobs = Array.from({ length: 8 }, (_, i) => ({ id: `fig-${i}`, spec: multiples() }));
    const parallel = await renderSvgs(jobs, PROJECT_ROOT, 2);
    for (const job of jobs) expect(parallel.get(job.id)?.svg).toBe((await renderSvg(job.spec, job.id)).svg);
  });
});

describe('a state chart whose series starts without a figure', () => {
  it('labels only the years with a rate, never "null"', async () => {
    const rows = [2016, 2017, 2018].flatMap((year) => [
      { panel: 'P', area: 'TIP', year, series: 'Montenegro', rate: year === 2016 ? null : year - 2016 },
      { panel: 'P', area: 'TIP', year, series: 'Regional median', rate: year === 2016 ? null : 1.5 },
    ]);
    const { svg } = await renderSvg(buildStateChart(rows, [{ area: 'TIP', colour: '#123456' }], ['P'], 'Montenegro', 'd'), 'mne');
    const labels = [...svg.matchAll(/aria-label="(Montenegro, [^"]*)"/g)].map((m) => m[1]);
    expect(labels).toEqual(['Montenegro, P, 2017: 1.0 per 100,000.', 'Montenegro, P, 2018: 2.0 per 100,000.']);
  });
});

describe('toCsv', () => {
  it('quotes, neutralises formulas and keeps numbers plain', () => {
    const columns = [{ field: 'a', title: 'A', format: 'text' as const }, { field: 'b', title: 'B', format: 'count' as const }];
    expect(toCsv(columns, [{ a: 'x, "y"', b: 1234.5 }, { a: '=SUM(A1)', b: null }])).toBe('a,b\r\n"x, ""y""",1234.5\r\n\'=SUM(A1),\r\n');
  });
});

describe('a data table\'s "Imported from" column', () => {
  it('is left out of the page where no row was imported, rather than a column of blanks, and kept in the CSV', () => {
    const columns = [{ field: 'state', title: 'State', format: 'text' as const }, { field: 'rate', title: 'Per 100,000', format: 'rate' as const }, { field: 'source', title: 'Imported from', format: 'text' as const, omitWhenEmpty: true }];
    const own = [{ state: 'Albania', rate: 2.84, source: '' }, { state: 'Greece', rate: 1.5, source: '' }];
    expect(String(renderDataTable(columns, own))).not.toContain('Imported from');
    expect(toCsv(columns, own).split('\r\n')[0]).toBe('state,rate,source');
    const imported = [{ state: 'Albania', rate: 2.84, source: '' }, { state: 'Greece', rate: 1.5, source: 'UNODC' }];
    const table = String(renderDataTable(columns, imported));
    expect(table).toMatch(/<th scope="col"[^>]*>Imported from<\/th>/);
    expect(table).toMatch(/<td[^>]*>UNODC<\/td>/);
  });
});

describe('hashModel', () => {
  test.prop([fc.dictionary(fc.string(), fc.jsonValue())])('does not depend on key order', (value) => {
    const reversed = Object.fromEntries(Object.entries(value).reverse());
    expect(hashModel(reversed)).toBe(hashModel(value));
  });
});

describe('sparkline', () => {
  it('draws gaps as breaks and labels every value', () => {
    const svg = renderSparkline([1, 2, null, 4, 5], [2021, 2022, 2023, 2024, 2025], '#123456').value;
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('aria-label="2021–2025: 1, 2, no data, 4, 5"');
    expect(renderSparkline([null], [2025], '#000000').value).toContain('no data');
  });
});

describe('prose', () => {
  it('reads indicator and state names in sentences', () => {
    expect(proseName({ name: 'Cybercrime: offences recorded' })).toBe('offences recorded for cybercrime');
    expect(proseName({ name: 'Trafficking in persons: victims detected' })).toBe('victims of trafficking in persons detected');
    expect(proseName({ name: 'Firearms seized' })).toBe('firearms seized');
    // persons are convicted and suspected "of" a crime, prosecuted "for" it (was "persons convicted for trafficking in persons")
    expect(proseName({ name: 'Trafficking in persons: persons convicted' })).toBe('persons convicted of trafficking in persons');
    expect(proseName({ name: 'Drug trafficking: persons suspected' })).toBe('persons suspected of drug trafficking');
    expect(proseName({ name: 'Corruption: persons prosecuted' })).toBe('persons prosecuted for corruption');
    expect(shortName({ name: 'Cybercrime: persons convicted' }, 'Cybercrime')).toBe('Persons convicted');
    // an area holding indicators of two prefixes keeps them: two rows "Offences recorded" would not say whose
    expect(shortName({ name: 'Corruption: offences recorded' }, 'Corruption and money laundering')).toBe('Corruption: offences recorded');
    expect(shortName({ name: 'Money laundering: offences recorded' }, 'Corruption and money laundering')).toBe('Money laundering: offences recorded');
    expect(shortName({ name: 'Firearms seized' }, 'Firearms trafficking')).toBe('Firearms seized');
    expect(stateInProse('Russian Federation')).toBe('the Russian Federation');
    expect(stateInProse('Türkiye')).toBe('Türkiye');
    expect(deadlineText(2025, '01-31')).toBe('31 January 2026');
  });
});

describe('area colours', () => {
  it('differ in lightness (CIE L*) by at least 8 between any two areas, so they stay apart in greyscale', async () => {
    const { loadTestReference } = await import('../helpers/warehouse.js');
    const { lightnessOf, buildRamp } = await import('../../src/report/charts/build-ramp.js');
    const areas = (await loadTestReference()).areas.filter((a) => a.chapter !== 'context');
    const lightness = areas.map((a) => lightnessOf(a.colour)).sort((a, b) => a - b);
    for (let i = 1; i < lightness.length; i++) expect(lightness[i]! - lightness[i - 1]!).toBeGreaterThanOrEqual(8);
    for (const area of areas) {
      const ramp = buildRamp(area.colour, 5).map(lightnessOf);
      for (let i = 1; i < ramp.length; i++) expect(ramp[i - 1]! - ramp[i]!).toBeGreaterThan(10);
    }
  });

  it('each have a contrast of at least 3:1 against the charts\' white, so that a line, hollow point or sparkline is not faint (WCAG 1.4.11)', async () => {
    const { loadTestReference } = await import('../helpers/warehouse.js');
    const { contrastRatio } = await import('../../src/report/charts/build-ramp.js');
    const areas = (await loadTestReference()).areas;
    expect(contrastRatio('#8fc3e8')).toBeCloseTo(1.89, 2); // smuggling of migrants' pale blue before
    expect(contrastRatio('#d9892b')).toBeCloseTo(2.78, 2); // firearms' orange before
    expect(Object.fromEntries(areas.map((a) => [a.area, Number(contrastRatio(a.colour).toFixed(2))]))).toEqual({
      TIP: 13.3, SOM: 3.06, DRG: 5.44, FA: 4.07, CYB: 10.07, COR: 7.5, CTX: 3.36,
    });
    for (const area of areas) expect(contrastRatio(area.colour)).toBeGreaterThanOrEqual(3);
  });
});

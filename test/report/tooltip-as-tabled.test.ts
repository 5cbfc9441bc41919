import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { buildFlowHeatmap } from '../../src/report/charts/build-flow-heatmap.js';
import { measureChartText } from '../../src/report/measure-chart-text.mjs';
import { buildReview, type BuiltReview } from '../../src/report/build-review.js';
import { formatCell } from '../../src/report/figures/format-cell.js';
import type { Figure } from '../../src/report/figures/figure.js';
import type { Store } from '../../src/store/index.js';
import { loadSampleReview } from './helpers/sample-review.js';

// A chart's tooltip gives a number as the figure's data table prints it. Vega-Lite's own formats did not: Figure 4.7's
// tooltip gave the region's cannabis seizures as "Number: 143,569" beside the table's "Kilograms: 143,568.7", Figure
// 3.1's regional drug seizures lost their decimal, the rates figures and maps gave Albania's 2.8 as "2.81" and the
// median 1.5 as "1.47", the trend figures an index the table and text print as 125 as "125.3". Each tooltip now shows
// a text the chart builder printed with the table's own formatter. Each mark's ARIA label in the SVG written with the
// review, the sentence a screen reader speaks for it, says what its tooltip says with the same printed number, and is
// checked here with it (test/report/spoken-labels.test.ts checks the sentences themselves).

let store: Store;
let built: BuiltReview;

beforeAll(async () => {
  const sample = await loadSampleReview();
  store = sample.store;
  built = await buildReview(sample.ix.model, PROJECT_ROOT);
}, 180_000);

afterAll(() => store?.close());

const figure = (id: string) => built.figures.find((f) => f.id === id)!;
const page = (path: string) => String(built.files.find((f) => f.path === path)?.content ?? '');
/** The ARIA labels of the marks in a page's SVG, which repeat each mark's tooltip. */
const ariaLabels = (path: string) => [...page(path).matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

type Json = Record<string, unknown>;
/** Every tooltip entry of a spec, at any depth. */
function tooltips(spec: unknown): Json[] {
  const found: Json[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const tooltip = (node as Json).tooltip;
      if (tooltip) found.push(...(Array.isArray(tooltip) ? tooltip : [tooltip]) as Json[]);
      Object.values(node).forEach(walk);
    }
  };
  walk(spec);
  return found;
}
/** Every row of inline data in a spec, at any depth (the map's figures sit in a lookup's data). */
function dataRows(spec: unknown): Json[] {
  const found: Json[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const values = (node as Json).values;
      if (Array.isArray(values) && values.every((v) => v && typeof v === 'object' && !Array.isArray(v))) found.push(...(values as Json[]));
      Object.values(node).forEach(walk);
    }
  };
  walk(spec);
  return found;
}
const tableCells = (f: Figure) => new Set(f.rows.flatMap((r) => f.columns.map((c) => formatCell(r[c.field] ?? null, c.formatOf?.(r) ?? c.format))));

describe('every tooltip gives a number as the data table prints it', () => {
  it('no tooltip of any figure formats a number itself: each shows a text printed as the table prints it', () => {
    expect(built.figures.length).toBe(40);
    const formatted = built.figures.flatMap((f) => tooltips(f.spec).filter((t) => t.format !== undefined || t.type === 'quantitative').map((t) => `${f.id} ${String(t.field)}`));
    expect(formatted).toEqual([]);
  });

  it('each number a tooltip shows is a cell of its figure\u2019s data table, in every figure', () => {
    const numeric = ['printed', 'label', 'medianLabel', 'sharePrinted'];
    const strays = built.figures.flatMap((f) => {
      const fields = new Set(tooltips(f.spec).map((t) => String(t.field)).filter((field) => numeric.includes(field)));
      const cells = tableCells(f);
      return dataRows(f.spec).flatMap((row) => [...fields]
        .map((field) => row[field])
        .filter((v): v is string => typeof v === 'string' && /\d/.test(v) && !cells.has(v))
        .map((v) => `${f.id}: ${v}`));
    });
    expect(strays).toEqual([]);
    // and every figure with a number in its tooltip is checked: the returns, overview, trend, rates, map, attrition,
    // breakdown and flow figures, and the state pages' charts
    const checked = built.figures.filter((f) => tooltips(f.spec).some((t) => numeric.includes(String(t.field)))).map((f) => f.id);
    expect(checked).toHaveLength(40);
  });
});

describe('the sample review\u2019s tooltips, as a reader hovering the chart sees them', () => {
  it('Figure 4.7 gives the region\u2019s cannabis seizures as 143,568.7 kilograms, as its table does, not "Number: 143,569"', () => {
    expect(tableCells(figure('fig-4-7')).has('143,568.7')).toBe(true);
    expect(ariaLabels('index.html')).toContain('Region (11 states shown), Cannabis: 143,568.7 kilograms, 75.6%.');
    expect(ariaLabels('index.html').filter((l) => l.includes('143,569'))).toEqual([]);
  });

  it('Figure 3.1 gives the region\u2019s drug seizures with their decimal, as Table 3.1\u2019s data table does', () => {
    const row = figure('fig-3-1').rows.find((r) => r.panel === 'Drug seizures (kilograms)' && r.year === 2025)!;
    const printed = formatCell(row.total ?? null, 'kg');
    // the 11 states' 2025 kilograms: 10,846.6 + 444.7 + 5,102.7 + 1,042.7 + 12,178.4 + 521.1 + 1,478.8 + 5,537.3
    // + 4,224.2 + 140,295.7 + 8,236.3 (ALB ARM BGR GEO GRC MDA MKD ROU SRB TUR UKR) = 189,908.5
    expect(printed).toBe('189,908.5');
    expect(ariaLabels('index.html').some((l) => l.startsWith(`Drug seizures (kilograms), 2025: regional total ${printed}, `))).toBe(true);
  });

  it('Figure 4.2 and its map give Albania\u2019s rate as 2.8 and the median as 1.5, where they gave 2.81 and 1.47', () => {
    const labels = ariaLabels('index.html');
    expect(labels).toContain('Albania, Trafficking in persons: victims detected: 2.8 per 100,000.');
    // the rules of the median, one a panel: trafficking in persons, smuggling of migrants, drug trafficking
    expect(labels.filter((l) => l.includes(': regional median ')).slice(0, 3).map((l) => l.replace(/^.*: regional median /, ''))).toEqual(['1.5 per 100,000.', '3.4 per 100,000.', '24.4 per 100,000.']);
    expect(labels).toContain('Albania, number per 100,000: 2.8.');
    expect(labels.filter((l) => /(: |median )(2\.81|1\.47)\b/.test(l))).toEqual([]);
  });

  it('Figure 4.1 gives an index as its table and text do: 125, not 125.3', () => {
    const labels = ariaLabels('index.html').filter((l) => l.startsWith('Drug trafficking: persons prosecuted, 2025: index '));
    expect(labels).toEqual([expect.stringMatching(/: index 125, \d+ states compared\.$/)]);
  });

  it('Figure 4.8 names a row in its tooltip as its axis and table do, "Citizenship of the victim", not "Counterpart"', () => {
    const entries = tooltips(figure('fig-4-8').spec).map((t) => t.title);
    expect(entries).toEqual(['Citizenship of the victim', 'Reporting state', 'Number']);
    expect(figure('fig-4-8').columns.map((c) => c.title)).toEqual(expect.arrayContaining(['Citizenship of the victim', 'Reporting state', 'Number']));
  });

  it('Albania\u2019s page gives its 2025 rates as its table prints them', () => {
    const f = figure('fig-alb-1');
    const row = f.rows.find((r) => r.year === 2025 && r.series !== 'Regional median' && typeof r.rate === 'number')!;
    const printed = formatCell(row.rate ?? null, 'rate');
    expect(ariaLabels('states/ALB.html')).toContain(`Albania, ${String(row.panel)}, 2025: ${printed} per 100,000.`);
  });
});

describe('a heatmap of kilograms', () => {
  // the sample has no drug seizures by country of origin; DRG_SEIZ_KG records one, so a return may draw this heatmap
  const cells = [{ origin: 'Colombia', destination: 'Greece', value: 12345.64 }, { origin: 'Albania', destination: 'Greece', value: 7 }];
  const spec = buildFlowHeatmap(cells, ['Colombia', 'Albania'], ['Greece'], ['#eeeeee', '#123456'], 'Kilograms', 'd', { origin: 'Country of origin or departure of the consignment', destination: 'Reporting state' }, 'KG') as unknown as Json;

  it('writes each cell and its tooltip with the decimal the table gives, 12,345.6 and 7.0, never 12,346 and 7', () => {
    expect(dataRows(spec).map((r) => r.printed)).toEqual(['12,345.6', '7.0']);
    const layers = spec.layer as { encoding: Json }[];
    expect(layers[1]?.encoding.text).toEqual({ field: 'printed', type: 'nominal' });
    expect(tooltips(spec)).toEqual([
      { field: 'origin', title: 'Country of origin or departure of the consignment' },
      { field: 'destination', title: 'Reporting state' },
      { field: 'printed', type: 'nominal', title: 'Kilograms' },
    ]);
  });

  it('widens its columns to the widest value as printed, where a 34px column cut "12,345.6" (9px text)', () => {
    const step = (spec.width as { step: number }).step;
    expect(step).toBe(Math.ceil(measureChartText('12,345.6', 9)) + 6);
    expect(step).toBeGreaterThan(34);
    // a heatmap of counts keeps its 34px columns
    const counts = buildFlowHeatmap([{ origin: 'Syria', destination: 'Greece', value: 1234 }], ['Syria'], ['Greece'], ['#eeeeee', '#123456'], 'Number', 'd') as unknown as Json;
    expect((counts.width as { step: number }).step).toBe(34);
  });
});

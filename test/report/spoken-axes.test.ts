import type { TopLevelSpec } from 'vega-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { buildReview, type BuiltReview } from '../../src/report/build-review.js';
import type { Store } from '../../src/store/index.js';
import { loadTestReference } from '../helpers/warehouse.js';
import { buildAndLoadReview, openWesternBalkansWarehouse } from './helpers/review-warehouse.js';
import { renderSvg, spokenElements, type Spoken } from './helpers/render-aria.js';
import { buildSampleModel } from './helpers/sample-model.js';

// A screen reader reads "Kosovo*" as "Kosovo star": the marks and the figures' text alternatives say "Kosovo"
// (spokenText), but Vega's own description of an axis or a legend listed the domain as the labels print it:
// "Y-axis for a discrete scale with 6 values: Albania, Kosovo*, North Macedonia, …". An axis of members' names is now
// silent (`aria: false`), as every name on it is spoken, in the axis's order, by its marks; the numeric and year axes
// still say what they span. Nothing is drawn otherwise: the SVG, its aria attributes left out, is the same.

/** Every element of the chart's SVG that carries an aria-label, with its role description, and the SVG without aria attributes. */
async function render(spec: TopLevelSpec): Promise<{ labelled: Spoken[]; drawn: string }> {
  const svg = await renderSvg(spec);
  const labelled = spokenElements(svg, /<[a-z]+ [^>]*aria-label="[^"]*"[^>]*>/g);
  // the ids of clip paths and gradients count up over every view the process renders: numbered afresh in each SVG
  const ids = new Map<string, string>();
  const drawn = svg.replace(/ (aria-[a-z]+|role)="[^"]*"/g, '').replace(/\b(clip|gradient_)\d+/g, (id, kind: string) => ids.get(id) ?? (ids.set(id, `${kind}${ids.size}`), `${kind}${ids.size - 1}`));
  return { labelled, drawn };
}

let store: Store;
let built: BuiltReview;
const rendered = new Map<string, { labelled: Spoken[]; drawn: string }>();
beforeAll(async () => {
  const reference = await loadTestReference();
  store = await openWesternBalkansWarehouse();
  const { model } = await buildAndLoadReview(store, reference, 'WB6');
  built = await buildReview(model, PROJECT_ROOT);
  for (const figure of built.figures) {
    const written = built.files.find((f) => f.path === `specs/${figure.id}.vl.json`);
    rendered.set(figure.id, await render(JSON.parse(String(written?.content)) as TopLevelSpec));
  }
}, 180_000);
afterAll(() => store.close());

/** The spec as it was written before the members' axes were made silent: every axis's `aria` left out. */
const withSpokenAxes = (spec: TopLevelSpec): TopLevelSpec =>
  JSON.parse(JSON.stringify(spec, (key, value: unknown) => {
    if (key !== 'axis' || value === null || typeof value !== 'object') return value;
    const { aria: _, ...rest } = value as Record<string, unknown>;
    return rest;
  })) as TopLevelSpec;
const specOf = (id: string) => JSON.parse(String(built.files.find((f) => f.path === `specs/${id}.vl.json`)?.content)) as TopLevelSpec;

describe('the WB6 review\u2019s charts speak "Kosovo", never "Kosovo star"', () => {
  it('no aria-label of any chart, mark, axis, legend or title, says "Kosovo*"', () => {
    expect(rendered.size).toBe(built.figures.length);
    expect(rendered.size).toBeGreaterThanOrEqual(10);
    const starred = [...rendered].flatMap(([id, r]) => r.labelled.filter((g) => g.label.includes('Kosovo*')).map((g) => `${id}: ${g.label}`));
    expect(starred).toEqual([]);
    // the marks still speak the name, and the figures' text alternatives too
    expect(rendered.get('fig-2-1')!.labelled.filter((g) => g.role === 'bar').map((g) => g.label)).toContain('Kosovo: 17.9% of catalogue series reported, return on time.');
    expect(rendered.get('fig-4-3')!.labelled.map((g) => g.label)).toContain('Kosovo, number per 100,000: 4.1.');
  });

  it('the members\u2019 axes are silent, where Vega listed "Kosovo*"; the numeric and year axes still speak', async () => {
    // was "Y-axis for a discrete scale with 6 values: Albania, Kosovo*, North Macedonia, Serbia, Bosnia and Herzegovina, Montenegro"
    const before = await render(withSpokenAxes(specOf('fig-2-1')));
    expect(before.labelled.filter((g) => g.role === 'axis').map((g) => g.label)).toContain('Y-axis for a discrete scale with 6 values: Albania, Kosovo*, North Macedonia, Serbia, Bosnia and Herzegovina, Montenegro');
    expect(rendered.get('fig-2-1')!.labelled.filter((g) => g.role === 'axis').map((g) => g.label)).toEqual([
      "X-axis titled 'Share of catalogue series reported' for a linear scale with values from 0% to 100%",
    ]);
    expect(rendered.get('fig-4-2')!.labelled.filter((g) => g.role === 'axis').map((g) => g.label)).toEqual([
      "X-axis titled 'per 100,000 population' for a linear scale with values from 0 to 9",
      "X-axis titled 'per 100,000 population' for a linear scale with values from 0 to 10",
    ]);
    expect(rendered.get('fig-3-1')!.labelled.filter((g) => g.role === 'axis').map((g) => g.label)).toContain('X-axis for a discrete scale with 2 values: 2024, 2025');
  });

  it('draws every chart of the sample review (attrition, breakdowns, heatmaps) as before, its aria attributes left out', async () => {
    const sample = await buildReview(buildSampleModel(await loadTestReference()), PROJECT_ROOT);
    const silenced: string[] = [];
    for (const figure of sample.figures) {
      const spec = JSON.parse(String(sample.files.find((f) => f.path === `specs/${figure.id}.vl.json`)?.content)) as TopLevelSpec;
      const [now, before] = [await render(spec), await render(withSpokenAxes(spec))];
      expect(now.drawn === before.drawn, figure.id).toBe(true);
      if (JSON.stringify(spec) !== JSON.stringify(withSpokenAxes(spec))) silenced.push(figure.id);
    }
    // the returns chart, the rates by state, the attrition chart, a breakdown and a heatmap, at least
    expect(silenced).toEqual(expect.arrayContaining(['fig-2-1', 'fig-4-2', 'fig-4-4', 'fig-4-7', 'fig-4-8']));
  }, 120_000);

  it('draws every chart as before: the SVG, its aria attributes left out, is the same with the axes spoken', async () => {
    for (const figure of built.figures) {
      const before = await render(withSpokenAxes(specOf(figure.id)));
      expect(rendered.get(figure.id)!.drawn === before.drawn, figure.id).toBe(true);
    }
  });
});

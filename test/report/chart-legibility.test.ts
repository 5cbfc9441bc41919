import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { buildAttritionChart } from '../../src/report/charts/build-attrition-chart.js';
import { buildFlowHeatmap, heatmapLegendValues } from '../../src/report/charts/build-flow-heatmap.js';
import { buildIndexChart } from '../../src/report/charts/build-index-chart.js';
import { buildRateChart } from '../../src/report/charts/build-rate-chart.js';
import { buildRegionalMultiples } from '../../src/report/charts/build-regional-multiples.js';
import { buildStateChart, type StateChartRow } from '../../src/report/charts/build-state-chart.js';
import { buildShareChart } from '../../src/report/charts/build-share-chart.js';
import { COLUMN_WIDTH, labelYears, legendColumns, wrapLabel } from '../../src/report/charts/chart-config.js';
import { renderSvg } from '../../src/report/render-svg.js';
import { memberNouns } from '../../src/report/pages/prose-name.js';

// what the charts and sentences call BSEC's members: 'State', 'states'
const STATES = memberNouns({ code: 'BSEC' });

interface Item { x?: number; y?: number; text?: unknown; items?: Scene[]; stroke?: string; orient?: string; opacity?: number }
interface Scene { marktype?: string; role?: string; name?: string; items: Item[] }

async function sceneOf(spec: TopLevelSpec): Promise<Scene> {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  await view.runAsync();
  return (view.scenegraph() as unknown as { root: Scene }).root;
}

/** Every mark of the scene with `role`, with the scene path of groups above it (to tell axes apart). */
function marks(scene: Scene, role: string, out: Scene[] = []): Scene[] {
  if (scene.role === role) out.push(scene);
  for (const item of scene.items ?? []) for (const child of item.items ?? []) marks(child, role, out);
  return out;
}

const texts = (scene: Scene, role: string) => marks(scene, role).flatMap((m) => m.items.map((i) => i.text)).flat().map(String);
const YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];
const AREAS = [{ area: 'FA', colour: '#d08a2c' }, { area: 'CY', colour: '#6a3d9a' }];

describe('panel titles wrap instead of being cut off', () => {
  it('wraps at spaces after splitting area from measure', () => {
    expect(wrapLabel('Firearms trafficking: Firearm parts and components seized', 26)).toEqual(['Firearms trafficking', 'Firearm parts and', 'components seized']);
    expect(wrapLabel('Cybercrime: offences recorded', 26)).toEqual(['Cybercrime', 'offences recorded']);
  });

  it('draws every word of a long panel title, with no ellipsis', async () => {
    const panels = ['Firearms trafficking: Firearm parts and components seized', 'Firearms trafficking: Firearms seized'];
    const rows = panels.flatMap((panel) => YEARS.map((year) => ({ panel, area: 'FA', year, index: 100, states: 3 })));
    // Rendered, since a label limit cuts text only when it is drawn.
    const view = new vega.View(vega.parse(vl.compile(buildIndexChart(rows, AREAS, panels, [2016, 2021, 2025], 'x', STATES)).spec), { renderer: 'none' });
    const svg = await view.toSVG();
    expect(svg).toContain('<tspan x="0" dy="12">components seized</tspan>');
    expect(svg).not.toContain('\u2026');
  });
});

describe('small multiples: x labels under their ticks, the reference year labelled, no axis in an empty cell', () => {
  it('labels years counting back from the last', () => {
    expect(labelYears(YEARS, 5)).toEqual([2017, 2019, 2021, 2023, 2025]);
    expect(labelYears([2023, 2024, 2025], 5)).toEqual([2023, 2024, 2025]);
  });

  it('state chart: each year label sits on a tick, 2025 among them', async () => {
    const panels = ['Firearms trafficking: Firearms seized', 'Cybercrime: offences recorded'];
    const rows: StateChartRow[] = panels.flatMap((panel, p) => YEARS.flatMap((year) => [
      { panel, area: AREAS[p]!.area, year, series: 'Georgia', rate: 10 + p },
      { panel, area: AREAS[p]!.area, year, series: 'Regional median', rate: 12 },
    ]));
    const scene = await sceneOf(buildStateChart(rows, AREAS, panels, 'Georgia', 'x'));
    const axes = marks(scene, 'axis').filter((a) => a.items[0]?.orient === 'bottom');
    expect(axes).toHaveLength(2);
    for (const axis of axes) {
      const labels = marks(axis, 'axis-label')[0]!.items;
      const ticks = marks(axis, 'axis-tick')[0]!.items.map((t) => t.x);
      expect(labels.map((l) => String(l.text))).toEqual(['2017', '2019', '2021', '2023', '2025']);
      for (const label of labels) expect(ticks).toContain(label.x);
    }
  });

  it('index chart: as many x axes as panels (10 panels in rows of 4 draw 10, not 12)', async () => {
    const panels = Array.from({ length: 10 }, (_, i) => `Area: indicator ${i}`);
    const rows = panels.flatMap((panel) => YEARS.map((year) => ({ panel, area: 'FA', year, index: 100, states: 3 })));
    const scene = await sceneOf(buildIndexChart(rows, AREAS, panels, [2016, 2021, 2025], 'x', STATES));
    expect(marks(scene, 'axis').filter((a) => a.items[0]?.orient === 'bottom')).toHaveLength(10);
  });
});

describe('small multiples: panels line up in rows and columns', () => {
  // Titles of one line and of two, and y labels from '20' to '300,000' (Figure 3.1), as in the sample.
  const PANELS = ['Trafficking in persons: victims detected', 'Smuggling of migrants: offences recorded', 'Drug seizures (kilograms)', 'Firearms seized', 'Cybercrime: offences recorded', 'Corruption: offences recorded'];
  const SCALES = [2_500, 15_000, 200_000, 60_000, 300_000, 60_000];
  const cells = (scene: Scene) => marks(scene, 'scope').filter((m) => m.name === 'cell').flatMap((m) => m.items).map((i) => ({ x: i.x ?? 0, y: i.y ?? 0 }));
  const distinct = (values: number[]) => [...new Set(values.map((v) => Math.round(v)))];

  it('regional multiples: two rows of three at two heights and three offsets, within the column', async () => {
    // Was: the second row at 164, 176 and 182 px and its columns 6 px apart from the first's, as titles and labels differed.
    const areas = PANELS.map((_, i) => ({ area: `A${i}`, colour: '#333333' }));
    const rows = PANELS.flatMap((panel, p) => YEARS.map((year) => ({
      panel, area: `A${p}`, year, total: SCALES[p]! * (year % 3 === 0 ? 1 : 0.4), reporting: 13, members: 13, coverage: 'All members reported' as const, statesChange: null,
    })));
    const spec = buildRegionalMultiples(rows, areas, PANELS, 'x', STATES);
    const scene = await sceneOf(spec);
    const at = cells(scene);
    expect(at).toHaveLength(6);
    expect(distinct(at.map((c) => c.y))).toHaveLength(2);
    expect(distinct(at.map((c) => c.x))).toHaveLength(3);
    expect(Number(/^<svg[^>]* width="(\d+)"/.exec((await renderSvg(spec, 'f')).svg)?.[1])).toBeLessThanOrEqual(COLUMN_WIDTH);
  });

  it('state chart: alike', async () => {
    const rows: StateChartRow[] = PANELS.flatMap((panel, p) => YEARS.flatMap((year) => [
      { panel, area: 'FA', year, series: 'Georgia', rate: SCALES[p]! / 1000 },
      { panel, area: 'FA', year, series: 'Regional median', rate: SCALES[p]! / 2000 },
    ]));
    const at = cells(await sceneOf(buildStateChart(rows, AREAS, PANELS, 'Georgia', 'x')));
    expect(at).toHaveLength(6);
    expect(distinct(at.map((c) => c.y))).toHaveLength(2);
    expect(distinct(at.map((c) => c.x))).toHaveLength(3);
  });
});

describe('value labels and missing values', () => {
  it('rate chart: the median rule is drawn before the value labels, which sit on a white halo', () => {
    const spec = buildRateChart([{ panel: 'A: b', area: 'FA', state: 'Georgia', rate: 20.9, median: 20.9, label: '20.9', gap: '' }], AREAS, ['Georgia'], ['A: b'], 'x', STATES) as unknown as { spec: { layer: { mark: { type: string; stroke?: string } }[] } };
    const types = spec.spec.layer.map((l) => `${l.mark.type}${l.mark.stroke === '#ffffff' ? ':halo' : ''}`);
    expect(types).toEqual(['bar', 'rule', 'text:halo', 'text:halo', 'text', 'text']);
  });

  it('attrition chart: a state without a ratio says "no data" (or the note it is given)', async () => {
    const rows = [
      { row: 'Trafficking', stage: 'Prosecuted per person suspected', state: 'Albania', ratio: 0.5, median: 0.5 },
      { row: 'Trafficking', stage: 'Prosecuted per person suspected', state: 'Azerbaijan', ratio: null, median: 0.5 },
      { row: 'Trafficking', stage: 'Prosecuted per person suspected', state: 'Georgia', ratio: null, median: 0.5, note: 'not published' },
    ];
    const scene = await sceneOf(buildAttritionChart(rows, [{ row: 'Trafficking', colour: '#123456' }], ['Albania', 'Azerbaijan', 'Georgia'], ['Prosecuted per person suspected'], 'x', STATES));
    const notes = marks(scene, 'mark').filter((m) => m.marktype === 'text').flatMap((m) => m.items.map((i) => String(i.text)));
    expect(notes.filter((t) => t === 'no data')).toHaveLength(2);
    expect(notes.filter((t) => t === 'not published')).toHaveLength(2);
  });

  it('flow heatmap: both axes have a title', async () => {
    const cells = [{ origin: 'Romania', destination: 'Greece', value: 23 }];
    const titled = await sceneOf(buildFlowHeatmap(cells, ['Romania'], ['Greece'], ['#eeeeee', '#222222'], 'Number', 'x', { origin: 'Citizenship of the victim', destination: 'Reporting state' }));
    expect(texts(titled, 'axis-title').sort()).toEqual(['Citizenship of the victim', 'Reporting state']);
    expect(texts(await sceneOf(buildFlowHeatmap(cells, ['Romania'], ['Greece'], ['#eeeeee', '#222222'], 'Number', 'x')), 'axis-title').sort()).toEqual(['Counterpart country', 'Reporting state']);
  });
});

describe('legends fit the page\'s column with every name whole', () => {
  const CYBER = ['Unlawful access to a computer system', 'Unlawful interference with a computer system or data', 'Unlawful interception or access of computer data', 'Cyber-related fraud', 'Other acts against computer systems'];
  const CORRUPTION = ['Bribery', 'Embezzlement', 'Abuse of functions', 'Trading in influence', 'Illicit enrichment', 'Other acts of corruption'];

  it('puts the entries in one row where they fit, otherwise in as few rows as fit, spread evenly', () => {
    expect(legendColumns(['Women', 'Girls', 'Men', 'Boys'], 600)).toBe(4);
    expect(legendColumns(CORRUPTION, 600)).toBe(3);
    expect(legendColumns(CYBER, 600)).toBe(2);
    expect(legendColumns(CYBER, 100)).toBe(1);
  });

  it('share chart: the long names of cybercrime\'s parts are drawn whole and the chart stays within the column', async () => {
    // Was: three columns cut at 220px ('Unlawful interference with a computer syst…'), 890px wide, scrolling sideways.
    const states = ['Region (2 states shown)', 'North Macedonia', 'Romania'];
    const rows = states.flatMap((state) => CYBER.map((part, order) => ({ state, part, order, value: 10 + order, share: 0.2 })));
    const { svg } = await renderSvg(buildShareChart(rows, CYBER, ['#eeeeff', '#ccccee', '#9999cc', '#666699', '#333366'], states, 'x', STATES), 'f');
    expect(svg).not.toContain('\u2026');
    for (const part of CYBER) expect(svg).toContain(`>${part}<`);
    expect(Number(/^<svg[^>]* width="(\d+)"/.exec(svg)?.[1])).toBeLessThanOrEqual(COLUMN_WIDTH);
  });
});

describe('heatmap legend: 0 and round values spread along the square-root gradient, every one drawn', () => {
  it('labels 0, about a ninth and four ninths of the largest cell, and the largest to two figures', () => {
    expect(heatmapLegendValues(422)).toEqual([0, 50, 200, 420]);
    expect(heatmapLegendValues(1987)).toEqual([0, 200, 900, 1900]);
    expect(heatmapLegendValues(9)).toEqual([0, 1, 4, 9]);
    expect(heatmapLegendValues(1)).toEqual([0, 1]);
  });

  it('draws them all, the gradient starting at 0', async () => {
    // Was: Vega's ticks 100, 200, 300, 400 bunched over the gradient's last half with no 0 (Figure 4.8), and
    // '1,000' hidden between '500' and '1,500' (Figure 5.6).
    const cells = [{ origin: 'Romania', destination: 'Romania', value: 422 }, { origin: 'Ukraine', destination: 'Greece', value: 11 }, { origin: 'Albania', destination: 'Greece', value: 5 }];
    const scene = await sceneOf(buildFlowHeatmap(cells, ['Romania', 'Ukraine', 'Albania'], ['Greece', 'Romania'], ['#eeeeee', '#222222'], 'Number', 'x'));
    const labels = marks(scene, 'legend-label').flatMap((m) => m.items).filter((i) => i.opacity !== 0);
    expect(labels.map((l) => String(l.text))).toEqual(['0', '50', '200', '420']);
    expect(labels[0]?.x).toBe(0);
  });
});

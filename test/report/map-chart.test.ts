import { describe, expect, it } from 'vitest';
import { buildMapChart, type MapRow } from '../../src/report/charts/build-map-chart.js';
import { buildQuantileClasses } from '../../src/report/charts/build-quantile-classes.js';
import { buildRamp, contrastRatio, lightnessOf } from '../../src/report/charts/build-ramp.js';
import { buildShareChart } from '../../src/report/charts/build-share-chart.js';
import { MAP_INK } from '../../src/report/charts/chart-config.js';
import { fitRegionMap } from '../../src/report/maps/fit-region-map.js';
import { hatchLines } from '../../src/report/maps/hatch-lines.js';
import { loadWorldAtlas } from '../../src/report/maps/load-world-atlas.js';
import { loadTestReference } from '../helpers/warehouse.js';
import { renderSvg } from './helpers/render-aria.js';
import { memberNouns } from '../../src/report/pages/prose-name.js';

// what the charts and sentences call BSEC's members: 'State', 'states'
const STATES = memberNouns({ code: 'BSEC' });

const RAMP = ['#eeeeff', '#ccccee', '#9999cc', '#666699', '#222266'];

interface Layer { data?: { sphere?: boolean; values?: unknown[] }; mark: { type: string; fill?: string }; encoding?: Record<string, { field?: string; datum?: string; scale?: { domain?: string[]; range?: string[] }; legend?: { symbolType?: string } | null }> }

async function bsecMap() {
  const reference = await loadTestReference();
  const members = reference.states.filter((s) => s.groups.includes('BSEC')).map((s) => ({ iso3: s.iso3, numeric: s.numeric, name: s.name_en }));
  return { map: fitRegionMap(loadWorldAtlas(), members), members };
}

describe('quantile classes for the map legend', () => {
  it('labels each class with its own lowest and highest rate as printed, so no printed rate fits two labels', () => {
    // GEO 0.623 and ARM 0.714 share a class, UKR 0.754 starts the next: "0.62–0.71" and "0.75–0.81", not "0.62–0.75"
    const rates = [0.41, 0.5, 0.6233, 0.7143, 0.7541, 0.8055, 0.867, 0.9, 1.4737, 2.3764];
    const classes = buildQuantileClasses(rates, 5);
    expect(classes.classOf).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(classes.labels).toEqual(['0.41–0.50', '0.62–0.71', '0.75–0.81', '0.87–0.90', '1.5–2.4']);
  });

  it('prints every bound with more decimals where one class would end on the figure the next begins with', () => {
    const classes = buildQuantileClasses([0.751, 0.7512, 0.754, 0.756, 0.7561, 0.759, 0.8, 0.9, 0.95, 1.04], 5);
    expect(classes.labels).toEqual(['0.7510–0.7512', '0.7540–0.7560', '0.7561–0.7590', '0.8000–0.9000', '0.9500–1.040']);
  });

  it('gives a class of one value (or of values printed alike) that value, and an empty class no label', () => {
    expect(buildQuantileClasses([5, 1, 3, 2, 4], 5)).toEqual({ classOf: [4, 0, 2, 1, 3], labels: ['1.0', '2.0', '3.0', '4.0', '5.0'] });
    expect(buildQuantileClasses([1, 1, 1, 1, 5], 5).labels).toEqual(['', '', '', '1.0', '5.0']);
  });

  it('puts a value on a break in the upper class, and leaves classes empty with ties', () => {
    expect(buildQuantileClasses([1, 1, 1, 1, 5], 5).classOf).toEqual([3, 3, 3, 3, 4]);
    expect(buildQuantileClasses([], 5)).toEqual({ classOf: [], labels: [] });
  });
});

describe('hatchLines', () => {
  it('clips diagonal strokes to the shape, leaving holes out', () => {
    const square: [number, number][] = [[0, 0], [10, 0], [10, 10], [0, 10]];
    expect(hatchLines([square], 20, 20, 5)).toEqual([[0, 5, 5, 0], [0, 10, 10, 0], [5, 10, 10, 5]]);
    const hole: [number, number][] = [[4, 4], [6, 4], [6, 6], [4, 6]];
    expect(hatchLines([square, hole], 20, 20, 10)).toEqual([[0, 10, 4, 6], [6, 4, 10, 0]]);
  });
});

describe('the map: sea, neighbours and "no data" apart, every class bound labelled', () => {
  it('fills members without a figure hatched, with a "no data" legend entry, and the sea in its own colour', async () => {
    const { map, members } = await bsecMap();
    const rows: MapRow[] = members.map((m, i) => ({ iso3: m.iso3, name: m.name, rate: m.iso3 === 'AZE' || m.iso3 === 'RUS' ? null : i + 1, value: null }));
    const spec = buildMapChart(map, rows, { measure: 'Number per 100,000', ramp: RAMP, description: 'x', members: STATES }) as unknown as { layer: Layer[]; width: number; height: number };
    const [sea, land] = spec.layer;
    expect(sea?.data).toEqual({ sphere: true });
    const fills = [sea?.mark.fill, land?.mark.fill, MAP_INK.noData, '#ffffff', RAMP[0]];
    expect(new Set(fills).size).toBe(fills.length);
    const noData = spec.layer.find((l) => l.encoding?.fill?.datum === 'no data');
    expect(noData?.encoding?.fill?.scale).toEqual({ domain: ['no data'], range: [MAP_INK.noData] });
    expect(noData?.encoding?.fill?.legend?.symbolType).toMatch(/^M/);
    const hatch = spec.layer.find((l) => l.mark.type === 'rule')?.data?.values as { x: number; y: number; x2: number; y2: number }[];
    expect(hatch.length).toBe(map.hatching.AZE!.length + map.hatching.RUS!.length);
    expect(map.hatching.AZE!.length).toBeGreaterThan(3);
    for (const s of hatch) for (const [x, y] of [[s.x, s.y], [s.x2, s.y2]] as const) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(spec.width);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(spec.height);
    }
    const classes = spec.layer.find((l) => l.encoding?.color?.field === 'class')?.encoding?.color?.scale;
    expect(classes?.range).toEqual(RAMP);
    expect(classes?.domain).toHaveLength(5);
    expect(classes?.domain?.[0]).toMatch(/^1\.0–\d/);
    expect(classes?.domain?.[4]).toMatch(/–13\.0$/);
  });

  it('keeps neighbours\' land at least 8 apart in CIE L* from the palest class of every area\'s ramp, sea, land and "no data" 8 apart from one another, and "no data" hatched, so no state in the lowest class reads as land or as no data', async () => {
    const reference = await loadTestReference();
    const palest = reference.areas.filter((a) => a.chapter !== 'context').map((a) => buildRamp(a.colour, 5)[0]!);
    expect(palest).toHaveLength(6);
    // the warm off-white of neighbours before (L* 94.8) lay 1.8 from the palest class (L* 93): Georgia, in the lowest
    // class, read as a country outside the group
    expect(lightnessOf('#f1f0ec') - lightnessOf(palest[0]!)).toBeLessThan(2);
    expect(Number(lightnessOf(MAP_INK.land).toFixed(1))).toBe(80.6);
    expect(Number(lightnessOf(MAP_INK.noData).toFixed(1))).toBe(96.2);
    for (const colour of palest) {
      expect(lightnessOf(colour) - lightnessOf(MAP_INK.land)).toBeGreaterThanOrEqual(8);
      expect(Math.abs(lightnessOf(colour) - lightnessOf(MAP_INK.noData))).toBeGreaterThanOrEqual(3);
    }
    const [sea, land, noData] = [MAP_INK.sea, MAP_INK.land, MAP_INK.noData].map(lightnessOf) as [number, number, number];
    expect(sea - land).toBeGreaterThanOrEqual(8);
    expect(noData - land).toBeGreaterThanOrEqual(8);
    // "no data" is told apart from the palest class by its hatching, in the grey that outlines the classes' swatches
    // (3:1 against its fill), and its legend swatch is the hatched square outlined in that grey
    expect(MAP_INK.hatch).toBe('#8a8a8a');
    expect(contrastRatio(MAP_INK.hatch, MAP_INK.noData)).toBeGreaterThanOrEqual(3);
    const { map, members } = await bsecMap();
    const rows: MapRow[] = members.map((m, i) => ({ iso3: m.iso3, name: m.name, rate: m.iso3 === 'RUS' ? null : i + 1, value: null }));
    const spec = buildMapChart(map, rows, { measure: 'Number per 100,000', ramp: buildRamp('#062e63', 5), description: 'x', members: STATES }) as unknown as { layer: Layer[] };
    expect(spec.layer[1]?.mark.fill).toBe(MAP_INK.land);
    const legend = spec.layer.find((l) => l.encoding?.fill?.datum === 'no data')?.encoding?.fill?.legend as Record<string, unknown> | undefined;
    expect(legend).toMatchObject({ symbolType: 'M-1,-1H1V1H-1Z M-1,0L0,-1 M-1,1L1,-1 M0,1L1,0', symbolStrokeColor: MAP_INK.hatch });
  });

  it('has no "no data" entry when every member has a figure', async () => {
    const { map, members } = await bsecMap();
    const rows: MapRow[] = members.map((m, i) => ({ iso3: m.iso3, name: m.name, rate: i + 1, value: null }));
    const spec = buildMapChart(map, rows, { measure: 'Number per 100,000', ramp: RAMP, description: 'x', members: STATES }) as unknown as { layer: Layer[] };
    expect(spec.layer.some((l) => l.encoding?.fill?.datum === 'no data' || l.mark.type === 'rule')).toBe(false);
  });
});

describe('the map printed in greyscale: a coastline edges every state against the sea', () => {
  interface CoastLayer { mark: { type: string; filled?: boolean; stroke?: string; fill?: string; strokeWidth?: number; aria?: boolean }; transform?: { filter?: string }[]; encoding?: Layer['encoding'] }
  interface Geometry { type: string; arcs: unknown; properties?: Record<string, string | null> }
  type MapSpec = { layer: CoastLayer[]; datasets: { atlas: { objects: { countries: { geometries: Geometry[] } } } } };

  async function areaMaps() {
    const reference = await loadTestReference();
    const { map, members } = await bsecMap();
    const rows: MapRow[] = members.map((m, i) => ({ iso3: m.iso3, name: m.name, rate: m.iso3 === 'RUS' ? null : i + 1, value: null }));
    return reference.areas.filter((a) => a.chapter !== 'context').map((a) => ({
      area: a.area,
      spec: buildMapChart(map, rows, { measure: 'Number per 100,000', ramp: buildRamp(a.colour, 5), description: 'x', members: STATES }) as unknown as MapSpec,
    }));
  }

  it('draws a blue-grey coastline of 3:1 or more against the sea and against every area\'s palest class, which are 1.1:1 to each other, the colours of the sea and classes unchanged', async () => {
    const maps = await areaMaps();
    expect(maps).toHaveLength(6);
    const rows: [string, string, string, string, string, string][] = [];
    for (const { area, spec } of maps) {
      const sea = spec.layer[0]!.mark.fill!;
      const palest = spec.layer.find((l) => l.encoding?.color?.field === 'class')!.encoding!.color!.scale!.range![0]!;
      const coast = spec.layer.find((l) => l.mark.type === 'geoshape' && l.mark.filled === false)!.mark;
      rows.push([area, sea, palest, contrastRatio(palest, sea).toFixed(2), contrastRatio(coast.stroke!, sea).toFixed(2), contrastRatio(coast.stroke!, palest).toFixed(2)]);
      // the line, not the fills, tells the palest class from the sea in greyscale: WCAG's 3:1 for a boundary
      expect(contrastRatio(coast.stroke!, sea), area).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(coast.stroke!, palest), area).toBeGreaterThanOrEqual(3);
      expect(lightnessOf(coast.stroke!), area).toBeLessThanOrEqual(60);
    }
    // area, sea, palest class, palest against sea, coastline against sea, coastline against palest
    expect(rows).toEqual([
      ['TIP', '#d3e2ee', '#e8eafc', '1.11', '4.38', '4.85'],
      ['SOM', '#d3e2ee', '#ddedfa', '1.11', '4.38', '4.84'],
      ['DRG', '#d3e2ee', '#daf0e7', '1.11', '4.38', '4.85'],
      ['FA', '#d3e2ee', '#ffe6cf', '1.10', '4.38', '4.81'],
      ['CYB', '#d3e2ee', '#f4e6ff', '1.11', '4.38', '4.85'],
      ['COR', '#d3e2ee', '#ffe2d9', '1.08', '4.38', '4.72'],
    ]);
  });

  it('draws the coastline thin, silent and over the members\' white borders, from the atlas\'s arcs that bound one country only', async () => {
    const { spec } = (await areaMaps())[0]!;
    const coastAt = spec.layer.findIndex((l) => l.mark.filled === false);
    const membersAt = spec.layer.findIndex((l) => l.encoding?.color?.field === 'class');
    const labelsAt = spec.layer.findIndex((l) => l.mark.type === 'text');
    // over the members (their 0.8px white borders) and under the ISO codes
    expect(membersAt).toBeLessThan(coastAt);
    expect(coastAt).toBeLessThan(labelsAt);
    expect(spec.layer[coastAt]).toEqual({
      data: { name: 'atlas', format: { type: 'topojson', feature: 'countries' } },
      transform: [{ filter: "datum.properties.line === 'coast'" }],
      mark: { type: 'geoshape', filled: false, stroke: MAP_INK.coast, strokeWidth: 0.7, clip: true, aria: false },
    });
    // the neighbours' layer leaves the line out; the members' layers take only geometries with a member's code
    expect(spec.layer[1]?.transform).toEqual([{ filter: 'datum.properties.line == null' }]);
    const geometries = spec.datasets.atlas.objects.countries.geometries;
    const line = geometries.filter((g) => g.properties?.line === 'coast');
    expect(line).toHaveLength(1);
    expect(line[0]).toMatchObject({ type: 'MultiLineString', properties: { name: null, iso3: null, line: 'coast' } });
    const uses = new Map<number, number>();
    for (const g of geometries.filter((c) => c !== line[0])) for (const arc of JSON.stringify(g.arcs).match(/-?\d+/g) ?? []) {
      const i = Number(arc) < 0 ? ~Number(arc) : Number(arc);
      uses.set(i, (uses.get(i) ?? 0) + 1);
    }
    const coastArcs = (line[0]!.arcs as number[][]).map(([arc]) => arc!);
    expect(coastArcs).toEqual([...uses].filter(([, n]) => n === 1).map(([i]) => i).sort((a, b) => a - b));
    // of BSEC's map's 338 arcs, 250 bound one country: the rest are borders, drawn white
    expect([uses.size, coastArcs.length]).toEqual([338, 250]);
    // rendered as the review's SVG: one path in the coastline's blue-grey, 0.7px, in a group hidden from screen readers
    const svg = await renderSvg(spec as never);
    const paths = [...svg.matchAll(/<path [^>]*stroke="#52687c"[^>]*>/g)].map((m) => m[0]);
    expect(paths).toHaveLength(1);
    expect(paths[0]).toContain('stroke-width="0.7"');
    const group = [...svg.matchAll(/<g class="mark-shape role-mark (layer_\d+)_marks"[^>]*>/g)].find((m) => m[1] === `layer_${coastAt}`)?.[0];
    expect(group).toContain('aria-hidden="true"');
    expect(svg.slice(svg.indexOf(group!) + group!.length, svg.indexOf(paths[0]!))).not.toMatch(/<g class="mark-/);
  });
});

describe('legend swatches of a ramp', () => {
  it('are outlined in a grey of at least 3:1 against white, so the palest class (L* 93, 1.2:1) is not lost on the page', async () => {
    const ramp = buildRamp('#062e63', 5);
    expect(contrastRatio(ramp[0]!)).toBeLessThan(1.3);
    const { map, members } = await bsecMap();
    const rows: MapRow[] = members.map((m, i) => ({ iso3: m.iso3, name: m.name, rate: i + 1, value: null }));
    const spec = JSON.stringify(buildMapChart(map, rows, { measure: 'Number per 100,000', ramp, description: 'x', members: STATES }));
    const share = JSON.stringify(buildShareChart([{ state: 'Region', part: 'A', order: 0, value: 1, share: 1 }], ['A'], ramp, ['Region'], 'x', STATES));
    for (const json of [spec, share]) {
      const stroke = /"legend":\{[^}]*"symbolStrokeColor":"(#[0-9a-f]{6})","symbolStrokeWidth":0.75/.exec(json)?.[1];
      expect(stroke).toBe('#8a8a8a');
      expect(contrastRatio(stroke!)).toBeGreaterThanOrEqual(3);
    }
  });

  it('outline each bar of a breakdown, so a bar whose largest part is the palest class has an edge on the white page', () => {
    const spec = buildShareChart([{ state: 'Region', part: 'A', order: 0, value: 1, share: 1 }], ['A'], buildRamp('#062e63', 5), ['Region'], 'x', STATES) as unknown as { layer: { mark: { type: string; fill?: unknown; stroke?: string } }[] };
    const outline = spec.layer.find((l) => l.mark.type === 'bar' && l.mark.fill === null);
    expect(outline?.mark.stroke).toBe('#8a8a8a');
    expect(contrastRatio(outline!.mark.stroke!)).toBeGreaterThanOrEqual(3);
  });
});

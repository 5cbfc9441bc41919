import * as vega from 'vega';
import { describe, expect, it } from 'vitest';
import { buildMapChart, type MapRow } from '../../src/report/charts/build-map-chart.js';
import type { Topology } from '../../src/report/maps/crop-topology.js';
import { fitRegionMap, type RegionMap } from '../../src/report/maps/fit-region-map.js';
import { loadWorldAtlas } from '../../src/report/maps/load-world-atlas.js';
import { reassignTerritory, UN_PRACTICE } from '../../src/report/maps/reassign-territory.js';
import { memberNouns } from '../../src/report/pages/prose-name.js';
import { loadTestReference } from '../helpers/warehouse.js';
import { features, fills, polygons, type Feature, type Point } from './helpers/atlas-features.js';

interface Projection { (p: Point): Point | null; invert(p: Point): Point | null }

/** The whole atlas as the maps draw it (Crimea in Ukraine), the reference every cropped map is checked against. */
const WORLD = reassignTerritory(loadWorldAtlas(), 'countries', UN_PRACTICE);
/** Pixels between the points checked over each view (its border included). */
const GRID = 6;

async function regionMap(group: string): Promise<{ map: RegionMap; members: { iso3: string; numeric: string; name: string }[] }> {
  const reference = await loadTestReference();
  const members = reference.states.filter((s) => s.groups.includes(group)).map((s) => ({ iso3: s.iso3, numeric: s.numeric, name: s.name_en }));
  return { map: fitRegionMap(loadWorldAtlas(), members), members };
}

/** The projection the spec gives Vega-Lite, built as Vega builds it (d3-geo's, with the spec's scale and translate). */
function viewOf(map: RegionMap): Projection {
  interface Settable { rotate(v: [number, number]): Settable; parallels(v: [number, number]): Settable; scale(v: number): Settable; translate(v: [number, number]): Projection }
  const make = (vega.projection as unknown as (type: string) => () => Settable)('conicEqualArea');
  return make().rotate(map.projection.rotate).parallels(map.projection.parallels).scale(map.projection.scale).translate(map.projection.translate);
}

const names = (topology: Topology) => topology.objects.countries!.geometries.map((g) => g.properties?.name ?? '');

/** The names of the atlas's countries whose fill (outer rings less holes) covers each point. */
function coveringNames(all: Feature[], points: Point[]): Set<string> {
  const found = new Set<string>();
  for (const feature of all) {
    for (const rings of polygons(feature)) {
      const xs = rings[0]!.map((p) => p[0]);
      const ys = rings[0]!.map((p) => p[1]);
      const box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const;
      const hit = points.some((p) => p[0] >= box[0] && p[0] <= box[2] && p[1] >= box[1] && p[1] <= box[3]
        && fills(rings, p));
      if (hit) found.add(feature.properties.name ?? '');
    }
  }
  return found;
}

/** Points every GRID pixels over the `width` × `height` view, its four sides included, carried back to the globe. */
function viewPoints(map: RegionMap): Point[] {
  const view = viewOf(map);
  const xs = [...Array.from({ length: Math.ceil(map.width / GRID) }, (_, i) => i * GRID), map.width];
  const ys = [...Array.from({ length: Math.ceil(map.height / GRID) }, (_, i) => i * GRID), map.height];
  return xs.flatMap((x) => ys.map((y) => view.invert([x, y]))).filter((p): p is Point => p !== null);
}

/** Each arc's points as quantized integers (the atlas's own coordinates, which cropping keeps exactly). */
function quantizedArcs(topology: Topology): Point[][] {
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => [(x += dx), (y += dy)] as Point);
  });
}

function arcUses(geometries: { arcs?: unknown }[]): Map<number, number> {
  const uses = new Map<number, number>();
  for (const g of geometries) for (const arc of JSON.stringify(g.arcs ?? []).match(/-?\d+/g) ?? []) {
    const i = Number(arc) < 0 ? ~Number(arc) : Number(arc);
    uses.set(i, (uses.get(i) ?? 0) + 1);
  }
  return uses;
}

describe('the regional map keeps every country its view shows, not only those reaching into its frame', () => {
  it('keeps Germany, Austria and Slovenia on the BSEC map: the conic view\'s top-left corner, west of the frame, lies in Germany', async () => {
    const { map } = await regionMap('BSEC');
    const kept = names(map.topology);
    expect(kept).toEqual(expect.arrayContaining(['Germany', 'Austria', 'Slovenia', 'Czechia', 'Poland', 'Croatia']));
    const corner = viewOf(map).invert([0, 0])!;
    // west of every BSEC member's outline (Albania's westernmost point, less the margin, is the frame's west side)
    expect(corner[0]).toBeLessThan(17);
    expect([...coveringNames(features(WORLD), [corner])]).toEqual(['Germany']);
    // and the corners at the bottom and on the right: Libya, Israel, Jordan, Turkmenistan were sea as well
    expect(kept).toEqual(expect.arrayContaining(['Libya', 'Israel', 'Jordan', 'Turkmenistan', 'Lithuania']));
    expect(kept).not.toContain('Spain');
  });

  it.each(['BSEC', 'SEECP', 'WB6'])('leaves no land of the whole atlas uncovered on the %s map: every point of the view that is land lies in a kept country, and every kept country shows', async (group) => {
    const { map } = await regionMap(group);
    const points = viewPoints(map);
    const onLand = coveringNames(features(WORLD), points);
    const kept = names(map.topology);
    expect([...onLand].filter((name) => !kept.includes(name))).toEqual([]);
    // nor is a country kept that the view does not show (the spec carries no outline drawn off the page)
    const view = viewOf(map);
    const isInView = (p: Point) => p[0] >= 0 && p[0] <= map.width && p[1] >= 0 && p[1] <= map.height;
    const shows = (f: Feature) => onLand.has(f.properties.name ?? '') || polygons(f).flat(2).some((p) => isInView(view(p) ?? [-1, -1]));
    expect(features(map.topology).filter((f) => !shows(f)).map((f) => f.properties.name)).toEqual([]);
  });

  it('draws no coastline along a land border on the BSEC map: Poland–Germany and Slovenia–Croatia are borders, every coast point in view is the whole atlas\'s coast', async () => {
    const { map, members } = await regionMap('BSEC');
    const rows: MapRow[] = members.map((m, i) => ({ iso3: m.iso3, name: m.name, rate: i + 1, value: null }));
    const spec = buildMapChart(map, rows, { measure: 'Number per 100,000', ramp: ['#eeeeff', '#ccccee', '#9999cc', '#666699', '#222266'], description: 'x', members: memberNouns({ code: 'BSEC' }) }) as unknown as { datasets: { atlas: Topology } };
    const atlas = spec.datasets.atlas;
    const geometries = atlas.objects.countries!.geometries;
    const coast = new Set((geometries.find((g) => g.properties?.line === 'coast')!.arcs as number[][]).map(([arc]) => arc!));
    const arcsOf = (name: string) => new Set(arcUses(geometries.filter((g) => g.properties?.name === name)).keys());
    for (const [a, b] of [['Poland', 'Germany'], ['Slovenia', 'Croatia'], ['Czechia', 'Germany'], ['Austria', 'Hungary']] as const) {
      const shared = [...arcsOf(a)].filter((arc) => arcsOf(b).has(arc));
      expect(shared.length, `${a}–${b}`).toBeGreaterThan(0);
      expect(shared.filter((arc) => coast.has(arc)), `${a}–${b}`).toEqual([]);
    }
    // every point of the drawn coastline inside the view is a point of an arc bounding one country in the whole atlas
    const worldUses = arcUses(WORLD.objects.countries!.geometries);
    const worldCoast = new Set(quantizedArcs(WORLD).flatMap((arc, i) => (worldUses.get(i) === 1 ? arc.map((p) => p.join()) : [])));
    const view = viewOf(map);
    const { scale, translate } = atlas.transform;
    const inView = quantizedArcs(atlas).flatMap((arc, i) => (coast.has(i) ? arc : [])).filter((q) => {
      const p = view([q[0] * scale[0] + translate[0], q[1] * scale[1] + translate[1]]);
      return p !== null && p[0] > 0 && p[0] < map.width && p[1] > 0 && p[1] < map.height;
    });
    expect(inView.length).toBeGreaterThan(1000);
    expect(inView.filter((q) => !worldCoast.has(q.join())).length).toBe(0);
  });
});

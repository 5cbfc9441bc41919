import { describe, expect, it } from 'vitest';
import { fitRegionMap } from '../../src/report/maps/fit-region-map.js';
import { loadWorldAtlas } from '../../src/report/maps/load-world-atlas.js';
import { reassignTerritory, UN_PRACTICE } from '../../src/report/maps/reassign-territory.js';
import { loadTestReference } from '../helpers/warehouse.js';
import { features, fills, isInRing, polygons, type Feature, type Ring } from './helpers/atlas-features.js';

const SIMFEROPOL: [number, number] = [34.1, 44.95];
const SEVASTOPOL: [number, number] = [33.52, 44.6];
const KYIV: [number, number] = [30.52, 50.45];
const MOSCOW: [number, number] = [37.62, 55.75];

/** Whether the feature's fill (outer rings less holes, even-odd) covers the point. */
const covers = (feature: Feature | undefined, point: [number, number]) =>
  polygons(feature).some((rings) => fills(rings, point));

const isInCrimea = (ring: Ring) => ring.every(([x, y]) => x >= 32.3 && x <= 36.8 && y >= 44.2 && y <= 46.4);

describe('Crimea drawn as part of Ukraine (UN practice)', () => {
  it('world-atlas (Natural Earth) puts the Crimea polygon in the Russian Federation, which is why it is moved', () => {
    const all = features(loadWorldAtlas());
    expect(covers(all.find((f) => f.id === '643'), SIMFEROPOL)).toBe(true);
    expect(covers(all.find((f) => f.id === '804'), SIMFEROPOL)).toBe(false);
  });

  it('moves the polygon into Ukraine and merges it along the Perekop border: Ukraine fills Simferopol and Sevastopol, Russia neither', () => {
    const all = features(reassignTerritory(loadWorldAtlas(), 'countries', UN_PRACTICE));
    const ukraine = all.find((f) => f.id === '804');
    const russia = all.find((f) => f.id === '643');
    for (const point of [SIMFEROPOL, SEVASTOPOL, KYIV]) expect(covers(ukraine, point)).toBe(true);
    for (const point of [SIMFEROPOL, SEVASTOPOL]) expect(covers(russia, point)).toBe(false);
    expect(covers(russia, MOSCOW)).toBe(true);
    expect(all.filter((f) => covers(f, SIMFEROPOL)).map((f) => f.id)).toEqual(['804']);
    expect(polygons(russia).some((rings) => isInCrimea(rings[0]!))).toBe(false);
    // Merged, not added beside: the peninsula lies inside Ukraine's mainland outline, not in a polygon of its own.
    expect(polygons(ukraine).some((rings) => isInCrimea(rings[0]!))).toBe(false);
    const mainland = polygons(ukraine).find((rings) => isInRing(KYIV, rings[0]!));
    expect(mainland && isInRing(SIMFEROPOL, mainland[0]!)).toBe(true);
  });

  it('leaves no border between Crimea and mainland Ukraine on the regional map (no arc used twice in Ukraine)', async () => {
    const reference = await loadTestReference();
    const bsec = reference.states.filter((s) => s.groups.includes('BSEC')).map((s) => ({ iso3: s.iso3, numeric: s.numeric, name: s.name_en }));
    const map = fitRegionMap(loadWorldAtlas(), bsec);
    const ukraine = map.topology.objects.countries!.geometries.find((g) => g.properties?.iso3 === 'UKR');
    const arcs = JSON.stringify(ukraine?.arcs).match(/-?\d+/g)!.map(Number).map((a) => (a < 0 ? ~a : a));
    expect(new Set(arcs).size).toBe(arcs.length);
    const all = features(map.topology);
    expect(all.filter((f) => covers(f, SIMFEROPOL)).map((f) => f.properties.iso3)).toEqual(['UKR']);
    expect(covers(all.find((f) => f.properties.iso3 === 'RUS'), SIMFEROPOL)).toBe(false);
  });

  it('changes nothing when the countries or the polygon are not there', () => {
    const world = loadWorldAtlas();
    const none = reassignTerritory(world, 'countries', [{ name: 'Nowhere', from: '643', to: '804', box: [0, 0, 1, 1] }]);
    expect(none.objects.countries!.geometries).toEqual(world.objects.countries!.geometries);
    expect(reassignTerritory(world, 'countries', [{ name: 'x', from: '999', to: '804', box: [32.3, 44.2, 36.8, 46.4] }]).objects.countries!.geometries)
      .toEqual(world.objects.countries!.geometries);
  });
});

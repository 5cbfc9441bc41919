import { describe, expect, it } from 'vitest';
import { cropTopology } from '../../src/report/maps/crop-topology.js';
import { fitRegionMap } from '../../src/report/maps/fit-region-map.js';
import { loadWorldAtlas } from '../../src/report/maps/load-world-atlas.js';
import { loadTestReference } from '../helpers/warehouse.js';

const arcIndexes = (arcs: unknown): number[] => {
  const out: number[] = [];
  const walk = (v: unknown) => (typeof v === 'number' ? out.push(v < 0 ? ~v : v) : Array.isArray(v) ? v.forEach(walk) : undefined);
  walk(arcs);
  return out;
};

async function members(group: string) {
  const reference = await loadTestReference();
  return reference.states.filter((s) => s.groups.includes(group)).map((s) => ({ iso3: s.iso3, numeric: s.numeric, name: s.name_en }));
}

describe('cropTopology', () => {
  it('keeps only countries reaching into the frame, with every arc reference valid', () => {
    const world = loadWorldAtlas();
    const cropped = cropTopology(world, [19, 39, 30, 48], 'countries', (g) => ({ name: g.properties?.name ?? null }));
    const names = cropped.objects.countries!.geometries.map((g) => g.properties?.name);
    expect(names).toEqual(expect.arrayContaining(['Romania', 'Bulgaria', 'Serbia', 'Greece']));
    expect(names).not.toContain('Spain');
    const used = cropped.objects.countries!.geometries.flatMap((g) => arcIndexes(g.arcs));
    expect(Math.max(...used)).toBeLessThan(cropped.arcs.length);
    expect(cropped.arcs.length).toBeLessThan(world.arcs.length / 4);
  });
});

describe('fitRegionMap', () => {
  it('frames BSEC without stretching to the whole of Russia, and labels every member', async () => {
    const bsec = await members('BSEC');
    const map = fitRegionMap(loadWorldAtlas(), bsec);
    expect(map.partial).toEqual(['RUS']);
    expect(map.missing).toEqual([]);
    expect(map.labels.map((l) => l.iso3).sort()).toEqual(bsec.map((m) => m.iso3).sort());
    expect(map.height).toBeLessThanOrEqual(460);
    for (const label of map.labels) {
      expect(label.longitude).toBeGreaterThan(15);
      expect(label.longitude).toBeLessThan(55);
    }
  });

  it('finds Kosovo by name (it has no ISO numeric code) and zooms to the Western Balkans', async () => {
    const map = fitRegionMap(loadWorldAtlas(), await members('WB6'));
    expect(map.missing).toEqual([]);
    expect(map.labels.find((l) => l.iso3 === 'XKX')).toMatchObject({ longitude: expect.closeTo(20.9, 0) as number, latitude: expect.closeTo(42.6, 0) as number });
    const kosovo = map.topology.objects.countries!.geometries.find((g) => g.properties?.iso3 === 'XKX');
    expect(kosovo?.properties?.name).toBe('Kosovo');
  });

  it('reports a member the atlas has no outline for', () => {
    const map = fitRegionMap(loadWorldAtlas(), [{ iso3: 'ALB', numeric: '008', name: 'Albania' }, { iso3: 'QMA', numeric: '', name: 'Nowhere' }]);
    expect(map.missing).toEqual(['QMA']);
  });
});

import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { chainIndex, lumpOrigins, shareWithin, topCorridors } from '../../src/analytics/index.js';

describe('chainIndex', () => {
  it('chains like-for-like changes from 100 and breaks at a missing change', () => {
    const out = chainIndex([
      { series: 'A', year: 2021, change: 0.5 },
      { series: 'A', year: 2020, change: null },
      { series: 'A', year: 2022, change: -0.5 },
      { series: 'A', year: 2023, change: null },
      { series: 'A', year: 2024, change: 1 },
      { series: 'B', year: 2020, change: 0.2 },
    ]);
    // A: 100, 100 × 1.5 = 150, 150 × 0.5 = 75, then no comparable change: null from 2023 on
    expect(out).toEqual([
      { series: 'A', year: 2020, index: 100 },
      { series: 'A', year: 2021, index: 150 },
      { series: 'A', year: 2022, index: 75 },
      { series: 'A', year: 2023, index: null },
      { series: 'A', year: 2024, index: null },
      { series: 'B', year: 2020, index: 100 },
    ]);
  });

  test.prop([fc.array(fc.double({ min: -0.9, max: 2, noNaN: true }), { minLength: 1, maxLength: 12 })])(
    'the last index equals 100 times the product of the later changes, and rows are conserved',
    (changes) => {
      const rows = changes.map((change, i) => ({ series: 'S', year: 2000 + i, change }));
      const out = chainIndex(rows);
      expect(out).toHaveLength(rows.length);
      const product = changes.slice(1).reduce((p, c) => p * (1 + c), 100);
      expect(out[out.length - 1]?.index).toBeCloseTo(product, 3);
    },
  );
});

describe('shareWithin', () => {
  test.prop([fc.array(fc.record({ g: fc.constantFrom('a', 'b', 'c'), v: fc.integer({ min: 1, max: 1000 }) }), { minLength: 1, maxLength: 40 })])(
    'shares within each group sum to 1 and rows keep their order',
    (rows) => {
      const out = shareWithin(rows, ['g'], 'v');
      expect(out.map((r) => ({ g: r.g, v: r.v }))).toEqual(rows);
      for (const g of new Set(rows.map((r) => r.g))) {
        expect(out.filter((r) => r.g === g).reduce((s, r) => s + (r.share ?? 0), 0)).toBeCloseTo(1, 9);
      }
    },
  );

  it('gives null shares to a group summing to zero', () => {
    expect(shareWithin([{ g: 'a', v: 0 }], ['g'], 'v')[0]?.share).toBeNull();
  });
});

const flow = fc.record({
  origin: fc.constantFrom('ALB', 'GRC', 'NGA', 'VNM', '_U', 'SRB'),
  iso3: fc.constantFrom('ALB', 'GRC', 'SRB', 'TUR'),
  value: fc.integer({ min: 0, max: 500 }),
}).map((f) => ({ ...f, originName: f.origin }));

describe('flows', () => {
  test.prop([fc.array(flow, { maxLength: 60 }), fc.integer({ min: 1, max: 5 })])('lumping origins conserves every state total', (flows, n) => {
    const out = lumpOrigins(flows, n);
    for (const iso3 of new Set(flows.map((f) => f.iso3))) {
      const before = flows.filter((f) => f.iso3 === iso3).reduce((s, f) => s + f.value, 0);
      expect(out.filter((f) => f.iso3 === iso3).reduce((s, f) => s + f.value, 0)).toBe(before);
    }
    expect(new Set(out.map((f) => f.origin).filter((o) => o !== '_OTHER')).size).toBeLessThanOrEqual(n);
  });

  it('keeps by name the origins asked for, whatever their total, and gathers the rest', () => {
    const flows = [
      { origin: 'ALB', originName: 'Albania', iso3: 'ALB', value: 900 },
      { origin: 'AZE', originName: 'Azerbaijan', iso3: 'TUR', value: 43 },
      { origin: 'PAK', originName: 'Pakistan', iso3: 'GRC', value: 8 },
    ];
    expect(lumpOrigins(flows, 1, { keep: ['AZE'] }).map((f) => `${f.originName}>${f.iso3} ${f.value}`)).toEqual(['Albania>ALB 900', 'Azerbaijan>TUR 43', 'Other countries>GRC 8']);
  });

  it('ranks cross-border corridors only, largest first', () => {
    const out = topCorridors([
      { origin: 'ALB', originName: 'Albania', iso3: 'ALB', value: 900 },
      { origin: 'NGA', originName: 'Nigeria', iso3: 'GRC', value: 30 },
      { origin: '_U', originName: 'Unknown', iso3: 'GRC', value: 50 },
      { origin: 'ALB', originName: 'Albania', iso3: 'GRC', value: 10 },
    ]);
    expect(out.map((c) => [c.rank, c.origin, c.iso3, c.share])).toEqual([[1, 'NGA', 'GRC', 0.75], [2, 'ALB', 'GRC', 0.25]]);
  });

  it('takes the share of the whole cross-border total, cells not shown (small counts) included', () => {
    // the sample's 2025 victims: 175 from Uzbekistan to Türkiye of 814 foreign victims (774 in cells shown)
    const out = topCorridors([{ origin: 'UZB', originName: 'Uzbekistan', iso3: 'TUR', value: 175 }, { origin: 'UKR', originName: 'Ukraine', iso3: 'TUR', value: 599 }], 10, 814);
    expect(out.map((c) => [c.origin, c.share])).toEqual([['UKR', 599 / 814], ['UZB', 175 / 814]]);
    expect(topCorridors([{ origin: 'UZB', originName: 'Uzbekistan', iso3: 'TUR', value: 175 }], 10, null)[0]?.share).toBeNull();
  });
});

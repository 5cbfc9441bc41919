import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { MARTS } from '../../src/schema/marts.js';
import { quoteIdent, type Store } from '../../src/store/index.js';
import type { ObservationFixture } from '../helpers/warehouse.js';
import { buildAll, insertObservations, insertPopulation, openFixtureWarehouse, rowsOf } from './helpers.js';

/** A small region-wide fixture that gives every mart rows: 7 states × 6 years, chains, breakdowns, flows, flags. */
function everyMartFixture(): ObservationFixture[] {
  const rows: ObservationFixture[] = [];
  const states = ['ALB', 'SRB', 'MKD', 'GRC', 'ROU', 'HRV', 'XKX'];
  states.forEach((ref_area, s) => {
    for (let year = 2018; year <= 2023; year++) {
      const v = (base: number) => base + ((s * 7 + year * 3) % 11);
      const status = year === 2021 && s === 1 ? 'B' : year === 2023 ? 'P' : 'A';
      rows.push(
        { ref_area, time_period: year, indicator: 'TIP_OFF', obs_value: v(40), obs_status: status },
        { ref_area, time_period: year, indicator: 'TIP_SUS', obs_value: v(30) },
        { ref_area, time_period: year, indicator: 'TIP_PRS', obs_value: v(15) },
        { ref_area, time_period: year, indicator: 'TIP_CNV', obs_value: v(2), obs_status: year === 2019 ? 'E' : 'A' },
        { ref_area, time_period: year, indicator: 'TIP_VIC', counterpart_area: ref_area, obs_value: v(10) },
        { ref_area, time_period: year, indicator: 'TIP_VIC', counterpart_area: states[(s + 1) % states.length]!, obs_value: v(1) },
        { ref_area, time_period: year, indicator: 'TIP_VIC', counterpart_area: '_U', obs_value: v(0) },
        { ref_area, time_period: year, indicator: 'DRG_SEIZ_KG', obs_value: v(100) / 8 },
        { ref_area, time_period: year, indicator: 'COR_OFF', obs_value: v(50), conf_status: s === 3 ? 'C' : 'F' },
        { ref_area, time_period: year, indicator: 'COR_SUS', sex: 'F', obs_value: v(5) },
        { ref_area, time_period: year, indicator: 'COR_SUS', sex: 'M', obs_value: v(9) },
      );
    }
  });
  return rows;
}

let store: Store;

beforeAll(async () => {
  store = await openFixtureWarehouse(async (s) => {
    const rows = everyMartFixture();
    for (const ref_area of new Set(rows.map((r) => r.ref_area))) {
      await insertObservations(s, rows.filter((r) => r.ref_area === ref_area), { reporting_year: 2023, received_at: '2024-01-25 00:00:00' });
    }
    await insertObservations(s, [{ ref_area: 'ALB', time_period: 2023, indicator: 'POP', obs_value: 2_790_000 }]);
    await insertPopulation(s, [['SRB', 2023, 6_600_000], ['ROU', 2022, 19_000_000]]);
  });
  await buildAll(store);
});
afterAll(() => store.close());

describe('mart contracts', () => {
  it('has one model file per registered mart and a contract per mart file', () => {
    const files = readdirSync(join(PROJECT_ROOT, 'pipeline/marts')).map((f) => f.replace(/\.sql$/, '')).sort();
    expect(files).toEqual(MARTS.map((m) => m.name).sort());
  });

  it('ends every mart with a deterministic order: rebuilding gives the same rows in the same order', async () => {
    const snapshot = async () => {
      const out: unknown[] = [];
      for (const mart of MARTS) out.push(await rowsOf(store, mart.name));
      return out;
    };
    const before = await snapshot();
    await buildAll(store);
    expect(await snapshot()).toEqual(before);
  });

  describe.each(MARTS.map((m) => [m.name, m] as const))('%s', (name, contract) => {
    it('has rows, each parsed by its zod schema, with the registered columns in order', async () => {
      const rows = await rowsOf(store, name);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(Object.keys(contract.schema.parse(row))).toEqual(contract.columns);
      expect(Object.keys(rows[0]!)).toEqual(contract.columns);
    });

    it('is unique over its grain', async () => {
      const rows = await rowsOf(store, name);
      const keys = new Set(rows.map((row) => JSON.stringify(contract.grain.map((c) => row[c]))));
      expect(keys.size).toBe(rows.length);
    });

    it('has no nulls in its not-null columns and only accepted values', async () => {
      const rows = await rowsOf(store, name);
      for (const column of contract.notNull) expect(rows.filter((r) => r[column] === null || r[column] === undefined), column).toEqual([]);
      for (const [column, values] of Object.entries(contract.acceptedValues)) {
        expect(rows.filter((r) => r[column] !== null && !values.includes(r[column] as string)), column).toEqual([]);
      }
    });

    it.each(contract.relationships.map((r) => [`${r.columns.join(', ')} → ${r.to}`, r] as const))('relates %s', async (_label, relationship) => {
      const on = relationship.columns.map((c, i) => `t.${quoteIdent(relationship.toColumns[i]!)} = m.${quoteIdent(c)}`).join(' and ');
      const present = relationship.columns.map((c) => `m.${quoteIdent(c)} is not null`).join(' and ');
      const orphans = await store.all(
        `select ${relationship.columns.map((c) => `m.${quoteIdent(c)}`).join(', ')} from ${quoteIdent(name)} as m
         where ${present} and not exists (select 1 from ${quoteIdent(relationship.to)} as t where ${on}) limit 5`,
      );
      expect(orphans).toEqual([]);
    });
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestReturn } from '../../src/ingest/ingest-return.js';
import type { Reference } from '../../src/schema/reference.js';
import { openWarehouse, writeReference } from '../../src/store/index.js';
import { createSession } from '../../src/validate/index.js';
import { loadTestReference, tempDir } from '../helpers/warehouse.js';

// README (ingest): "Among the accepted returns of a state and reporting year the latest received is in force, whatever
// the order of ingestion … Equal receipt times go to the greater file name … Rows for earlier years in a return revise
// those series. A return that supersedes another replaces all of it." Here any few versions of two states' returns,
// received on a few days (so that ties happen), each revising some of the year before, are ingested through the real
// ingestReturn into a real DuckDB file in any order, and what is in force is worked out here from that sentence alone.

const HEADER = 'REF_AREA,TIME_PERIOD,INDICATOR,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE,OBS_STATUS,CONF_STATUS,COMMENT';
const INDICATORS = ['TIP_VIC', 'TIP_OFF', 'FA_SEIZED'] as const;

interface Version {
  state: 'ROU' | 'BGR';
  year: 2024 | 2025;
  /** Day of January 2026 it was received: 1 to 3, so that two versions often share a receipt time. */
  day: number;
  /** Per indicator, its figure for the reporting year and its revision of the year before (null: none given). */
  figures: Array<{ current: number | null; previous: number | null }>;
}

const versionArbitrary: fc.Arbitrary<Version> = fc.record({
  state: fc.constantFrom('ROU' as const, 'BGR' as const),
  year: fc.constantFrom(2024 as const, 2025 as const),
  day: fc.integer({ min: 1, max: 3 }),
  figures: fc.array(fc.record({ current: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }), previous: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }) }), {
    minLength: INDICATORS.length, maxLength: INDICATORS.length,
  }),
}).filter((v) => v.figures.some((f) => f.current !== null)); // a return has a row for its own year

/** `A_v1.csv` … `A_v9.csv`: one digit, so that the greater name is the later index. */
const nameOf = (v: Version, index: number): string => `${v.state}_${v.year}_v${index + 1}.csv`;

/** Series (state, year, indicator) → [value, file name] in force, worked out from the README's rule. */
function inForce(versions: readonly Version[]): string[] {
  const later = (a: number, b: number): boolean => versions[a]!.day > versions[b]!.day || (versions[a]!.day === versions[b]!.day && nameOf(versions[a]!, a) > nameOf(versions[b]!, b));
  // the version in force of each state and reporting year: the latest received, a tie to the greater name
  const returns = new Map<string, number>();
  versions.forEach((v, i) => {
    const key = `${v.state} ${v.year}`;
    const held = returns.get(key);
    if (held === undefined || later(i, held)) returns.set(key, i);
  });
  // each series from the returns in force that give it, the latest received again (a revision of the year before
  // counts when its file was received after that year's own return)
  const series = new Map<string, number>();
  const valueOf = new Map<string, number>();
  for (const i of returns.values()) {
    const v = versions[i]!;
    v.figures.forEach((f, k) => {
      for (const [year, value] of [[v.year, f.current], [v.year - 1, f.previous]] as const) {
        if (value === null) continue;
        const key = `${v.state},${year},${INDICATORS[k]}`;
        const held = series.get(key);
        if (held === undefined || later(i, held)) {
          series.set(key, i);
          valueOf.set(key, value);
        }
      }
    });
  }
  return [...series.entries()].map(([key, i]) => `${key},${valueOf.get(key)},${nameOf(versions[i]!, i)}`).sort();
}

let reference: Reference;
beforeAll(async () => {
  reference = await loadTestReference();
});

const RUNS = Number(process.env.IN_FORCE_RUNS ?? 12);

describe('the return in force', () => {
  it('is the latest received of each state and year, and each series the latest received return in force that gives it, whatever the order of ingestion', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(versionArbitrary, { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { minLength: 5, maxLength: 5 }), async (versions, keys) => {
        const dir = tempDir('in-force-');
        const store = await openWarehouse(join(dir, 'warehouse.duckdb'));
        try {
          await writeReference(store, reference);
          const session = await createSession(store, reference);
          const order = versions.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
          for (const i of order) {
            const v = versions[i]!;
            const path = join(dir, nameOf(v, i));
            // the version's number in every comment, so that no two versions are the same bytes (a duplicate)
            const rows = v.figures.flatMap((f, k) => [[v.year, f.current], [v.year - 1, f.previous]].flatMap(([year, value]) =>
              value === null ? [] : [`${v.state},${year},${INDICATORS[k]},_T,_T,_T,_T,${value},A,F,version ${i + 1}`]));
            writeFileSync(path, `${HEADER}\n${rows.join('\n')}\n`);
            const result = await ingestReturn(session, path, {
              displayName: nameOf(v, i), receivedAt: `2026-01-0${v.day}T10:00:00Z`, archiveDir: join(dir, 'archive'), toolVersion: 'test',
              now: new Date('2026-11-01T00:00:00Z'), changeWarning: { percent: 50, units: 20 },
            });
            await result.release();
            expect([nameOf(v, i), result.outcome, result.errors]).toEqual([nameOf(v, i), 'accepted', 0]);
          }
          const current = await store.all<{ line: string }>(
            `select concat_ws(',', o.ref_area, o.time_period, o.indicator, o.obs_value::integer, s.file_name) as line
             from observation_current as o inner join submission as s using (submission_id) order by line`,
          );
          expect(current.map((r) => r.line)).toEqual(inForce(versions));
          // and every version not in force is kept, marked superseded
          const expectedOutcomes = versions.map((v, i) => [nameOf(v, i), versions.some((w, j) => j !== i && w.state === v.state && w.year === v.year
            && (w.day > v.day || (w.day === v.day && nameOf(w, j) > nameOf(v, i)))) ? 'superseded' : 'accepted']).sort();
          expect((await store.all<{ file_name: string; outcome: string }>('select file_name, outcome from submission order by file_name')).map((r) => [r.file_name, r.outcome]))
            .toEqual(expectedOutcomes);
        } finally {
          store.close();
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.IN_FORCE_SEED ?? 20261124), endOnFailure: true },
    );
  }, 30_000 + RUNS * 10_000);
});

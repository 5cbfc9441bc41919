import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestReturn } from '../../src/ingest/ingest-return.js';
import { openWarehouse, writeReference, type Store } from '../../src/store/index.js';
import { createSession, type ValidationSession } from '../../src/validate/index.js';
import { loadTestReference, tempDir } from '../helpers/warehouse.js';

// DESIGN ("Nothing is lost"): every raw file that was offered is archived by content hash; every rejected row is kept
// with its reason. Here any bytes are offered to the real ingestReturn on a real DuckDB file: a valid return, a return
// with one bad cell on a random line, any text, any bytes.

const HEADER = 'REF_AREA,TIME_PERIOD,INDICATOR,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE,OBS_STATUS,CONF_STATUS,COMMENT';
const INDICATORS = ['TIP_VIC', 'TIP_OFF', 'TIP_SUS', 'FA_SEIZED', 'SOM_OFF', 'CYB_OFF'];

/** A file to offer, and where it has a bad cell: its line, column and value. */
interface Offer {
  bytes: Uint8Array;
  bad: { line: number; column: string; value: string } | null;
}

const rowsArbitrary = fc.uniqueArray(fc.record({ indicator: fc.constantFrom(...INDICATORS), value: fc.integer({ min: 0, max: 100_000 }) }), {
  minLength: 1, maxLength: 6, selector: (r) => r.indicator,
});
const lines = (rows: ReadonlyArray<{ indicator: string; value: number | string }>) => rows.map((r) => `ROU,2025,${r.indicator},_T,_T,_T,_T,${r.value},A,F,`);
const text = (body: string[]): Uint8Array => Buffer.from(`${[HEADER, ...body].join('\n')}\n`);

const offerArbitrary: fc.Arbitrary<Offer> = fc.oneof(
  rowsArbitrary.map((rows) => ({ bytes: text(lines(rows)), bad: null })),
  // one value negative or not a number, on line 2 + its index (the header is line 1)
  fc.tuple(rowsArbitrary, fc.nat(), fc.constantFrom('-7', 'twelve', '1O')).map(([rows, at, value]) => {
    const index = at % rows.length;
    return { bytes: text(lines(rows.map((r, i) => (i === index ? { ...r, value } : r)))), bad: { line: index + 2, column: 'OBS_VALUE', value } };
  }),
  fc.string({ unit: 'grapheme', maxLength: 200 }).map((s) => ({ bytes: Buffer.from(s), bad: null })),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ bytes, bad: null })),
);

let dir: string;
let store: Store;
let session: ValidationSession;
beforeAll(async () => {
  dir = tempDir('nothing-lost-');
  store = await openWarehouse(join(dir, 'warehouse.duckdb'));
  const reference = await loadTestReference();
  await writeReference(store, reference);
  session = await createSession(store, reference);
});
afterAll(() => store.close());

const RUNS = Number(process.env.NOTHING_LOST_RUNS ?? 40);

describe('nothing offered is lost', () => {
  it('every offered file is archived under its sha256 with its bytes, and recorded; a rejected one with its errors, a bad cell at its line', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(offerArbitrary, async ({ bytes, bad }) => {
        const path = join(dir, `ROU_2025_${++n}.csv`);
        writeFileSync(path, bytes);
        const result = await ingestReturn(session, path, {
          displayName: `ROU_2025_${n}.csv`, receivedAt: '2026-01-20T10:00:00Z', archiveDir: join(dir, 'archive'), toolVersion: 'test',
          now: new Date('2026-11-01T00:00:00Z'), changeWarning: { percent: 50, units: 20 },
        });
        await result.release();
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        expect(result.sha256).toBe(sha256);
        expect(new Uint8Array(readFileSync(join(dir, 'archive', sha256)))).toEqual(new Uint8Array(bytes));
        const [submission] = await store.all<{ submission_id: number; size_bytes: number; outcome: string; errors: number }>(
          'select submission_id, size_bytes::integer as size_bytes, outcome, errors from submission where sha256 = $sha256', { sha256 },
        );
        expect(submission?.size_bytes).toBe(bytes.length);
        const errors = await store.all<{ line: number | null; column: string | null; value: string | null }>(
          `select line, "column", value from validation_issue where submission_id = $id and severity = 'error' order by line`, { id: submission!.submission_id },
        );
        // accepted with no error, or rejected with the errors it counts (a file offered again: its first record)
        expect(submission!.outcome === 'rejected' ? errors.length > 0 && errors.length === submission!.errors : errors.length === 0 && submission!.errors === 0).toBe(true);
        if (bad !== null) {
          expect(submission!.outcome).toBe('rejected');
          expect(errors).toEqual([bad]);
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.NOTHING_LOST_SEED ?? 20261124), endOnFailure: true },
    );
  }, 30_000 + RUNS * 2_000);
});

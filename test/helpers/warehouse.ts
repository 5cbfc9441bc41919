import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/context.js';
import { readReference } from '../../src/io/read-reference.js';
import type { Reference } from '../../src/schema/reference.js';
import { openStore, openWarehouse, refreshCurrent, writeReference, type Store } from '../../src/store/index.js';

let cached: Reference | undefined;

/** Returns the project's reference data (parsed once per test file). */
export async function loadTestReference(): Promise<Reference> {
  if (cached) return cached;
  const scratch = await openStore(':memory:');
  try {
    cached = await readReference(scratch, join(PROJECT_ROOT, 'data/reference'), PROJECT_ROOT);
    return cached;
  } finally {
    scratch.close();
  }
}

/** Returns a fresh temporary directory. */
export function tempDir(prefix = 'crimetrends-test-'): string {
  // under the run's folder, removed when the run ends (see global-setup.ts)
  return mkdtempSync(join(process.env.CRIMETRENDS_TEST_TMP ?? tmpdir(), prefix));
}

/** Returns a migrated warehouse in a temporary file, with the reference tables written. */
export async function openTestWarehouse(path = join(tempDir(), 'warehouse.duckdb')): Promise<Store> {
  const store = await openWarehouse(path);
  await writeReference(store, await loadTestReference());
  return store;
}

/** One observation row for fixtures; unspecified dimensions default as in a return. */
export interface ObservationFixture {
  ref_area: string;
  time_period: number;
  indicator: string;
  obs_value: number | null;
  sex?: string;
  age?: string;
  counterpart_area?: string;
  breakdown?: string;
  obs_status?: string;
  conf_status?: string;
  comment?: string | null;
  source?: 'RETURN' | 'UNODC' | 'EUROSTAT';
  /** What the source published for a value it suppressed (UNODC's "<5"). */
  published_text?: string | null;
}

let nextSubmission = 1000;

/**
 * Inserts an accepted submission holding `rows` straight into the warehouse tables (for model tests that need
 * given rows without going through ingest) and returns its id.
 */
export async function insertObservations(
  store: Store,
  rows: ObservationFixture[],
  submission: { ref_area?: string | null; reporting_year?: number | null; received_at?: string; source?: string } = {},
): Promise<number> {
  const id = nextSubmission++;
  const source = submission.source ?? rows[0]?.source ?? 'RETURN';
  await store.run(
    `insert into submission values ($id, $source, null, $ref_area, $year, $file, $sha, 0, $received::timestamp, 'accepted', null, $n, $n, 0, 0, 'test', null, null)`,
    {
      id,
      source,
      ref_area: submission.ref_area ?? rows[0]?.ref_area ?? null,
      year: submission.reporting_year ?? Math.max(...rows.map((r) => r.time_period)),
      file: `fixture-${id}.csv`,
      sha: `sha-${id}`,
      received: submission.received_at ?? '2026-01-15 00:00:00',
      n: rows.length,
    },
  );
  await store.append(
    'observation',
    rows.map((r, i) => [
      id, i + 2, r.ref_area, r.time_period, r.indicator, r.sex ?? '_T', r.age ?? '_T', r.counterpart_area ?? '_T',
      r.breakdown ?? '_T', r.obs_value, r.obs_status ?? 'A', r.conf_status ?? 'F', r.comment ?? null, r.source ?? source, false, r.published_text ?? null,
    ]),
  );
  await refreshCurrent(store, [id]);
  return id;
}

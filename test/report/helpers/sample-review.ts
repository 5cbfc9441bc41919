import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../src/context.js';
import type { ReviewIndex } from '../../../src/report/pages/review-index.js';
import type { Store } from '../../../src/store/index.js';
import { runCli } from '../../helpers/cli.js';
import { loadTestReference, openTestWarehouse, tempDir } from '../../helpers/warehouse.js';
import { buildAndLoadReview } from './review-warehouse.js';

/**
 * Returns the bundled sample's warehouse (its 126 returns ingested through the CLI, the marts built with the default
 * config, as `crimetrends run --year 2025` does) and the 2025 review's index, for tests of the text a reader of
 * the sample review sees. The caller closes the store.
 */
export async function loadSampleReview(): Promise<{ store: Store; ix: ReviewIndex }> {
  const path = join(tempDir(), 'warehouse.duckdb');
  const ingest = await runCli(['ingest', join(PROJECT_ROOT, 'data/sample/returns'), '--warehouse', path]);
  if (ingest.code !== 0) throw new Error(`ingest of the sample failed: ${ingest.stderr}`);
  const store = await openTestWarehouse(path);
  const { ix } = await buildAndLoadReview(store, await loadTestReference());
  return { store, ix };
}

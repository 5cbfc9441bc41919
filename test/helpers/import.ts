import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/context.js';
import { importFile, type ImportReport, type ImportSource } from '../../src/ingest/import/index.js';
import { createCountryResolver, type CountryResolver } from '../../src/schema/resolve-country.js';
import type { Store } from '../../src/store/index.js';
import { loadTestReference, tempDir } from './warehouse.js';

let resolver: CountryResolver | undefined;

/** Returns the path of a file in `test/fixtures/import-<case>/`. */
export const importFixture = (name: string, file: string): string => join(PROJECT_ROOT, 'test/fixtures', `import-${name}`, file);

/**
 * Returns the report of importing `path` into `store` with the project's reference data, a temporary archive and a
 * fixed clock (`receivedAt`, default 2026-02-01); `published` as import --published gives it.
 */
export async function importForTest(
  store: Store,
  source: ImportSource,
  path: string,
  options: { receivedAt?: string; archiveDir?: string; issueLimit?: number; published?: string } = {},
): Promise<ImportReport> {
  const reference = await loadTestReference();
  resolver ??= createCountryResolver(reference.states, reference.countryAliases, reference.demonyms);
  return importFile(store, {
    source,
    path,
    displayName: path.split('/').pop()!,
    archiveDir: options.archiveDir ?? join(tempDir(), 'archive'),
    receivedAt: options.receivedAt ?? '2026-02-01T09:00:00.000Z',
    toolVersion: 'test',
    reference,
    resolver,
    issueLimit: options.issueLimit ?? 1000,
    ...(options.published === undefined ? {} : { published: options.published }),
  });
}

/** Returns the sum of every way a row can end: loaded + skipped + unmapped + unreadable. */
export function accountedRows(report: ImportReport): number {
  return report.loaded + Object.values(report.skipped).reduce((a, b) => a + b, 0) + report.unmapped + report.unreadable;
}

import { performance } from 'node:perf_hooks';
import { hashFile } from '../../io/hash-file.js';
import type { Reference } from '../../schema/reference.js';
import type { CountryResolver } from '../../schema/resolve-country.js';
import type { Store } from '../../store/index.js';
import { archiveFile } from '../archive-file.js';
import { findSubmissionBySha } from '../submission.js';
import { loadMappingTables } from './load-mapping-tables.js';
import { mapEurostat } from './map-eurostat.js';
import { mapUnodc } from './map-unodc.js';
import { mapWorldbank } from './map-worldbank.js';
import { stageEurostat } from './stage-eurostat.js';
import { stageUnodc } from './stage-unodc.js';
import { stageWorldbank } from './stage-worldbank.js';
import type { ImportReport, ImportSource, StagedFile } from './types.js';
import { writeImport } from './write-import.js';

/** One file to import and the environment it is imported in. */
export interface ImportRequest {
  source: ImportSource;
  /** Where the file is read from (read in place, never modified). */
  path: string;
  /** The name issues and the submission carry (base name, or project-relative path). */
  displayName: string;
  archiveDir: string;
  /** ISO timestamp of the import (the injected clock). */
  receivedAt: string;
  toolVersion: string;
  reference: Reference;
  resolver: CountryResolver;
  /** How many issues the report lists (all are written to the warehouse); default 20. */
  issueLimit?: number;
}

const SOURCE = { unodc: 'UNODC', eurostat: 'EUROSTAT', worldbank: 'WORLDBANK' } as const;
const TEMP_TABLES = [
  'import_raw', 'import_result', 'import_area', 'import_category', 'import_flag', 'import_sheet', 'import_sheet_rejects', 'import_sheet_scans', 'import_sheet_lines',
];

/**
 * Returns the report of importing one published download into the warehouse as one submission:
 *
 * 1. hash the bytes; bytes imported before are a no-op reported as `duplicate`;
 * 2. stage the rows as published into `import_raw` (reader per source: xlsx or CSV, preamble, encoding);
 * 3. map them in SQL into `import_result` (every row loaded, or skipped / unmapped / unreadable with a reason);
 * 4. archive the raw bytes (content-addressed), then write submission, rows, issues and the supersession of the
 *    previous import of the same dataset in one transaction (all or nothing).
 *
 * @throws DataError when the file is not a download of `source` or cannot be read; nothing is written then.
 */
export async function importFile(store: Store, request: ImportRequest): Promise<ImportReport> {
  const started = performance.now();
  const source = SOURCE[request.source];
  const digest = await hashFile(request.path);
  const base = { file: request.displayName, source, sha256: digest.sha256, sizeBytes: digest.sizeBytes };
  const earlier = await findSubmissionBySha(store, digest.sha256);
  if (earlier !== undefined) {
    return {
      ...base, dataset: earlier.dataset, status: 'duplicate', submissionId: earlier.submission_id, receivedAt: earlier.received_at,
      supersedes: [], rows: 0, loaded: 0, skipped: {}, unmapped: 0, unreadable: 0, reasons: [], issueCount: 0, issues: [],
      durationMs: Math.round(performance.now() - started),
    };
  }
  try {
    await loadMappingTables(store, request.reference);
    const staged = await stageAndMap(store, request);
    await archiveFile(request.archiveDir, request.path, digest.sha256);
    const written = await writeImport(store, {
      source, staged, file: { displayName: request.displayName, ...digest }, receivedAt: request.receivedAt,
      toolVersion: request.toolVersion, issueLimit: request.issueLimit ?? 20,
    });
    const reasons = [...written.counts];
    const rejected = staged.readIssues.filter((issue) => issue.line !== null && !issue.code.startsWith('BLANK'));
    if (staged.rejectedRows > 0) {
      reasons.push({ status: 'unreadable', code: rejected[0]?.code ?? 'CSV_UNREADABLE', reason: 'line rejected by the CSV reader', count: staged.rejectedRows, firstLine: rejected[0]?.line ?? null });
    }
    const total = (status: string): number => reasons.filter((r) => r.status === status).reduce((sum, r) => sum + r.count, 0);
    const skipped: Record<string, number> = {};
    for (const r of reasons.filter((r) => r.status === 'skipped')) {
      const key = r.code.replace(/^IMPORT_SKIPPED_/, '').toLowerCase();
      skipped[key] = (skipped[key] ?? 0) + r.count;
    }
    return {
      ...base, dataset: staged.dataset, status: 'imported', submissionId: written.submissionId, receivedAt: request.receivedAt,
      supersedes: written.supersedes, rows: staged.rows, loaded: written.loaded, skipped, unmapped: total('unmapped'),
      unreadable: total('unreadable'), reasons, issueCount: written.issueCount, issues: written.issues,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    for (const table of TEMP_TABLES) await store.run(`drop table if exists ${table}`);
  }
}

async function stageAndMap(store: Store, request: ImportRequest): Promise<StagedFile> {
  const { path, displayName, resolver } = request;
  switch (request.source) {
    case 'unodc': {
      const staged = await stageUnodc(store, path, displayName);
      await mapUnodc(store, staged, resolver);
      return staged;
    }
    case 'eurostat': {
      const staged = await stageEurostat(store, path, displayName);
      await mapEurostat(store, staged, resolver, request.reference.eurostatFlags);
      return staged;
    }
    case 'worldbank': {
      const staged = await stageWorldbank(store, path, displayName);
      await mapWorldbank(store, staged, resolver);
      return staged;
    }
  }
}

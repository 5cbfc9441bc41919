import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { DataError } from '../../errors.js';
import { extractZippedText } from '../../io/extract-zipped-text.js';
import { hashFile } from '../../io/hash-file.js';
import { ENCRYPTED_WORKBOOK_HINT, isEncryptedWorkbook } from '../../io/is-encrypted-workbook.js';
import { readMagic } from '../../io/read-magic.js';
import type { Reference } from '../../schema/reference.js';
import type { CountryResolver } from '../../schema/resolve-country.js';
import type { Store } from '../../store/index.js';
import { archiveFile } from '../archive-file.js';
import { classifyDuplicate, describeSubmission, findSubmissionBySha, insertIssues, insertSubmission, nextSubmissionId, type SubmissionRecord } from '../submission.js';
import { loadMappingTables } from './load-mapping-tables.js';
import { mapEurostat } from './map-eurostat.js';
import { mapUnodc } from './map-unodc.js';
import { mapWorldbank } from './map-worldbank.js';
import { readPublication } from './read-publication.js';
import { reofferImport } from './reoffer-import.js';
import { stageEurostat } from './stage-eurostat.js';
import { stageUnodc } from './stage-unodc.js';
import { stageWorldbank } from './stage-worldbank.js';
import type { ImportError, ImportReport, ImportSource, StagedFile } from './types.js';
import { writeImport } from './write-import.js';

/** One file to import and the environment it is imported in. */
export interface ImportRequest {
  source: ImportSource;
  /** Where the file is read from (read in place, never modified). */
  path: string;
  /** The name issues and the submission carry (base name, or project-relative path). */
  displayName: string;
  archiveDir: string;
  /** Called with what the user should know that is not an issue of the file (a damaged archive copy, replaced). */
  onWarning?: (message: string) => void;
  /** ISO timestamp of the import (the injected clock). */
  receivedAt: string;
  toolVersion: string;
  reference: Reference;
  resolver: CountryResolver;
  /** How many issues the report lists (all are written to the warehouse); default 20. */
  issueLimit?: number;
  /** The publication date (YYYY-MM-DD) given with --published: used instead of the one the file carries. */
  published?: string;
}

const SOURCE = { unodc: 'UNODC', eurostat: 'EUROSTAT', worldbank: 'WORLDBANK' } as const;
const TEMP_TABLES = [
  'import_raw', 'import_result', 'import_area', 'import_category', 'import_country', 'import_flag', 'import_sheet', 'import_sheet_rejects', 'import_sheet_scans', 'import_sheet_lines',
];

/**
 * Returns the report of importing one published download into the warehouse as one submission:
 *
 * 1. hash the bytes; bytes imported before as this source are a `duplicate` (or, superseded since and the newest
 *    publication, `reinstated`: see reofferImport), bytes loaded as
 *    another source or as a return are refused (`IMPORT_OTHER_SOURCE`), bytes rejected before are tried again (a
 *    rejection as another kind loaded nothing: the bytes are new here);
 * 2. archive the raw bytes (content-addressed), whatever comes next;
 * 3. stage the rows as published into `import_raw` (reader per source: xlsx or CSV, preamble, encoding);
 * 4. map them in SQL into `import_result` (every row loaded, or skipped / unmapped / unreadable with a reason);
 * 5. write submission, rows, issues, the publication date (read from the file, see readPublication, or given as
 *    `published`) and the replacement of earlier imports of the same source and dataset for the states this one is
 *    the newest publication of, in one transaction (all or nothing).
 *
 * A file that is not a download of `source` or cannot be read (a DataError) is recorded as a `rejected` submission
 * with the error as its issue, as a rejected return is; when the same bytes were rejected before, nothing new is
 * recorded.
 */
export async function importFile(store: Store, request: ImportRequest): Promise<ImportReport> {
  const source = SOURCE[request.source];
  const digest = await hashFile(request.path);
  const base = {
    file: request.displayName, source, sha256: digest.sha256, sizeBytes: digest.sizeBytes, replaces: [], supersedes: [], states: [],
    statesInUse: [], newer: [], published: null, publishedFrom: null, isRedated: false,
    rows: 0, loaded: 0, skipped: {}, unmapped: 0, unreadable: 0, reasons: [], issueCount: 0, issues: [], error: null, isRecorded: false,
  };
  const earlier = await findSubmissionBySha(store, digest.sha256, source);
  const kind = earlier === undefined ? undefined : classifyDuplicate(earlier, source);
  if (earlier !== undefined && kind === 'same') {
    const again = await reofferImport(store, earlier, { path: request.path, published: request.published, day: request.receivedAt.slice(0, 10) });
    const settled = again.settled === undefined ? {} : { ...again.settled };
    return {
      ...base, ...settled, dataset: earlier.dataset, status: again.status, submissionId: earlier.submission_id, receivedAt: earlier.received_at,
      published: again.published, publishedFrom: again.publishedFrom, isRedated: again.isRedated,
    };
  }
  if (earlier !== undefined && kind === 'other-source') {
    const error: ImportError = {
      code: 'IMPORT_OTHER_SOURCE',
      message: `expected a ${source} download, found the same bytes as ${describeSubmission(earlier)}: not imported again`,
      file: request.displayName, line: null, column: null,
      hint: `check the source named after "import"; this file is already in the warehouse as ${earlier.source}`,
    };
    return { ...base, dataset: earlier.dataset, status: 'rejected', submissionId: earlier.submission_id, receivedAt: earlier.received_at, error };
  }
  await archiveFile(request.archiveDir, request.path, digest.sha256, request.onWarning);
  try {
    await loadMappingTables(store, request.reference, new Date(request.receivedAt).getUTCFullYear());
    const staged = await stageAndMap(store, request);
    const publication = request.published !== undefined
      ? { date: request.published, how: 'option' as const, where: '--published' }
      : staged.publication === undefined ? undefined : { ...staged.publication, how: 'file' as const };
    const written = await writeImport(store, {
      source, staged, file: { displayName: request.displayName, ...digest }, receivedAt: request.receivedAt,
      toolVersion: request.toolVersion, issueLimit: request.issueLimit ?? 20, publication,
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
      replaces: written.replaces, supersedes: written.supersedes, states: written.states, statesInUse: written.statesInUse, newer: written.newer,
      published: publication?.date ?? null, publishedFrom: publication?.where ?? null, rows: staged.rows, loaded: written.loaded, skipped,
      unmapped: total('unmapped'), unreadable: total('unreadable'), reasons, issueCount: written.issueCount, issues: written.issues,
      isRecorded: true,
    };
  } catch (failure) {
    if (!(failure instanceof DataError)) throw failure;
    const error: ImportError = {
      code: failure.code, message: failure.message, file: failure.location?.file ?? request.displayName, line: failure.location?.line ?? null,
      column: failure.location?.column === undefined ? null : String(failure.location.column), hint: failure.hint ?? null,
    };
    if (earlier !== undefined && kind === 'rejected') {
      // offered and rejected before, and still cannot be imported: nothing new to record
      return { ...base, dataset: earlier.dataset, status: 'rejected', submissionId: earlier.submission_id, receivedAt: earlier.received_at, error };
    }
    const submissionId = await recordRejected(store, request, source, digest, error);
    return { ...base, dataset: null, status: 'rejected', submissionId, receivedAt: request.receivedAt, issueCount: 1, error, isRecorded: true };
  } finally {
    for (const table of TEMP_TABLES) await store.run(`drop table if exists ${table}`);
  }
}

/** Records a file that could not be imported: a `rejected` submission with its error as the one issue. */
async function recordRejected(
  store: Store,
  request: ImportRequest,
  source: SubmissionRecord['source'],
  digest: { sha256: string; sizeBytes: number },
  error: ImportError,
): Promise<number> {
  return store.transaction(async () => {
    const id = await nextSubmissionId(store);
    await insertSubmission(store, {
      submission_id: id, source, dataset: null, ref_area: null, reporting_year: null, file_name: request.displayName, sha256: digest.sha256,
      size_bytes: digest.sizeBytes, received_at: request.receivedAt, outcome: 'rejected', superseded_by: null, rows_total: 0, rows_accepted: 0,
      errors: 1, warnings: 0, tool_version: request.toolVersion,
    });
    await insertIssues(store, id, [{ code: error.code, severity: 'error', file: error.file ?? request.displayName, line: error.line, column: error.column, value: null, message: error.message, hint: error.hint }]);
    return id;
  });
}

/**
 * Returns the staged and mapped download. A gzip-compressed file (Eurostat's bulk `estat_crim_off_cat.tsv.gz`, told by
 * its first bytes) is read decompressed from a temporary copy, its lines numbered as in the decompressed text (the
 * archive keeps the bytes as offered); so is the one data file of a zip download (the World Bank's `API_….zip`, see
 * extractZippedText). An .xlsx workbook is read for UNODC and the World Bank; offered as Eurostat, and
 * an Excel 97-2003 `.xls` for any source, it is refused naming what to download or save instead; so is a
 * password-protected workbook (a compound file, as an `.xls` is, holding the encrypted package), saying so, an
 * empty file for any source, and one that holds a header and no row below it (`IMPORT_NO_ROWS`).
 */
async function stageAndMap(store: Store, request: ImportRequest): Promise<StagedFile> {
  const magic = await readMagic(request.path);
  if (magic.length === 0) {
    throw new DataError('IMPORT_UNREADABLE_FILE', 'expected a CSV, TSV or .xlsx download, found an empty file (0 bytes)', [], {
      location: { file: request.displayName },
      hint: 'download the file again: an interrupted download or a failed save leaves it empty',
    });
  }
  if (magic[0] === 0x1f && magic[1] === 0x8b) {
    const dir = await mkdtemp(join(tmpdir(), 'crimetrends-gunzip-'));
    try {
      const plain = join(dir, basename(request.path).replace(/\.gz$/i, '') || 'download');
      try {
        await pipeline(createReadStream(request.path), createGunzip(), createWriteStream(plain));
      } catch (error) {
        throw new DataError('IMPORT_UNREADABLE_FILE', `expected a gzip file that decompresses, found a damaged one (${error instanceof Error ? error.message : String(error)})`, [], {
          location: { file: request.displayName },
          hint: 'download the file again',
        });
      }
      return await stageAndMapPlain(store, { ...request, path: plain });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const isWorkbook = magic[0] === 0x50 && magic[1] === 0x4b;
  if (isWorkbook) {
    // the World Bank's download as published is a zip of the data CSV and its metadata: the data file is read
    const dir = await mkdtemp(join(tmpdir(), 'crimetrends-unzip-'));
    try {
      const zipped = await extractZippedText(request.path, dir).catch((error: unknown) => {
        throw new DataError('IMPORT_UNREADABLE_FILE', `expected a zip archive that unpacks, found a damaged one (${error instanceof Error ? error.message : String(error)})`, [], {
          location: { file: request.displayName },
          hint: 'download the file again',
        });
      });
      if (zipped !== undefined) return await stageAndMapPlain(store, { ...request, path: zipped.path });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  if (magic[0] === 0xd0 && magic[1] === 0xcf && (await isEncryptedWorkbook(request.path))) {
    throw new DataError('IMPORT_UNREADABLE_FILE', 'expected a CSV, TSV or .xlsx file, found a password-protected (encrypted) workbook, which cannot be read', [], {
      location: { file: request.displayName },
      hint: ENCRYPTED_WORKBOOK_HINT,
    });
  }
  if (magic[0] === 0xd0 && magic[1] === 0xcf) {
    throw new DataError('IMPORT_UNREADABLE_FILE', 'expected a CSV, TSV or .xlsx file, found an Excel 97-2003 workbook (.xls), which is not read', [], {
      location: { file: request.displayName },
      hint: `open it in a spreadsheet and save it as .xlsx (Excel Workbook) or CSV UTF-8, or download ${request.source === 'worldbank' ? 'the CSV (API_SP.POP.TOTL_DS2_en_csv_v2.csv)' : 'the CSV'} instead`,
    });
  }
  if (isWorkbook && request.source === 'eurostat') {
    const download = 'the table as TSV or SDMX-CSV';
    throw new DataError('IMPORT_UNREADABLE_FILE', `expected a CSV or TSV file, found a spreadsheet workbook (.xlsx or another zip file): ${SOURCE[request.source]} imports are read from text downloads`, [], {
      location: { file: request.displayName },
      hint: `download ${download} instead: the data browser's spreadsheet lays the table out for reading (labels, a flag column beside each year), which is not read, saved as CSV or not`,
    });
  }
  return stageAndMapPlain(store, request, isWorkbook);
}

async function stageAndMapPlain(store: Store, request: ImportRequest, isWorkbook = false): Promise<StagedFile> {
  const staged = await stageAndMapOf(store, request, isWorkbook);
  // the World Bank writes dates month first (DataBank's "Last Updated: 07/01/2025" is 1 July); UNODC and Eurostat day first
  const publication = request.published === undefined ? await readPublication(request.path, request.receivedAt.slice(0, 10), request.source === 'worldbank') : undefined;
  return publication === undefined ? staged : { ...staged, publication };
}

async function stageAndMapOf(store: Store, request: ImportRequest, isWorkbook: boolean): Promise<StagedFile> {
  const { path, displayName, resolver } = request;
  switch (request.source) {
    case 'unodc': {
      const staged = checkHasRows(await stageUnodc(store, path, displayName, resolver, isWorkbook), displayName);
      await mapUnodc(store, staged, resolver);
      return staged;
    }
    case 'eurostat': {
      const staged = checkHasRows(await stageEurostat(store, path, displayName), displayName);
      await mapEurostat(store, staged, resolver, request.reference.eurostatFlags);
      return staged;
    }
    case 'worldbank': {
      const staged = checkHasRows(await stageWorldbank(store, path, displayName, isWorkbook), displayName);
      await mapWorldbank(store, staged, resolver, displayName);
      return staged;
    }
  }
}

/**
 * Returns `staged` when it holds a row below its header; throws `IMPORT_NO_ROWS` at the header's line when it holds
 * none (blank lines aside): a download of the header alone is an empty selection or an interrupted export, never a
 * table with nothing to say, so it is rejected as an unreadable file is rather than imported with nothing loaded.
 */
function checkHasRows(staged: StagedFile, displayName: string): StagedFile {
  if (staged.rows > 0) return staged;
  throw new DataError('IMPORT_NO_ROWS', 'expected rows below the header, found none: the download holds its header only', [], {
    location: { file: displayName, line: staged.headerLine },
    hint: 'download the table again; the file holds no rows (an empty selection, or an export or download cut short)',
  });
}

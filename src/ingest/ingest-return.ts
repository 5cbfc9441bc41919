import { hashFile } from '../io/hash-file.js';
import { hasCurrentValues, quoteIdent, refreshCurrent } from '../store/index.js';
import type { ValidationSession } from '../validate/index.js';
import { dropValidation, validateFile, type ValidateFileOptions } from '../validate/index.js';
import { archiveFile, displayFileName } from './archive-file.js';
import { findSubmissionBySha, insertSubmission, nextSubmissionId, type SubmissionRecord } from './submission.js';

/** How to validate the file (as `validate` does, always against the warehouse's previous values), and where it goes. */
export interface IngestReturnOptions extends Omit<ValidateFileOptions, 'previous'> {
  /** When the file was received (ISO timestamp, UTC). */
  receivedAt: string;
  archiveDir: string;
  toolVersion: string;
  /** Reports a phase of a long file ("checking", "loading"). */
  onPhase?: (phase: string) => void;
}

/** What became of one offered file. */
export interface IngestReturnResult {
  file: string;
  sha256: string;
  outcome: 'accepted' | 'rejected' | 'duplicate';
  submissionId: number;
  state: string | null;
  year: number | null;
  rows: number;
  accepted: number;
  errors: number;
  warnings: number;
  /** Earlier submissions this one superseded. */
  superseded: number[];
  /** The validation, for printing its issues; its temporary tables are dropped by the caller via `release`. */
  release: () => Promise<void>;
  issuesTable: string | null;
}

/**
 * Returns the outcome of offering one return to the warehouse: validated exactly as `validate` does (with the
 * year-on-year check against the warehouse), archived by content hash, then recorded in one transaction — the
 * submission row, its issues, and (when it has no error) its rows, superseding the earlier accepted return for the
 * same state and reporting year. The same bytes offered again are a no-op.
 */
export async function ingestReturn(session: ValidationSession, path: string, options: IngestReturnOptions): Promise<IngestReturnResult> {
  const { store } = session;
  const { sha256 } = await hashFile(path);
  const earlier = await findSubmissionBySha(store, sha256);
  if (earlier !== undefined) {
    return {
      file: options.displayName, sha256, outcome: 'duplicate', submissionId: earlier.submission_id, state: earlier.ref_area,
      year: earlier.reporting_year, rows: earlier.rows_total, accepted: 0, errors: 0, warnings: 0, superseded: [],
      release: async () => undefined, issuesTable: null,
    };
  }
  options.onPhase?.('checking');
  const validation = await validateFile(session, path, {
    displayName: options.displayName,
    state: options.state,
    year: options.year,
    now: options.now,
    changeWarning: options.changeWarning,
    previous: 'observation_current',
  });
  const release = (): Promise<void> => dropValidation(session, validation);
  try {
    options.onPhase?.('archiving');
    await archiveFile(options.archiveDir, path, sha256);
    options.onPhase?.('loading');
    const isAccepted = validation.errors === 0;
    const superseded = await store.transaction(async () => {
      const id = await nextSubmissionId(store);
      const replaced = isAccepted && validation.state !== null && validation.year !== null
        ? await store.all<{ submission_id: number }>(
            `update submission set outcome = 'superseded', superseded_by = $id
             where source = 'RETURN' and outcome = 'accepted' and ref_area = $state and reporting_year = $year
             returning submission_id`,
            { id, state: validation.state, year: validation.year },
          )
        : [];
      const record: SubmissionRecord = {
        submission_id: id, source: 'RETURN', dataset: null, ref_area: validation.state, reporting_year: validation.year,
        file_name: displayFileName(path), sha256, size_bytes: validation.sizeBytes, received_at: options.receivedAt,
        outcome: isAccepted ? 'accepted' : 'rejected', superseded_by: null, rows_total: validation.rows,
        rows_accepted: isAccepted ? validation.accepted : 0, errors: validation.errors, warnings: validation.warnings,
        tool_version: options.toolVersion,
      };
      await insertSubmission(store, record);
      await store.run(
        `insert into validation_issue select $id, code, severity, file, line, "column", value, message, hint from ${quoteIdent(validation.issuesTable)}`,
        { id },
      );
      if (isAccepted) {
        // when nothing competes (nothing superseded, one row per series, no value in force yet for these states:
        // a first return, a new warehouse) the rows are current as they come; otherwise the states are re-ranked
        const [{ repeated, states }] = (await store.all<{ repeated: number; states: string[] }>(
          `select (select count(*)::integer from ${quoteIdent(validation.issuesTable)} where code = 'DUPLICATE_SERIES') as repeated,
             (select list(distinct ref_area) from ${quoteIdent(validation.rowsTable)} where ref_area is not null) as states`,
        )) as [{ repeated: number; states: string[] }];
        const isFresh = replaced.length === 0 && repeated === 0 && !(await hasCurrentValues(store, states));
        await store.run(
          `insert into observation (submission_id, line, ref_area, time_period, indicator, sex, age, counterpart_area, breakdown,
             obs_value, obs_status, conf_status, comment, source, is_current)
           select $id, line, ref_area, time_period, indicator, sex, age, counterpart_area, breakdown, obs_value, obs_status,
             conf_status, comment, 'RETURN', $isFresh
           from ${quoteIdent(validation.rowsTable)} where not is_blank`,
          { id, isFresh },
        );
        if (!isFresh) await refreshCurrent(store, [id, ...replaced.map((r) => r.submission_id)]);
      }
      return { id, replaced: replaced.map((r) => r.submission_id) };
    });
    return {
      file: options.displayName, sha256, outcome: isAccepted ? 'accepted' : 'rejected', submissionId: superseded.id,
      state: validation.state, year: validation.year, rows: validation.rows, accepted: isAccepted ? validation.accepted : 0,
      errors: validation.errors, warnings: validation.warnings, superseded: superseded.replaced, release,
      issuesTable: validation.issuesTable,
    };
  } catch (error) {
    await release();
    throw error;
  }
}

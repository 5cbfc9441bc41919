import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Context } from '../context.js';
import { displayFileName } from '../ingest/archive-file.js';
import { nameMismatch, namedIn, regionNames } from '../ingest/name-mismatch.js';
import { readReceived } from '../ingest/read-received.js';
import { classifyDuplicate, findReceiptClash, parseReceivedAt, toReceiptTime } from '../ingest/submission.js';
import { hashFile } from '../io/hash-file.js';
import { formatSkipped, listFiles, printablePath } from '../io/list-files.js';
import { readReference } from '../io/read-reference.js';
import { PipelineError } from '../errors.js';
import type { Issue } from '../schema/issue.js';
import { resolveStateOption } from '../schema/resolve-state-option.js';
import { attachReadOnly, holdOfferedReturn, openStore, threadsForFiles, toReadError, type Store } from '../store/index.js';
import { countIssues, createSession, dropValidation, namesReturnColumns, readIssues, readShownIssues, validateFile } from '../validate/index.js';
import { describeOfferedBefore, findOfferedBefore } from './describe-offered-before.js';
import { paint, printFailure, toErrorJson, toJson } from './output.js';
import { formatIssues, plural, SHOWN_PER_RULE, takenFor } from './print-issues.js';
import type { CommonOptions } from './program.js';
import { displayPath, resolveSetup } from './setup.js';

export interface ValidateOptions extends CommonOptions {
  state?: string;
  year?: number;
  /** Compare with the previous year in the warehouse (read-only); `--warehouse` and `--received-at` imply it. */
  compare?: boolean;
  /** When the files count as received for the comparison, as `ingest --received-at` takes it (else now, or the log's). */
  receivedAt?: string;
}


/**
 * `crimetrends validate FILE...`: checks returns and prints their issues; never writes anything.
 * Returns 0 when no file has errors (warnings allowed), 1 otherwise.
 */
export async function validateAction(ctx: Context, paths: string[], options: ValidateOptions): Promise<number> {
  const setup = await resolveSetup(ctx, options);
  const receivedAt = options.receivedAt === undefined ? undefined : parseReceivedAt(options.receivedAt, ctx.clock());
  // every entry of an offered folder is accounted for: one warning line per entry not read, or with --json one entry
  // of the document's `skipped` (as ingest writes it: a script reading the document learns what was not checked)
  const skipped: Array<Record<string, string>> = [];
  const files = await listFiles(paths, ctx.cwd, {
    allowStdin: true,
    isHeader: namesReturnColumns,
    onSkip: (entry) => {
      const file = printablePath(displayPath(ctx, entry.path));
      if (options.json) skipped.push({ code: 'FILE_SKIPPED', file, reason: entry.reason, hint: entry.hint });
      else ctx.logger.warn(formatSkipped(entry, file));
    },
  });
  const store = await openStore(':memory:');
  try {
    const reference = await readReference(store, setup.reference, ctx.cwd);
    const isCompared = options.warehouse !== undefined || options.compare === true || options.receivedAt !== undefined;
    // a warehouse that cannot be read (damaged, cut short, empty, not a DuckDB database): the files are still checked
    // without the comparison, their issues listed, and the warehouse's error said after them (exit 1)
    // the options that asked for the comparison, which a missing warehouse's message names (not --compare alone)
    const askers = [options.compare === true && '--compare', options.warehouse !== undefined && '--warehouse',
      options.receivedAt !== undefined && '--received-at'].filter((a): a is string => a !== false);
    let unreadable = isCompared ? await attachWarehouse(store, setup.warehouse, askers) : undefined;
    const session = await createSession(store, reference);
    const state = options.state === undefined ? undefined : resolveStateOption(session.countries, reference.states, options.state);
    const codes = regionNames(reference.states);
    const results: Array<Record<string, unknown> & { errors: number }> = [];
    const { bold, green, red } = paint(ctx.useColour);
    const threads = await threadsForFiles(store);
    // the files of one command are received at one moment (or at the times their folder's _received.csv gives), as
    // ingest of them records them; each is compared with the warehouse as ingest of the files before it (those without
    // errors) leaves it: see holdOfferedReturn
    const now = ctx.clock();
    let schema = 'wh.';
    const manifests = new Map<string, Map<string, string>>();
    // sha256 → the file of this command that holds the bytes first: ingest of the files would record that one only
    const given = new Map<string, string>();
    // names and bytes (`name\nsha256`) an earlier file of the command would have kept as a re-offer (see findOfferedBefore)
    const reOffered = new Set<string>();
    for (const [index, path] of files.entries()) {
      await threads.forFile(path);
      const check = async (isWithWarehouse: boolean) => {
        const offered = isWithWarehouse ? await comparedAs(store, path, schema, { now, given: receivedAt, manifests }) : undefined;
        const validation = await validateFile(session, path, {
          displayName: printablePath(displayPath(ctx, path)),
          state,
          year: options.year,
          // as ingest would receive the file now: compared with the values in force once it is in (see valuesInForceAfter)
          compareWith: offered,
          now,
          changeWarning: setup.config.changeWarning,
        });
        // bytes the warehouse holds already (or an earlier file of the command holds): said in ingest's words, and the
        // file's issues still listed, as a focal point checking a resend needs them (see describeOfferedBefore)
        const before = offered === undefined ? null : await findOfferedBefore(store, offered.sha256, { file: path, region: codes, reOffered }, offered.schema);
        if (offered !== undefined && validation.errors === 0 && index < files.length - 1) {
          schema = await holdOfferedReturn(store, { ...offered, state: validation.state, year: validation.year }, validation.rowsTable);
        }
        return { offered, validation, before };
      };
      const isWithWarehouse = isCompared && unreadable === undefined;
      // damage found reading the warehouse (a block past the end of a copy cut short): this file checked again without it
      const { offered, validation, before } = await check(isWithWarehouse).catch(async (error: unknown) => {
        unreadable = isWithWarehouse ? toReadError(setup.warehouse, error) : undefined;
        if (unreadable === undefined) throw error;
        return check(false);
      });
      const sameBytesAs = offered === undefined || offered.sha256 === '' || before !== null ? undefined : given.get(offered.sha256);
      if (offered !== undefined && offered.sha256 !== '' && !given.has(offered.sha256)) given.set(offered.sha256, validation.file);
      const beforeNote = before !== null ? describeOfferedBefore(before, validation.file, validation.errors, paint(false))
        : sameBytesAs !== undefined ? `the same bytes as ${sameBytesAs}, given before it: ingest would record nothing for this one` : null;
      // a name that says another state or year than the rows (ROU_2025.csv holding 2023 and 2024 revisions alone): ingest
      // takes the file for what its rows make it, the return of that year, which replaces that year's return whole; it
      // said so, validate said "valid (ROU, 2024)" alone
      // bytes ingest would not take in (already a return, or an import): what their name says is said with them, as
      // ingest says it (see describeOfferedBefore), not what ingest of new bytes would do
      const isTakenAsIs = before !== null && classifyDuplicate(before.earlier, 'RETURN') !== 'rejected';
      const mismatch = isTakenAsIs || validation.errors > 0 || validation.state === null || validation.year === null ? null
        : nameMismatch(validation.file, validation.state, validation.year, codes);
      const namedYear = Math.max(...namedIn(validation.file, codes).years);
      const mismatchNote = mismatch === null ? null : `${mismatch}: ingest would take it as ${validation.state}'s return for ${validation.year}, `
        + `which replaces the whole of any ${validation.state} return for ${validation.year} received before it${
          namedYear > validation.year! ? ` (rows of earlier years alone make no ${namedYear} return: send revisions with the ${namedYear} figures)` : ''
        }; check that this is the file meant to be sent`;
      const issues: Issue[] = options.json ? await readIssues(session, validation) : await readShownIssues(session, validation, SHOWN_PER_RULE);
      if (options.json) {
        results.push({
          file: validation.file,
          state: validation.state,
          states: validation.states,
          year: validation.year,
          rows: validation.rows,
          accepted: validation.accepted,
          errors: validation.errors,
          warnings: validation.warnings,
          encoding: validation.encoding,
          ...(validation.workbook === null ? {} : { sheet: validation.workbook.sheet }),
          name_mismatch: before?.named == null ? mismatchNote : `${before.named}: check that this is the file the state meant to send`,
          ...(isCompared ? {
            earlier: before === null ? null : {
              submission_id: before.earlier.submission_id, file_name: before.earlier.file_name, source: before.earlier.source, dataset: before.earlier.dataset,
              outcome: before.earlier.outcome, received_at: before.earlier.received_at, superseded_by: before.earlier.superseded_by,
              in_force: before.inForce,
            },
            same_bytes_as: sameBytesAs ?? null,
            re_offer: before?.reOffer ?? null,
            compared: offered !== undefined,
            offered_before: beforeNote,
          } : {}),
          issues: issues.map(({ file: _file, ...issue }) => issue),
        });
      } else {
        const verdict = validation.errors > 0
          ? red('has errors: not accepted')
          : green(`${validation.warnings > 0 ? 'valid, with warnings' : 'valid'}${takenFor(validation.state, validation.year, validation.states)}`);
        const note = (mismatchNote === null ? '' : `; ${paint(ctx.useColour).yellow(mismatchNote)}`)
          + (before !== null ? `; ${describeOfferedBefore(before, validation.file, validation.errors, paint(ctx.useColour))}`
            : beforeNote === null ? '' : `; ${paint(ctx.useColour).dim(beforeNote)}`)
          + (isCompared && offered === undefined ? `; ${paint(ctx.useColour).dim('not compared with the warehouse, which cannot be read (see the error below)')}` : '');
        ctx.out(`${bold(validation.file)}: ${plural(validation.rows, 'row')}, ${plural(validation.errors, 'error')}, ${plural(validation.warnings, 'warning')} — ${verdict}${note}\n`);
        if (issues.length > 0) ctx.out(`${formatIssues(issues, await countIssues(session, validation), ctx.useColour)}\n`);
        results.push({ errors: validation.errors });
      }
      await dropValidation(session, validation);
    }
    const isOk = results.every((r) => r.errors === 0) && unreadable === undefined;
    if (options.json) ctx.out(toJson({ ok: isOk, command: 'validate', files: results, skipped, ...(unreadable === undefined ? {} : { error: toErrorJson(unreadable) }) }));
    if (unreadable !== undefined) return printFailure(unreadable, { command: 'validate', isJson: false, isDebug: options.debug === true, useColour: ctx.useColour, out: ctx.out });
    return isOk ? 0 : 1;
  } finally {
    store.close();
  }
}

/**
 * Returns how `ingest` would record the file, for the year-on-year check: the tables it compares with (`schema`: the
 * warehouse's, or those of holdOfferedReturn once a file of the command is held), its base name, its sha256 (standard
 * input or a pipe, read only once, has none: see OfferedReturn.sha256) and its receipt time, as ingestFiles and
 * ingestReturn take it: `--received-at` when given, else the time its folder's `_received.csv` logs (read once per
 * folder into `manifests`), unless that time is already the receipt of other bytes under its name (a correction saved
 * over the first file), else now.
 *
 * @throws ConfigError `MANIFEST_INVALID` for a receipt log ingest would refuse (see readReceived).
 */
async function comparedAs(
  store: Store,
  path: string,
  schema: string,
  receipt: { now: Date; given: string | undefined; manifests: Map<string, Map<string, string>> },
): Promise<{ schema: string; receivedAt: string; fileName: string; sha256: string }> {
  const isFile = path !== '-' && (await stat(path).then((info) => info.isFile(), () => false));
  const fileName = displayFileName(path);
  const sha256 = isFile ? (await hashFile(path)).sha256 : '';
  let receivedAt = receipt.given ?? toReceiptTime(receipt.now);
  if (isFile && receipt.given === undefined) {
    const dir = dirname(path);
    if (!receipt.manifests.has(dir)) receipt.manifests.set(dir, await readReceived(store, dir, receipt.now));
    const logged = receipt.manifests.get(dir)!.get(basename(path));
    if (logged !== undefined && (await findReceiptClash(store, { fileName, receivedAt: logged, sha256 }, schema)) === undefined) receivedAt = logged;
  }
  return { schema, receivedAt, fileName, sha256 };
}

/**
 * Attaches the warehouse read-only as `wh`, or returns the `WAREHOUSE_UNREADABLE` error of one that cannot be read
 * (damaged, empty, not a DuckDB database), for the files to be checked without it; a missing one is
 * `WAREHOUSE_MISSING` with a hint for validate.
 */
async function attachWarehouse(store: Parameters<typeof attachReadOnly>[0], path: string, askers: readonly string[]): Promise<PipelineError | undefined> {
  try {
    await attachReadOnly(store, path, 'wh');
    return undefined;
  } catch (error) {
    const damaged = toReadError(path, error);
    if (damaged !== undefined || (error instanceof PipelineError && error.code === 'WAREHOUSE_UNREADABLE')) return damaged ?? (error as PipelineError);
    if (!(error instanceof PipelineError) || error.code !== 'WAREHOUSE_MISSING') throw error;
    // --warehouse and --received-at imply --compare: named, so that the hint's "leave out" is one the user can follow
    const implied = askers.filter((a) => a !== '--compare');
    const needs = askers.includes('--compare') ? '--compare needs'
      : `${implied.join(' and ')} ${implied.length === 1 ? 'implies' : 'imply'} --compare, which needs`;
    throw new PipelineError('WAREHOUSE_MISSING', `warehouse ${path} does not exist: ${needs} last year's figures from it`, {
      location: { file: path },
      hint: `ingest earlier returns first, point --warehouse (or "warehouse" in the config) at the warehouse, or leave out ${askers.join(' and ')}`,
    });
  }
}

import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { ConfigError, formatIssue, formatLocation } from '../errors.js';
import { displayFileName } from '../ingest/archive-file.js';
import { checkImportMappings, importFile, type ImportReport, type ImportSource } from '../ingest/import/index.js';
import { impossibleReceiptTime, todayFurthestAhead, toReceiptTime } from '../ingest/submission.js';
import { describeFileError, describeUnreadable } from '../io/describe-unreadable.js';
import { toUnreadableError } from '../io/list-files.js';
import { readReference } from '../io/read-reference.js';
import { createCountryResolver } from '../schema/resolve-country.js';
import { closeWarehouse, openWarehouse, writeReference } from '../store/index.js';
import { onInterrupt } from './on-interrupt.js';
import { paint, toJson } from './output.js';
import { formatCount as count, plural } from './print-issues.js';
import type { CommonOptions, ExitCode } from './program.js';
import { resolveSetup } from './setup.js';

/**
 * Returns the exit code of `crimetrends import SOURCE FILE...`: 0 when every file was imported (or was a duplicate),
 * 1 when any file was rejected (recorded and archived; the others are still imported: one transaction per file), 2
 * for a missing file or broken mapping tables (before anything is written). Output is the same for the same inputs:
 * the time a file took goes to stderr, on a terminal only.
 */
export async function importAction(ctx: Context, source: ImportSource, files: string[], options: CommonOptions & { published?: string }): Promise<ExitCode> {
  if (files.length === 0) {
    throw new ConfigError('USAGE_ERROR', `import ${source}: name at least one download`, { hint: `crimetrends import ${source} FILE…` });
  }
  const published = options.published === undefined ? undefined : parsePublished(options.published, ctx.clock());
  const paths = files.map((file) => resolve(ctx.cwd, file));
  for (const [i, path] of paths.entries()) await checkReadableFile(path, files[i]!);
  const setup = await resolveSetup(ctx, options);
  const store = await openWarehouse(setup.warehouse);
  const results: ImportReport[] = [];
  // Ctrl-C: every file done is in the warehouse (one transaction each), the one in progress wholly or not at all
  let current: string | undefined;
  const release = onInterrupt(() => describeInterrupted(results.length, paths.length, current));
  try {
    const reference = await readReference(store, setup.reference, ctx.cwd);
    checkImportMappings(reference, setup.reference, ctx.cwd);
    await writeReference(store, reference);
    const resolver = createCountryResolver(reference.states, reference.countryAliases, reference.demonyms);
    for (const path of paths) {
      const displayName = displayFileName(path);
      if (ctx.isInteractive && !options.json) ctx.logger.info(`importing ${displayName} …`);
      const started = performance.now();
      current = displayName;
      const report = await importFile(store, {
        source, path, displayName, archiveDir: setup.archive, onWarning: (message) => ctx.logger.warn(message), receivedAt: toReceiptTime(ctx.clock()), toolVersion: ctx.toolVersion, reference, resolver,
        ...(published === undefined ? {} : { published }),
      });
      results.push(report);
      current = undefined;
      if (ctx.isInteractive && !options.json) ctx.logger.info(`${displayName}: ${report.status} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    release();
    await closeWarehouse(store, (message) => ctx.logger.warn(message));
  }
  const isOk = results.every((r) => r.status !== 'rejected');
  for (const r of results) {
    if (r.newer.length > 0 && r.status !== 'rejected') process.stderr.write(describeNewerInUse(r, ctx.useColour));
  }
  if (options.json) {
    const failures = results.flatMap((r) => (r.error === null ? [] : [{ severity: 'error', ...r.error }]));
    ctx.out(toJson(snakeCase({ ok: isOk, command: 'import', source, outputs: [setup.warehouse], files: results, issues: failures })));
  } else {
    printHuman(ctx, results);
  }
  return isOk ? 0 : 1;
}

/**
 * Returns what an interrupted import kept, for the line `interrupted: …`: the files done (imported, duplicates and
 * rejections recorded), and the one in progress, which is one transaction. Nothing of the summary was printed yet.
 *
 * @example describeInterrupted(1, 3, 'b.csv') // '1 of 3 files done and kept; b.csv, in progress, is in the warehouse wholly or not at all; …'
 */
function describeInterrupted(done: number, total: number, current: string | undefined): string {
  const again = 'run the same import again to finish (a file already in is a duplicate: nothing to do)';
  if (done === 0 && current === undefined) return `nothing was imported; ${again}`;
  const inProgress = current === undefined ? '' : `; ${current}, in progress, is in the warehouse wholly or not at all`;
  return `${done} of ${plural(total, 'file')} done and kept${inProgress}; ${again}`;
}

/**
 * Returns `--published` as YYYY-MM-DD: a day of the calendar, not after today anywhere (a date to come would outrank
 * every later download); anything else is a usage error (exit 2).
 */
function parsePublished(value: string, now: Date): string {
  const impossible = impossibleReceiptTime(value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value.trim()) || impossible !== undefined) {
    throw new ConfigError('USAGE_ERROR', `--published: expected a date like 2023-06-01, found "${value}"${impossible === undefined ? '' : `: ${impossible}`}`, {
      hint: 'give the date the publisher put on the download (year, month, day): crimetrends import unodc --published 2023-06-01 FILE',
    });
  }
  // today where the day is furthest ahead (UTC+14): a publisher east of UTC (UNODC in Vienna, a ministry in Tbilisi)
  // dates a download by its own calendar, a day ahead of UTC's for part of the day, and so do the user's clock and calendar
  const today = todayFurthestAhead(now);
  if (value.trim() > today) {
    throw new ConfigError('USAGE_ERROR', `--published: expected a date not after today (${today} in the time zone furthest ahead, UTC+14), found "${value}"`, {
      hint: 'check the year: the newest publication is in use, so a date to come would outrank every later download',
    });
  }
  return value.trim();
}

/**
 * Returns the warning for an import a newer publication keeps out of use (for all its states or some): which file
 * stays in use and from when, and what became of this one (kept in the warehouse, superseded when it gives nothing).
 */
function describeNewerInUse(r: ImportReport, useColour: boolean): string {
  const { yellow, dim } = paint(useColour);
  const self = r.published === null ? `${r.file} (no publication date)` : `${r.file} (published ${r.published})`;
  const held = r.newer.map((n) => `${n.file} (${n.published === null ? 'no publication date' : `published ${n.published}`}, submission ${n.submissionId}${r.newer.length > 1 ? `, for ${plural(n.states.length, 'state')}` : ''})`);
  const what = `${r.source} ${r.dataset ?? ''}`.trim();
  const kept = r.statesInUse.length === 0
    ? `this one is kept in the warehouse as submission ${r.submissionId}, superseded: none of its values is used`
    : `this one gives the values of ${plural(r.statesInUse.length, 'state')} only (${nameStates(r.statesInUse)}), as submission ${r.submissionId}`;
  const scope = r.statesInUse.length === 0 ? '' : ` for ${r.states.length - r.statesInUse.length} of its ${plural(r.states.length, 'state')}`;
  const hint = r.published === null
    ? 'this file carries no publication date, so it ranks after every dated import of the dataset: give its date with --published YYYY-MM-DD'
    : `the newest publication is the one in use, whatever the order of import; to look at this one: crimetrends query "select * from ${r.source === 'WORLDBANK' ? 'population' : 'observation'} where submission_id = ${r.submissionId}"`;
  return `${yellow('warning')}: ${self}: a newer ${what} publication stays in use${scope}: ${held.join(', ')}; ${kept}\n${dim('hint')}: ${hint}\n`;
}

/** Throws the usage error (exit 2) for a download that is missing, a folder, or cannot be read (permission denied). */
async function checkReadableFile(path: string, given: string): Promise<void> {
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch (error) {
    const why = describeFileError(error);
    if (why !== 'no such file') throw toUnreadableError(given, why);
    throw new ConfigError('SOURCE_MISSING', `${given}: no such file`, { location: { file: given }, hint: 'check the path of the download' });
  }
  if (!isFile) throw new ConfigError('SOURCE_MISSING', `${given}: expected a file, found a folder`, { location: { file: given }, hint: 'name each download file' });
  const why = await describeUnreadable(path);
  if (why !== undefined) throw toUnreadableError(given, why);
}

/**
 * Returns `value` with every object key in snake_case, as every command's --json document has them
 * (`submissionId` → `submission_id`); keys that are data (the reasons in `skipped`) are already lower case.
 */
function snakeCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCase);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snakeCase(v)]));
}

/** Returns "ROU" or "ROU, SRB and 3 more states" (up to `max` codes named). */
function nameStates(states: readonly string[], max = 10): string {
  if (states.length <= max) return states.join(', ');
  return `${states.slice(0, max).join(', ')} and ${states.length - max} more`;
}

/** Returns what to check when a download holds rows but none of them loaded (another dataset, or every row a rate). */
function nothingLoaded(report: ImportReport): string {
  const { source } = report;
  // rows the catalogue takes but whose values could not be read (a "1.011", a "12,5") say nothing of the mapping
  if (report.unmapped === 0 && report.unreadable > 0) {
    return `no row's value could be read (${count(report.unreadable)} unreadable: the reasons above); download the file again as published, or check it was not edited or saved again by a spreadsheet`;
  }
  if (source === 'WORLDBANK') return 'no row gave a population for a known country and year; import the series SP.POP.TOTL (total population)';
  const mapping = source === 'UNODC' ? 'unodc_mapping.csv' : 'eurostat_mapping.csv';
  const covered = source === 'UNODC'
    ? 'GLOTIP trafficking in persons, IAFQ firearms, CTS corruption and economic crime'
    : 'the ICCS offence codes of the catalogue, in unit NR (number)';
  return `no row of this download maps to the catalogue, which takes ${covered}; check that it is the dataset you meant, or map its rows in data/reference/${mapping}`;
}

/** Returns the line saying which publication an import is, and where its date was read (or that it has none). */
function describePublished(r: ImportReport): string {
  if (r.published === null) {
    return 'no publication date in the file: among undated imports of the dataset the last imported is in use, and a dated one outranks them (--published YYYY-MM-DD gives one)';
  }
  const from = r.publishedFrom === '--published' ? 'given with --published' : r.publishedFrom === 'the file' ? 'as recorded' : `read from ${r.publishedFrom} of the file`;
  return `published ${r.published} (${from})`;
}

/** Returns the lines naming the earlier imports whose states this one now gives. */
function describeReplaced(r: ImportReport): string[] {
  return r.replaces.map((replaced) => {
    const what = `${r.source} ${r.dataset} values for ${plural(replaced.states.length, 'state')} (${nameStates(replaced.states)}) from submission ${replaced.submissionId}`;
    return `  replaces ${what}; ${replaced.statesKept === 0 ? 'it is superseded' : `${plural(replaced.statesKept, 'state')} ${replaced.statesKept === 1 ? 'stays' : 'stay'} from it`}`;
  });
}

function printHuman(ctx: Context, results: ImportReport[]): void {
  const { bold, dim, red, yellow } = paint(ctx.useColour);
  const lines: string[] = [];
  for (const r of results) {
    if (r.status === 'rejected' && r.error !== null) {
      const where = formatLocation({ file: r.error.file ?? r.file, line: r.error.line ?? undefined, column: r.error.column ?? undefined });
      process.stderr.write(`${red('error')}: ${where}: ${r.error.message} [${r.error.code}]\n${r.error.hint ? `${dim('hint')}: ${r.error.hint}\n` : ''}`);
      const recorded = r.error.code === 'IMPORT_OTHER_SOURCE'
        ? `already in the warehouse as submission ${r.submissionId}`
        : !r.isRecorded
          ? `rejected before as submission ${r.submissionId}; nothing new recorded`
          : `recorded as rejected submission ${r.submissionId}, file archived`;
      lines.push(`${bold(r.file)}: ${red('not imported')} (${r.error.code}); ${recorded}`);
      continue;
    }
    if (r.status === 'duplicate' && r.newer.length > 0 && r.statesInUse.length === 0) {
      lines.push(`${bold(r.file)}: already in the warehouse as submission ${r.submissionId} (${r.source} ${r.dataset ?? ''}, received ${r.receivedAt}), not in use: a newer publication is (see the warning)`);
      continue;
    }
    if (r.status === 'duplicate' && r.isRedated) {
      lines.push(`${bold(r.file)}: duplicate of submission ${r.submissionId} (${r.source} ${r.dataset ?? ''}, received ${r.receivedAt}), in use: publication date recorded`);
      lines.push(`  ${describePublished(r)}`);
      lines.push(...describeReplaced(r));
      continue;
    }
    if (r.status === 'duplicate') {
      lines.push(`${bold(r.file)}: duplicate of submission ${r.submissionId} (${r.source} ${r.dataset ?? ''}, received ${r.receivedAt}): nothing to do`);
      continue;
    }
    if (r.status === 'reinstated') {
      lines.push(`${bold(r.file)}: already in the warehouse as submission ${r.submissionId} (${r.source} ${r.dataset}, received ${r.receivedAt}), in use again: the newest publication, values for ${plural(r.statesInUse.length, 'state')}`);
      lines.push(`  ${describePublished(r)}`);
      lines.push(...describeReplaced(r));
      continue;
    }
    const skipped = Object.values(r.skipped).reduce((a, b) => a + b, 0);
    lines.push(`${bold(r.file)}: imported as submission ${r.submissionId} (${r.source} ${r.dataset}), values for ${plural(r.states.length, 'state')}`);
    lines.push(`  ${plural(r.rows, 'row')}: ${count(r.loaded)} loaded, ${count(skipped)} skipped, ${count(r.unmapped)} unmapped, ${count(r.unreadable)} unreadable`);
    if (skipped > 0) lines.push(`  skipped: ${Object.entries(r.skipped).map(([reason, n]) => `${reason} ${count(n)}`).join(', ')}`);
    lines.push(`  ${describePublished(r)}`);
    lines.push(...describeReplaced(r));
    for (const reason of r.reasons.slice(0, 8)) {
      const first = reason.firstLine === null ? '' : dim(` (first: ${r.file.toLowerCase().endsWith('.xlsx') ? 'row' : 'line'} ${reason.firstLine})`);
      lines.push(`  ${count(reason.count).padStart(8)}  ${reason.status.padEnd(10)} ${yellow(reason.code.padEnd(24))} ${reason.reason}${first}`);
    }
    if (r.reasons.length > 8) lines.push(dim(`  … ${r.reasons.length - 8} more reason${r.reasons.length - 8 === 1 ? '' : 's'}`));
    if (r.loaded === 0) lines.push(`  ${yellow('nothing loaded')}: ${nothingLoaded(r)}`);
    for (const issue of r.issues.filter((i) => i.line === null)) lines.push(dim(`  ${formatIssue(issue)}`));
    if (r.issueCount > 0) {
      lines.push(dim(`  ${r.issueCount === 1 ? 'the 1 issue' : `all ${count(r.issueCount)} issues`}: crimetrends query "select * from validation_issue where submission_id = ${r.submissionId} order by line"`));
    }
  }
  const imported = results.filter((r) => r.status === 'imported').length;
  const reinstated = results.filter((r) => r.status === 'reinstated').length;
  const duplicates = results.filter((r) => r.status === 'duplicate').length;
  const rejected = results.filter((r) => r.status === 'rejected').length;
  lines.push(`${imported} imported, ${reinstated > 0 ? `${reinstated} back in use, ` : ''}${duplicates} duplicate${duplicates === 1 ? '' : 's'}, ${rejected} rejected`);
  ctx.out(`${lines.join('\n')}\n`);
}

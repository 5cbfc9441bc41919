import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { ConfigError, PipelineError, formatIssue, formatLocation } from '../errors.js';
import { displayFileName } from '../ingest/archive-file.js';
import { checkImportMappings, importFile, type ImportReport, type ImportSource } from '../ingest/import/index.js';
import { readReference } from '../io/read-reference.js';
import { createCountryResolver } from '../schema/resolve-country.js';
import { openWarehouse, writeReference } from '../store/index.js';
import { paint, toJson } from './output.js';
import type { CommonOptions, ExitCode } from './program.js';
import { resolveSetup } from './setup.js';

/** A file that could not be imported (nothing of it was written). */
interface FailedImport {
  file: string;
  status: 'failed';
  error: { code: string; message: string; file: string | null; line: number | null; column: string | null; hint: string | null };
}

/**
 * Returns the exit code of `crimetrends import SOURCE FILE...`: 0 when every file was imported (or was a duplicate),
 * 1 when any file could not be imported (the others still are: one transaction per file), 2 for a missing file or
 * broken mapping tables (before anything is written).
 */
export async function importAction(ctx: Context, source: ImportSource, files: string[], options: CommonOptions): Promise<ExitCode> {
  const paths = files.map((file) => resolve(ctx.cwd, file));
  paths.forEach((path, i) => checkReadableFile(path, files[i]!));
  const setup = await resolveSetup(ctx, options);
  const store = await openWarehouse(setup.warehouse);
  const results: Array<ImportReport | FailedImport> = [];
  try {
    const reference = await readReference(store, setup.reference, ctx.cwd);
    checkImportMappings(reference, setup.reference, ctx.cwd);
    await writeReference(store, reference);
    const resolver = createCountryResolver(reference.states, reference.countryAliases);
    for (const path of paths) {
      const displayName = displayFileName(path);
      if (ctx.isInteractive && !options.json) ctx.logger.info(`importing ${displayName} …`);
      try {
        results.push(
          await importFile(store, {
            source, path, displayName, archiveDir: setup.archive, receivedAt: ctx.clock().toISOString().replace(/\.\d{3}Z$/, 'Z'), toolVersion: ctx.toolVersion, reference, resolver,
          }),
        );
      } catch (error) {
        if (!(error instanceof PipelineError) || error.exitCode !== 1) throw error;
        results.push(toFailure(displayName, error));
      }
    }
  } finally {
    store.close();
  }
  const isOk = results.every((r) => r.status !== 'failed');
  if (options.json) {
    const failures = results.filter((r): r is FailedImport => r.status === 'failed');
    ctx.out(toJson({ ok: isOk, command: 'import', source, outputs: [setup.warehouse], files: results, issues: failures.map((f) => ({ severity: 'error', ...f.error })) }));
  } else {
    printHuman(ctx, results);
  }
  return isOk ? 0 : 1;
}

function checkReadableFile(path: string, given: string): void {
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new ConfigError('SOURCE_MISSING', `${given}: no such file`, { location: { file: given }, hint: 'check the path of the download' });
  }
  if (!isFile) throw new ConfigError('SOURCE_MISSING', `${given}: expected a file, found a folder`, { location: { file: given }, hint: 'name each download file' });
}

function toFailure(file: string, error: PipelineError): FailedImport {
  return {
    file,
    status: 'failed',
    error: {
      code: error.code,
      message: error.message,
      file: error.location?.file ?? file,
      line: error.location?.line ?? null,
      column: error.location?.column ?? null,
      hint: error.hint ?? null,
    },
  };
}

const count = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function printHuman(ctx: Context, results: Array<ImportReport | FailedImport>): void {
  const { bold, dim, red, yellow } = paint(ctx.useColour);
  const lines: string[] = [];
  for (const r of results) {
    if (r.status === 'failed') {
      const where = formatLocation({ file: r.error.file ?? r.file, line: r.error.line ?? undefined, column: r.error.column ?? undefined });
      process.stderr.write(`${red('error')}: ${where}: ${r.error.message} [${r.error.code}]\n${r.error.hint ? `${dim('hint')}: ${r.error.hint}\n` : ''}`);
      lines.push(`${bold(r.file)}: ${red('not imported')} (${r.error.code}); nothing was written`);
      continue;
    }
    if (r.status === 'duplicate') {
      lines.push(`${bold(r.file)}: duplicate of submission ${r.submissionId} (${r.source} ${r.dataset ?? ''}, received ${r.receivedAt}): nothing to do`);
      continue;
    }
    const skipped = Object.values(r.skipped).reduce((a, b) => a + b, 0);
    lines.push(`${bold(r.file)}: imported as submission ${r.submissionId} (${r.source} ${r.dataset}) in ${(r.durationMs / 1000).toFixed(1)} s`);
    lines.push(`  ${count(r.rows)} rows: ${count(r.loaded)} loaded, ${count(skipped)} skipped, ${count(r.unmapped)} unmapped, ${count(r.unreadable)} unreadable`);
    if (skipped > 0) lines.push(`  skipped: ${Object.entries(r.skipped).map(([reason, n]) => `${reason} ${count(n)}`).join(', ')}`);
    if (r.supersedes.length > 0) lines.push(`  supersedes submission ${r.supersedes.join(', ')} (same source and dataset)`);
    for (const reason of r.reasons.slice(0, 8)) {
      const first = reason.firstLine === null ? '' : dim(` (first: ${r.file.toLowerCase().endsWith('.xlsx') ? 'row' : 'line'} ${reason.firstLine})`);
      lines.push(`  ${count(reason.count).padStart(8)}  ${reason.status.padEnd(10)} ${yellow(reason.code.padEnd(24))} ${reason.reason}${first}`);
    }
    if (r.reasons.length > 8) lines.push(dim(`  … ${r.reasons.length - 8} more reasons`));
    for (const issue of r.issues.filter((i) => i.line === null)) lines.push(dim(`  ${formatIssue(issue)}`));
    if (r.issueCount > 0) {
      lines.push(dim(`  all ${count(r.issueCount)} issues: crimetrends query "select * from validation_issue where submission_id = ${r.submissionId} order by line"`));
    }
  }
  const imported = results.filter((r) => r.status === 'imported').length;
  const duplicates = results.filter((r) => r.status === 'duplicate').length;
  const failed = results.length - imported - duplicates;
  lines.push(`${imported} imported, ${duplicates} duplicate${duplicates === 1 ? '' : 's'}, ${failed} failed`);
  ctx.out(`${lines.join('\n')}\n`);
}

import { statSync } from 'node:fs';
import type { Context } from '../context.js';
import { ConfigError } from '../errors.js';
import type { IngestReturnResult } from '../ingest/ingest-return.js';
import { ingestFiles } from '../ingest/ingest-files.js';
import { listFiles } from '../io/list-files.js';
import { readReference } from '../io/read-reference.js';
import { openWarehouse, writeReference } from '../store/index.js';
import { createSession } from '../validate/index.js';
import { paint, toJson } from './output.js';
import { formatIssues, plural, SHOWN_PER_RULE } from './print-issues.js';
import { createProgress } from './progress.js';
import type { CommonOptions } from './program.js';
import { displayPath, resolveSetup } from './setup.js';

export interface IngestOptions extends CommonOptions {
  year?: number;
  state?: string;
  receivedAt?: string;
}

/**
 * `crimetrends ingest FILE|DIR...`: validates, archives and loads each return, one transaction per file.
 * Returns 0 when every file was accepted (or was already in), 1 when any was rejected.
 */
export async function ingestAction(ctx: Context, paths: string[], options: IngestOptions): Promise<number> {
  const setup = await resolveSetup(ctx, options);
  const receivedAt = options.receivedAt === undefined ? undefined : parseReceivedAt(options.receivedAt);
  const files = await listFiles(paths, ctx.cwd);
  const store = await openWarehouse(setup.warehouse);
  try {
    const reference = await readReference(store, setup.reference, ctx.cwd);
    await writeReference(store, reference);
    const session = await createSession(store, reference);
    const isLong = files.length >= 5 || files.some((f) => statSync(f).size > 10_000_000);
    const progress = createProgress(files.length, ctx.isInteractive && isLong && !options.json);
    const results: Array<Record<string, unknown>> = [];
    let hasRejected = false;
    await ingestFiles(store, session, files, {
      displayName: (path) => displayPath(ctx, path),
      state: options.state?.toUpperCase(),
      year: options.year,
      receivedAt,
      archiveDir: setup.archive,
      toolVersion: ctx.toolVersion,
      now: ctx.clock(),
      changeWarning: setup.config.changeWarning,
      // every issue is in validation_issue; output shows the first of each rule and counts the rest
      issuesPerRule: SHOWN_PER_RULE,
      onProgress: (index, label) => progress.update(index, label),
      onFile: (result, issues, counts) => {
        hasRejected ||= result.outcome === 'rejected';
        if (options.json) {
          results.push({
            file: result.file, outcome: result.outcome, submission_id: result.submissionId, state: result.state, year: result.year,
            rows: result.rows, accepted: result.accepted, errors: result.errors, warnings: result.warnings,
            superseded: result.superseded, sha256: result.sha256, received_at: result.receivedAt,
            issue_counts: Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b))),
            issues: issues.map(({ file: _file, ...issue }) => issue),
          });
        } else {
          progress.done();
          ctx.out(`${describe(result, ctx.useColour)}\n`);
          if (issues.length > 0) ctx.out(`${formatIssues(issues, counts, ctx.useColour)}\n`);
        }
      },
    });
    progress.done();
    if (options.json) ctx.out(toJson({ ok: !hasRejected, command: 'ingest', outputs: [setup.warehouse], files: results }));
    return hasRejected ? 1 : 0;
  } finally {
    store.close();
  }
}

function describe(result: IngestReturnResult, useColour: boolean): string {
  const { bold, green, red, dim } = paint(useColour);
  if (result.outcome === 'duplicate') return `${bold(result.file)}: ${dim(`already in the warehouse (submission ${result.submissionId}, same bytes): nothing to do`)}`;
  const what = `${plural(result.rows, 'row')}, ${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')}`;
  const verdict = result.outcome === 'accepted' ? green(`accepted as submission ${result.submissionId}`) : red(`rejected (submission ${result.submissionId} records why)`);
  const supersedes = result.superseded.length > 0 ? `; supersedes submission ${result.superseded.join(', ')}` : '';
  return `${bold(result.file)}: ${what} — ${verdict}${supersedes}`;
}

function parseReceivedAt(value: string): string {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) {
    throw new ConfigError('CONFIG_INVALID', `--received-at: expected an ISO date like 2026-01-20 or 2026-01-20T10:00:00Z, found "${value}"`);
  }
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

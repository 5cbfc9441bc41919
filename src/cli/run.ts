import { join, resolve } from 'node:path';
import type { Context } from '../context.js';
import { runPipeline } from '../run.js';
import { paint, toJson } from './output.js';
import { plural } from './print-issues.js';
import type { CommonOptions } from './program.js';
import { displayPath, resolveSetup } from './setup.js';

export interface RunCommandOptions extends CommonOptions {
  year: number;
  returns?: string;
  group?: string;
  out?: string;
}

/**
 * `crimetrends run --year YYYY [--returns DIR]`: ingest, build and report in one go, then a short summary.
 * Returns 0 when every return was accepted, 1 when any was rejected (the review is written either way).
 */
export async function runAction(ctx: Context, options: RunCommandOptions): Promise<number> {
  const setup = await resolveSetup(ctx, options);
  const group = (options.group ?? setup.config.group).toUpperCase();
  const outDir = options.out === undefined ? join(ctx.root, 'reports', String(options.year)) : resolve(ctx.cwd, options.out);
  const summary = await runPipeline(ctx, {
    year: options.year,
    returns: options.returns === undefined ? undefined : resolve(ctx.cwd, options.returns),
    group,
    outDir,
    warehouse: setup.warehouse,
    archive: setup.archive,
    referenceDir: setup.reference,
    config: setup.config,
    displayName: (path) => displayPath(ctx, path),
  });
  // a state whose every version was rejected has no figure in the review: it is not counted as returned, but named
  const returned = summary.status.filter((s) => s.status === 'accepted');
  const rejectedStates = summary.status.filter((s) => s.status === 'rejected').map((s) => s.ref_area);
  const missing = summary.status.filter((s) => s.status === 'missing').map((s) => s.ref_area);
  const late = summary.status.filter((s) => s.is_on_time === false).map((s) => s.ref_area);
  const index = displayPath(ctx, join(summary.review.outDir, 'index.html'));
  if (options.json) {
    ctx.out(toJson({
      ok: summary.rejected.length === 0, command: 'run', year: options.year, group, returns: displayPath(ctx, summary.returnsDir),
      is_sample: summary.isSample, files: summary.files, accepted: summary.accepted, rejected: summary.rejected,
      duplicates: summary.duplicates, misnamed: summary.misnamed, warnings: summary.warnings, marts: summary.marts,
      coverage: { members: summary.status.length, returned: returned.length, rejected: rejectedStates, missing, late },
      snapshot: summary.review.snapshot, outputs: [index],
    }));
  } else {
    const { bold, red, green, yellow } = paint(ctx.useColour);
    ctx.out(`${bold(`Annual Assessment ${options.year} — ${group}`)}${summary.isSample ? ' (synthetic sample data)' : ''}\n`);
    ctx.out(`returns  ${summary.files} files: ${summary.accepted} accepted, ${summary.rejected.length} rejected, ${summary.duplicates} already in; ${plural(summary.warnings, 'warning')}\n`);
    for (const r of summary.rejected) {
      ctx.out(`         ${red('rejected')} ${r.file} ${r.reason === undefined ? `(${r.errors} ${r.errors === 1 ? 'error' : 'errors'}): crimetrends validate ${r.file}` : `(${r.reason}, not a return)`}\n`);
    }
    for (const m of summary.misnamed) {
      ctx.out(`         ${yellow('taken as')} ${m.state ?? '?'}, ${m.year ?? '?'}: ${m.file} (${m.mismatch})\n`);
    }
    ctx.out(`coverage ${returned.length} of ${summary.status.length} members returned for ${options.year}${rejectedStates.length ? `; rejected, no figures until resent: ${rejectedStates.join(', ')}` : ''}${missing.length ? `; missing: ${missing.join(', ')}` : ''}${late.length ? `; late: ${late.join(', ')}` : ''}\n`);
    ctx.out(`marts    ${summary.marts} built\n`);
    ctx.out(`review   ${green(index)} (${summary.review.figures} figures, ${summary.review.statePages} state pages, snapshot ${summary.review.snapshot.slice(0, 12)})\n`);
  }
  return summary.rejected.length === 0 ? 0 : 1;
}

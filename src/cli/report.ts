import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Context } from '../context.js';
import { checkReviewFolder } from '../report/write.js';
import { earlyReview } from './early-review.js';
import { onInterrupt } from './on-interrupt.js';
import { paint, toJson } from './output.js';
import { prepareOutputPath } from './prepare-output-path.js';
import type { CommonOptions, ExitCode } from './program.js';
import { displayPath, resolveSetup } from './setup.js';

/** Options of `crimetrends report`. */
export interface ReportOptions extends CommonOptions {
  year: number;
  group?: string;
  out?: string;
  pdf?: boolean;
}

/**
 * Returns exit code 0 after writing the Annual Assessment for `--year` to `--out` (default `reports/<year>`): the
 * warehouse is opened read-only, the marts are read, and index.html, the state pages, each figure's CSV and
 * Vega-Lite spec and the local scripts are written; `--pdf` adds review.pdf. Prints where the review is, or one
 * JSON document with `--json` (with `early_review` where the review was written before the year was over and members
 * have sent no return yet, as the warning on stderr says).
 *
 * @example crimetrends report --year 2025 --group BSEC --pdf
 */
export async function reportAction(ctx: Context, options: ReportOptions): Promise<ExitCode> {
  const setup = await resolveSetup(ctx, options);
  const { produceReview } = await import('../report/produce-review.js');
  const outDir = options.out ? resolve(ctx.cwd, options.out) : join(ctx.root, 'reports', String(options.year));
  // the folder is checked before anything is read, and created only once the review is written (a missing warehouse
  // leaves nothing behind): a folder of other things (a project's data/) is refused, never emptied
  checkReviewFolder(outDir, options.out ?? displayPath(ctx, outDir));
  // a place that takes no folder (/proc/x) is OUT_UNWRITABLE here: the review's writer never returned there
  prepareOutputPath(outDir, { kind: 'folder' });
  // as run prints it: relative inside the working folder, else absolute (never ../../review/index.html)
  const shown = (path: string) => displayPath(ctx, path);
  // Ctrl-C: the review is swapped into place whole (see writeReview), so the folder holds the old review or the new one
  let isWritten = false;
  const hadFolder = existsSync(outDir);
  const release = onInterrupt(() => (isWritten
    ? `the review is written to ${shown(outDir)}, whole; review.pdf was not: run the same command again to print it`
    : `nothing written to ${shown(outDir)}${hadFolder ? ' (the folder is as it was)' : ''}; run the same command again`));
  const result = await produceReview(ctx, {
    warehouse: setup.warehouse,
    referenceDir: setup.reference,
    config: setup.config,
    year: options.year,
    group: options.group,
    outDir,
    isPdf: options.pdf ?? false,
    onWritten: () => (isWritten = true),
  }).finally(release);
  // a review written before the year was over, with members yet to return: said on stderr, and in the JSON document,
  // whose reader (a script publishing the review) sees no stderr
  const early = earlyReview(options.year, result);
  if (options.json) {
    if (early) ctx.logger.warn(early.warning);
    ctx.out(toJson({
      ok: true, command: 'report', outputs: result.written.map(shown), index: shown(join(result.outDir, 'index.html')),
      pdf: result.pdf ? shown(result.pdf) : null, snapshot: result.snapshot, figures: result.figures, statePages: result.statePages,
      early_review: early, issues: [],
    }));
    return 0;
  }
  const { green, dim } = paint(ctx.useColour);
  ctx.logger.info(`${green('wrote')} the ${options.year} review: ${result.figures} figures, ${result.statePages} state pages, ${result.written.length} files`);
  ctx.logger.info(dim(`  data snapshot ${result.snapshot}`));
  if (result.pdf) ctx.logger.info(`  PDF: ${shown(result.pdf)}`);
  if (early) ctx.logger.warn(early.warning);
  ctx.out(`${shown(join(result.outDir, 'index.html'))}\n`);
  return 0;
}

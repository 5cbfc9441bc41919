import { join } from 'node:path';
import { setImmediate as turnOfEventLoop } from 'node:timers/promises';
import type { Context } from '../context.js';
import { PipelineError } from '../errors.js';
import { readReferenceFiles } from '../io/read-reference.js';
import { describeOutdatedMarts } from '../models/describe-outdated-marts.js';
import type { Config } from '../schema/config.js';
import { resolveGroup } from '../schema/reference.js';
import { openWarehouse } from '../store/index.js';
import { buildReview } from './build-review.js';
import { loadReviewModel } from './load/load-review-model.js';
import { printPdf } from './print-pdf.js';
import { writeReview, writeReviewFile } from './write.js';

export interface ProduceOptions {
  warehouse: string;
  referenceDir: string;
  config: Config;
  year: number;
  /** The group `--group` names; the config's `group` when undefined. Either is checked against the reference groups. */
  group?: string | undefined;
  outDir: string;
  isPdf: boolean;
  /** Called once the review is in place, whole (before the PDF is printed): what a Ctrl-C from then on leaves. */
  onWritten?: () => void;
}

/** What producing the review did. */
export interface ProducedReview {
  outDir: string;
  /** Absolute paths written, sorted. */
  written: string[];
  snapshot: string;
  figures: number;
  statePages: number;
  pdf: string | null;
  /** The latest receipt in the warehouse when it is before the year's deadline (see ReviewModel.beforeDeadline). */
  beforeDeadline: string | null;
  /** Members with no return received, for the warning of a review written before the deadline. */
  notReceived: number;
}

/**
 * Returns what was written after producing the Annual Assessment: the model read from the warehouse (opened
 * read-only, closed before anything is written), the review built, written to `outDir` and, with `isPdf`,
 * printed to `review.pdf` beside it.
 *
 * @throws ConfigError `GROUP_UNKNOWN` when `--group` or the config's group is not a reference group; PipelineError
 * `MARTS_OUTDATED` when a submission came in after the last build or the config sets what the build applied otherwise.
 */
export async function produceReview(ctx: Context, options: ProduceOptions): Promise<ProducedReview> {
  const started = performance.now();
  const lap = (what: string) => ctx.logger.debug(`report: ${what} at ${Math.round(performance.now() - started)} ms`);
  const reference = await readReferenceFiles(options.referenceDir, ctx.cwd);
  // a usage error before the warehouse is read, naming where the group came from (--group or the config)
  const group = resolveGroup(reference.groups, options.group, options.config.group);
  const store = await openWarehouse(options.warehouse, { isReadOnly: true });
  const model = await (async () => {
    // the review reads the marts and, live, the submissions: marts older than either would contradict its returns chapter
    const outdated = await describeOutdatedMarts(store, options.config, reference);
    if (outdated !== null) {
      throw new PipelineError('MARTS_OUTDATED', outdated, { hint: 'run "crimetrends build" (with the same --config), then report again; "crimetrends run" does both' });
    }
    return loadReviewModel(store, {
      year: options.year,
      group,
      toolVersion: ctx.toolVersion,
      reference,
      fallbackRules: {
        smallCountThreshold: options.config.smallCountThreshold, confidentialInTotals: options.config.confidentialInTotals,
        ...(options.config.confidentialInTotals === 'flag'
          ? { confidentialMinStates: options.config.confidentialMinStates, confidentialDominanceP: options.config.confidentialDominanceP }
          : {}),
        deadline: options.config.deadline, trendYears: options.config.trendYears, populationSource: options.config.populationSource,
      },
    });
  })().finally(() => store.close());
  if (model.totals.length === 0) {
    // no figure in the review's years at all (a --year before the warehouse's first, mistyped): "earlier years" it has none
    ctx.logger.warn(`no member of ${group} has figures for ${options.year} or the years before it: the review holds no figure at all and shows every return for ${options.year} as missing (check --year against crimetrends status)`);
  } else if (!model.totals.some((t) => t.year === options.year)) {
    ctx.logger.warn(`no member of ${group} has figures for ${options.year}: the review shows earlier years only and every return for ${options.year} as missing`);
  }
  lap(`model read (${model.states.length} states, ${model.totals.length} totals, snapshot ${model.snapshot})`);
  const built = await buildReview(model, ctx.root);
  lap(`${built.files.length} files built`);
  for (const warning of built.warnings) ctx.logger.debug(`vega-lite: ${warning}`);
  // a Ctrl-C while the pages were built is answered here, before the write (which, synchronous, it cannot interrupt)
  await turnOfEventLoop();
  const written = writeReview(options.outDir, built.files);
  options.onWritten?.();
  lap('written');
  let pdf: string | null = null;
  if (options.isPdf) {
    const bytes = await printPdf(join(options.outDir, 'index.html'), options.year);
    pdf = writeReviewFile(options.outDir, 'review.pdf', bytes);
    written.push(pdf);
  }
  return {
    outDir: options.outDir, written: written.sort(), snapshot: model.snapshot, figures: built.figures.length,
    statePages: model.states.length, pdf, beforeDeadline: model.beforeDeadline ?? null,
    notReceived: model.states.filter((s) => !model.returns.some((r) => r.iso3 === s.iso3 && r.isReceived)).length,
  };
}

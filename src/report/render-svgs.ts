import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { setImmediate as turnOfEventLoop } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { normalizeSvgIds, renderSvg, roundPathData, type RenderedChart } from './render-svg.js';

/** A chart to render: its spec and the prefix for its SVG ids (the figure id). */
export interface ChartJob {
  id: string;
  spec: TopLevelSpec;
}

interface WorkerReply {
  id: string;
  svg?: string;
  warnings?: string[];
  error?: string;
}

/** Fewer charts than this render in the main thread: starting workers would cost more than it saves. */
const MIN_PARALLEL = 8;

/**
 * Returns every chart rendered to SVG, keyed by id, rendering in the main thread and in one worker thread per
 * further idle core (`maxWorkers` threads in all; by default the cores not already busy, since on a loaded machine
 * starting a worker costs more than it saves). The result is the same as rendering one by one with
 * {@link renderSvg}, whichever threads render what. `root` locates `src/report/render-worker.mjs`.
 */
export async function renderSvgs(jobs: readonly ChartJob[], root: string, maxWorkers = idleCores()): Promise<Map<string, RenderedChart>> {
  const results = new Map<string, RenderedChart>();
  const workers = Math.min(maxWorkers, Math.ceil(jobs.length / 4)) - 1;
  if (jobs.length < MIN_PARALLEL || workers < 1) {
    for (const job of jobs) results.set(job.id, await renderOne(job));
    return results;
  }
  // Charts are dealt round-robin (main thread first) and each worker gets its whole share in one message, so no
  // thread waits for another between charts.
  const shares = Array.from({ length: workers + 1 }, (_, t) => jobs.filter((_, i) => i % (workers + 1) === t));
  const pool = shares.slice(1).map(() => new Worker(join(root, 'src/report/render-worker.mjs')));
  try {
    const fromWorkers = pool.map(
      (worker, w) =>
        new Promise<WorkerReply[]>((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.postMessage((shares[w + 1] ?? []).map((job) => ({ id: job.id, spec: job.spec })));
        }),
    );
    for (const job of shares[0] ?? []) results.set(job.id, await renderOne(job));
    for (const reply of (await Promise.all(fromWorkers)).flat()) {
      if (reply.error !== undefined || reply.svg === undefined) throw new Error(`${reply.id}: ${reply.error ?? 'no SVG'}`);
      results.set(reply.id, { svg: roundPathData(normalizeSvgIds(reply.svg, reply.id)), warnings: reply.warnings ?? [] });
    }
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return results;
}

/**
 * Returns one chart rendered in this thread, after a turn of the event loop: rendering settles in promises alone, so
 * a Ctrl-C (a signal handler waits for the event loop) was answered only after the last chart, or never.
 */
async function renderOne(job: ChartJob): Promise<RenderedChart> {
  await turnOfEventLoop();
  return renderSvg(job.spec, job.id);
}

/** Returns how many cores are free (at least 1): the core count less the current one-minute load, rounded. */
function idleCores(): number {
  return Math.max(1, Math.round(availableParallelism() - (loadavg()[0] ?? 0)));
}

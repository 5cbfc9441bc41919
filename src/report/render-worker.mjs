// Worker thread for rendering charts to SVG in parallel (see render-svgs.ts). Plain JavaScript so that it loads the
// same way under tsx, vitest and the compiled CLI. Receives a list of { id, spec } (Vega-Lite specs) in one message
// and answers with one list of { id, svg, warnings } or { id, error }. Post-processing (stable ids, rounding) happens
// in the main thread.
import { parentPort } from 'node:worker_threads';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { useChartTextMetrics } from './measure-chart-text.mjs';

useChartTextMetrics(vega.textMetrics);

async function render({ id, spec }) {
  const warnings = [];
  const logger = {
    level: () => logger,
    error: (...args) => { throw new Error(args.map(String).join(' ')); },
    warn: (...args) => { warnings.push(args.map(String).join(' ')); return logger; },
    info: () => logger,
    debug: () => logger,
  };
  let view;
  try {
    const compiled = compile(spec, { logger }).spec;
    view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
    return { id, svg: await view.toSVG(), warnings };
  } catch (error) {
    return { id, error: error instanceof Error ? error.message : String(error) };
  } finally {
    view?.finalize();
  }
}

parentPort.on('message', async (jobs) => {
  const replies = [];
  for (const job of jobs) replies.push(await render(job));
  parentPort.postMessage(replies);
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { buildReview } from '../../src/report/build-review.js';
import { loadTestReference } from '../helpers/warehouse.js';
import { buildSampleModel } from './helpers/sample-model.js';
import { buildReview as buildThinReview, indicator, writeReturn, year } from './helpers/thin-returns.js';

// A published page's console stays silent: every chart of the review is drawn by Vega as the browser draws it (the
// written spec compiled by Vega-Lite, the view run at Vega's warning level), and neither says a word. Was: "Infinite
// extent for field "total"" for Figure 3.1's empty panel, and for "rate" six times on every state page, where a
// layer of the panel (the median's lone dash) had no row.

/** Returns the warnings Vega-Lite and Vega raise while drawing `spec`, as a browser's console would show them. */
async function drawWarnings(spec: TopLevelSpec): Promise<string[]> {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...args: readonly unknown[]) => { warnings.push(`error: ${args.map(String).join(' ')}`); return logger; },
    warn: (...args: readonly unknown[]) => { warnings.push(args.map(String).join(' ')); return logger; },
    info: () => logger,
    debug: () => logger,
  };
  const view = new vega.View(vega.parse(compile(spec, { logger: logger as never }).spec), { renderer: 'none', logger: logger as never, logLevel: vega.Warn } as never);
  try {
    await view.runAsync();
  } finally {
    view.finalize();
  }
  return warnings;
}

/** The warnings of every figure whose drawing raises any, by figure id. */
async function warningsBySpec(specs: readonly { id: string; spec: TopLevelSpec }[]): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const { id, spec } of specs) {
    const warnings = await drawWarnings(spec);
    if (warnings.length > 0) found[id] = [...new Set(warnings)];
  }
  return found;
}

let firstYear: string; // three states, 2025 only, no firearms figure at all: Figure 3.1's firearms panel is empty

beforeAll(async () => {
  firstYear = await buildThinReview((dir) => ['ROU', 'BGR', 'GRC'].map((s) => writeReturn(dir, s, 2025, (l) => year(l) === '2025' && !indicator(l).startsWith('FA_'))));
}, 180_000);

describe('the charts draw without a warning in the console', () => {
  it('the sample review: every figure, the state pages\' small multiples included', async () => {
    const built = await buildReview(buildSampleModel(await loadTestReference()), PROJECT_ROOT);
    expect(built.figures.some((f) => f.id === 'fig-alb-1')).toBe(true);
    expect(await warningsBySpec(built.figures.map((f) => ({ id: f.id, spec: f.spec as TopLevelSpec })))).toEqual({});
  }, 120_000);

  it('a first year with an empty panel: Figure 3.1, whose firearms panel has no total and no panel a line, and every other figure', async () => {
    const html = readFileSync(join(firstYear, 'index.html'), 'utf8');
    expect(html).toContain('The panel for firearms seized is empty');
    const specs = readdirSync(join(firstYear, 'specs')).map((f) => ({ id: f.replace('.vl.json', ''), spec: JSON.parse(readFileSync(join(firstYear, 'specs', f), 'utf8')) as TopLevelSpec }));
    expect(specs.map((s) => s.id)).toContain('fig-3-1');
    expect(await warningsBySpec(specs)).toEqual({});
  }, 120_000);
});

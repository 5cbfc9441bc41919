import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { useChartTextMetrics } from './measure-chart-text.mjs';

// Text is measured as browsers draw the charts' font, not by Vega's guess without a canvas (see measure-chart-text.mjs).
useChartTextMetrics((vega as unknown as { textMetrics: { width: (item: unknown, text: unknown) => number } }).textMetrics);

/** A server-side rendering of one chart: the SVG and any warning Vega-Lite raised while compiling it. */
export interface RenderedChart {
  svg: string;
  warnings: string[];
}

/**
 * Returns the chart rendered to SVG in Node (no canvas needed: `renderer: 'none'` with `toSVG`, text measured by
 * {@link useChartTextMetrics}, so labels are laid out and cut as in the browser).
 *
 * Vega numbers clip paths and gradients with process-wide counters, so the same chart rendered twice (or after
 * another chart) gets different ids. Every id is rewritten as `<idPrefix>-<n>` in order of appearance, which makes
 * the SVG depend on the chart alone and keeps ids unique when several SVGs share a page.
 */
export async function renderSvg(spec: TopLevelSpec, idPrefix: string): Promise<RenderedChart> {
  const warnings: string[] = [];
  const collect = (...args: readonly unknown[]) => {
    warnings.push(args.map(String).join(' '));
  };
  const logger = {
    level: () => logger,
    error: (...args: readonly unknown[]) => { throw new Error(args.map(String).join(' ')); },
    warn: (...args: readonly unknown[]) => { collect(...args); return logger; },
    info: () => logger,
    debug: () => logger,
  };
  const compiled = compile(spec, { logger: logger as never }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    const svg = await view.toSVG();
    return { svg: roundPathData(normalizeSvgIds(svg, idPrefix)), warnings };
  } finally {
    view.finalize();
  }
}

/**
 * Returns `svg` with every `id` (and each `url(#…)` / `href="#…"` reference to it) renamed `<prefix>-<n>` in order
 * of first appearance.
 *
 * @example normalizeSvgIds('<clipPath id="clip7"/><g clip-path="url(#clip7)"/>', 'fig-1')
 *   // '<clipPath id="fig-1-1"/><g clip-path="url(#fig-1-1)"/>'
 */
export function normalizeSvgIds(svg: string, prefix: string): string {
  const names = new Map<string, string>();
  for (const match of svg.matchAll(/\sid="([^"]+)"/g)) {
    const id = match[1] ?? '';
    if (!names.has(id)) names.set(id, `${prefix}-${names.size + 1}`);
  }
  if (names.size === 0) return svg;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_m, a: string, id: string, b: string) => `${a}${names.get(id) ?? id}${b}`)
    .replace(/url\(#([^)]+)\)/g, (m, id: string) => (names.has(id) ? `url(#${names.get(id) ?? id})` : m))
    .replace(/(href=")#([^"]+)(")/g, (m, a: string, id: string, b: string) => (names.has(id) ? `${a}#${names.get(id) ?? id}${b}` : m));
}

/**
 * Returns `svg` with the coordinates inside path data rounded to one decimal: a tenth of a pixel is below what any
 * screen or printer shows, and map outlines shrink to about half their size.
 *
 * @example roundPathData('<path d="M1.234,5.678L2,3"/>') // '<path d="M1.2,5.7L2,3"/>'
 */
export function roundPathData(svg: string): string {
  return svg.replace(/(\sd=")([^"]*)(")/g, (_m, a: string, d: string, b: string) =>
    `${a}${d.replace(/-?\d*\.\d+/g, (n) => {
      const rounded = (Math.round(Number(n) * 10) / 10).toString();
      return rounded === '-0' ? '0' : rounded;
    })}${b}`,
  );
}

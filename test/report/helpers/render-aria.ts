import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

/** An element of a rendered chart that a screen reader is given: its role description and its label. */
export interface Spoken { role: string; label: string }

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Returns the chart's SVG as the review renders it (vega-lite compiled, Vega headless). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Returns, for every SVG element matching `element` (a regular expression over its opening tag), its role description and aria-label. */
export function spokenElements(svg: string, element: RegExp): Spoken[] {
  return [...svg.matchAll(element)]
    .map((m) => ({ role: decode(/aria-roledescription="([^"]*)"/.exec(m[0])?.[1] ?? ''), label: decode(/aria-label="([^"]*)"/.exec(m[0])?.[1] ?? '') }));
}

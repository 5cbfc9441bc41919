import type { TopLevelSpec } from 'vega-lite';
import { spokenText } from '../designation.js';
import { html, trusted, type Markup } from '../html.js';
import { renderJsonScript } from '../json-script.js';
import type { Figure } from './figure.js';
import { renderDataTable } from './render-data-table.js';

/**
 * Returns the placeholder a figure's server-side SVG replaces (an HTML comment: submitted text is escaped, so it
 * can never forge one).
 */
export function svgPlaceholder(id: string): string {
  return `<!--svg:${id}-->`;
}

/**
 * Returns the figure's spec as it is written out (inline in the page, as a file, rendered to SVG): its description,
 * the chart's text alternative, as a screen reader speaks it ("Kosovo", not "Kosovo*": see `spokenText`).
 */
export function writtenSpec(figure: Figure): TopLevelSpec {
  const { description } = figure.spec;
  return description === undefined ? figure.spec : ({ ...figure.spec, description: spokenText(description) } as TopLevelSpec);
}

/**
 * Returns a figure as publication markup: numbered caption, the chart (static SVG, replaced by the interactive view
 * when scripts run), source and notes, links to the CSV and the Vega-Lite spec, and the text alternative with the
 * data table in a disclosure, the table named by the figure's caption (a screen reader's list of tables read "table"
 * forty times). `base` is the path from the page to the report folder (`''` or `'../'`).
 */
export function renderFigure(figure: Figure, base: string): Markup {
  const { id } = figure;
  return html`<figure class="figure" id="${id}">
<figcaption id="${id}-title"><span class="figure-label">Figure ${figure.number}</span> ${figure.title}</figcaption>
<div class="chart" data-figure="${id}" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc">
<div class="static">${trusted(svgPlaceholder(id))}</div>
<div class="interactive"></div>
</div>
<p class="figure-source"><span class="figure-meta">Source:</span> ${figure.source}</p>
${figure.notes.map((note) => html`<p class="figure-note"><span class="figure-meta">Note:</span> ${note}</p>`)}
<p class="figure-links"><a href="${base}data/${id}.csv" download>Data (CSV)</a> <a href="${base}specs/${id}.vl.json">Chart specification (Vega-Lite)</a></p>
<details class="figure-data">
<summary>Description and data</summary>
<p id="${id}-desc" class="figure-description">${spokenText(figure.description)}</p>
${renderDataTable(figure.columns, figure.rows, undefined, `${id}-title`)}
</details>
${renderJsonScript(`${id}-spec`, writtenSpec(figure))}
</figure>`;
}

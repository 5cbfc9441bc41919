import { designationFootnotes } from '../designation.js';
import { html, type Markup } from '../html.js';
import type { ReviewModel } from '../review-model.js';
import { renderSnapshot } from './snapshot-id.js';

/** What every page of the review shares: its title, where the report folder is, and its body. */
export interface PageInput {
  title: string;
  /** Path from the page to the report folder: `''` for index.html, `'../'` for a state page. */
  base: string;
  body: Markup;
  model: ReviewModel;
  /** Extra header navigation (state pages link back to the review). */
  crumbs?: Markup;
}

/** The scripts every page loads, in order, all from the report folder. */
export const PAGE_SCRIPTS = ['assets/vendor/vega.min.js', 'assets/vendor/vega-lite.min.js', 'assets/vendor/vega-embed.min.js', 'assets/review.js'] as const;

/**
 * Returns a complete HTML document: head with a content security policy that allows no network access and no
 * inline script, the header strip, the body, the footer with the data snapshot and tool version, and the local
 * scripts. A page that shows a designated name ("Kosovo*": a member's, or a counterpart's in a flow) ends its main
 * content with the designation's footnote, once.
 */
export function renderPage(input: PageInput): string {
  const { model, base } = input;
  const footnotes = designationFootnotes(input.body.value, [...model.states.map((s) => [s.iso3, s.name] as const), ...model.flows.map((f) => [f.origin, f.originName] as const)]);
  const csp = "default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'";
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="generator" content="${`crimetrends ${model.toolVersion}`}">
<title>${input.title}</title>
<link rel="stylesheet" href="${base}assets/review.css">
</head>
<body>
<a class="skip" href="#content">Skip to the content</a>
<header class="site-header"><span>${input.crumbs ?? html`Annual Assessment of Transnational Crime Trends ${model.year}`}</span><span>${model.group.name} (${model.group.code})</span></header>
<main id="content">
${input.body}
${footnotes.length ? html`<aside class="designation" aria-label="Designation">${footnotes.map((note) => html`<p>${note}</p>`)}</aside>\n` : ''}</main>
<footer class="site-footer">
<p>Annual Assessment of Transnational Crime Trends ${model.year} \u00b7 ${model.group.name}. Reference year ${model.year}.</p>
<p>Produced with crimetrends ${model.toolVersion} \u00b7 data snapshot ${renderSnapshot(model.snapshot)}</p>
</footer>
${PAGE_SCRIPTS.map((src) => html`<script src="${base}${src}"></script>\n`)}</body>
</html>
`;
  return page.value;
}

import { PipelineError } from '../errors.js';
import { toCsv } from './figures/to-csv.js';
import type { Figure } from './figures/figure.js';
import { svgPlaceholder, writtenSpec } from './figures/render-figure.js';
import { fitRegionMap } from './maps/fit-region-map.js';
import { loadWorldAtlas } from './maps/load-world-atlas.js';
import { buildAnnex } from './pages/build-annex.js';
import { buildAreaChapter } from './pages/build-area-chapter.js';
import { buildKeyFindings } from './pages/build-key-findings.js';
import { buildOverviewChapter } from './pages/build-overview-chapter.js';
import { buildProfilesChapter } from './pages/build-profiles-chapter.js';
import { buildReturnsChapter } from './pages/build-returns-chapter.js';
import { buildStatePage } from './pages/build-state-page.js';
import { memberNouns, upperFirst } from './pages/prose-name.js';
import { html } from './html.js';
import { renderIndexBody } from './pages/render-index-page.js';
import { renderPage } from './pages/render-page.js';
import { indexReview } from './pages/review-index.js';
import { readAssets, type ReviewFile } from './read-assets.js';
import { renderSvgs } from './render-svgs.js';
import type { ReviewModel } from './review-model.js';

/** The review as files, ready for `writeReview`, with what went into it. */
export interface BuiltReview {
  files: ReviewFile[];
  figures: Figure[];
  /** Vega-Lite warnings raised while rendering (for the debug log). */
  warnings: string[];
}

/**
 * Returns every file of the review for `model`: index.html, one page per state, each figure's CSV and Vega-Lite
 * spec, the stylesheet, page script and vendored Vega libraries. Pure apart from reading the assets and the map
 * under `root`: the same model gives the same files, byte for byte, in the same order.
 *
 * 1. Index the model; fit the regional map.
 * 2. Build chapters 2 (returns), 3 (overview), one per area group, the profiles and the annex; then the key
 *    findings, which link to figures of those chapters.
 * 3. Build the state pages.
 * 4. Render every figure to SVG (in worker threads, one per core) and put it in place.
 * 5. Add the CSVs, specs and assets; sort by path.
 */
export async function buildReview(model: ReviewModel, root: string): Promise<BuiltReview> {
  const ix = indexReview(model);
  const map = fitRegionMap(loadWorldAtlas(), ix.states);

  const chapters = [buildReturnsChapter(ix, '2'), buildOverviewChapter(ix, '3')];
  ix.chapters.forEach((chapter, i) => chapters.push(buildAreaChapter(ix, chapter, String(4 + i), map)));
  chapters.push(buildProfilesChapter(ix, String(4 + ix.chapters.length)));
  chapters.push(buildAnnex(ix, 'A'));
  const anchors = Object.assign({}, ...chapters.map((c) => c.anchors)) as Record<string, string>;
  const findings = buildKeyFindings(ix, anchors, 'annex');
  const indexHtml = renderPage({ title: `Annual Assessment of Transnational Crime Trends ${model.year}`, base: '', body: renderIndexBody(ix, findings, chapters), model });

  const states = ix.states.map((s) => buildStatePage(ix, s));
  const pages: { path: string; html: string; figures: Figure[] }[] = [
    { path: 'index.html', html: indexHtml, figures: chapters.flatMap((c) => c.figures) },
    ...states.map((p) => ({
      path: `states/${p.iso3}.html`,
      figures: p.figures,
      html: renderPage({
        title: p.title,
        base: '../',
        model,
        crumbs: html`<a href="../index.html">Annual Assessment ${model.year}</a> \u203a <a href="../index.html#ch-${4 + ix.chapters.length}">${upperFirst(memberNouns(model.group).bareOne)} profiles</a>`,
        body: html`<h1 class="state-title">${p.title}</h1>\n${p.body}`,
      }),
    })),
  ];

  const jobs = pages.flatMap((page) => page.figures.map((figure) => ({ id: figure.id, spec: writtenSpec(figure) })));
  const rendered = await renderSvgs(jobs, root).catch((error: unknown) => {
    throw new PipelineError('REPORT_INVALID', `a figure could not be rendered: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });
  const warnings: string[] = [];
  const files: ReviewFile[] = [];
  for (const page of pages) {
    let text = page.html;
    for (const figure of page.figures) {
      const chart = rendered.get(figure.id);
      warnings.push(...(chart?.warnings ?? []).map((w) => `${figure.id}: ${w}`));
      text = text.replace(svgPlaceholder(figure.id), () => chart?.svg ?? '');
      files.push({ path: `data/${figure.id}.csv`, content: toCsv(figure.columns, figure.rows) });
      files.push({ path: `specs/${figure.id}.vl.json`, content: `${JSON.stringify(writtenSpec(figure), null, 2)}\n` });
    }
    files.push({ path: page.path, content: text });
  }
  files.push(...readAssets(root));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, figures: pages.flatMap((p) => p.figures), warnings };
}

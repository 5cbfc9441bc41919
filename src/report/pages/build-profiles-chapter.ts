import { renderDataTable } from '../figures/render-data-table.js';
import { html } from '../html.js';
import type { Chapter } from './chapter.js';
import { memberNouns, upperFirst } from './prose-name.js';
import type { ReviewIndex } from './review-index.js';

/**
 * Returns chapter 8: an introduction to the state profiles and a table linking to each state's page with its
 * return's status and completeness.
 */
export function buildProfilesChapter(ix: ReviewIndex, number: string): Chapter {
  const { model } = ix;
  const nouns = memberNouns(model.group);
  const rows = ix.states.map((s) => {
    const r = model.returns.find((x) => x.iso3 === s.iso3);
    const q = model.quality.find((x) => x.iso3 === s.iso3);
    return {
      state: html`<a href="states/${s.iso3}.html">${s.name}</a>`,
      status: r?.isReceived ? ((r.daysLate ?? 0) > 0 ? 'Received late' : 'Received on time') : 'Not received',
      reported: q ? q.seriesReported : null,
      expected: q ? q.seriesExpected : null,
      completeness: r?.completeness ?? null,
      comments: model.comments.filter((c) => c.iso3 === s.iso3).length,
    };
  });
  const body = html`<p>Each ${nouns.one} has a profile page with every indicator it reported: a sparkline of the series over the years the ${nouns.bareOne} has figures for (${ix.dataSpan} at most), the values of its latest two years (${model.year - 1} and ${model.year}, or the latest two it has figures for, which its page names) and the change between them, the rate per 100,000 against the regional median of the same year, the multi-year direction, the quality of its return and the comments it sent with it. Comments are reproduced as submitted.</p>
${renderDataTable(
    [
      { field: 'state', title: `${upperFirst(nouns.bareOne)} profile`, format: 'text' },
      { field: 'status', title: `Return for ${model.year}`, format: 'text' },
      { field: 'reported', title: 'Series reported', format: 'count' },
      { field: 'expected', title: 'Series expected', format: 'count' },
      { field: 'completeness', title: 'Completeness', format: 'share' },
      { field: 'comments', title: 'Comments, all years', format: 'count' },
    ],
    rows,
    html`<span class="table-label">Table ${number}.1</span> ${upperFirst(nouns.bareOne)} profiles`,
  )}`;
  return { id: `ch-${number}`, number, title: `${upperFirst(nouns.bareOne)} profiles`, body, figures: [], sections: [], anchors: {} };
}

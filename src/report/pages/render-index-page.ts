import { html, type Markup } from '../html.js';
import type { Chapter } from './chapter.js';
import { groupMembersInProse } from './prose-name.js';
import type { ReviewIndex } from './review-index.js';
import { renderSnapshot } from './snapshot-id.js';

const MONTH_OF_PUBLICATION = 'February';

/**
 * Returns the body of the review's index.html: the title page, the contents, the key findings as chapter 1, then
 * every chapter in order.
 */
export function renderIndexBody(ix: ReviewIndex, findings: readonly Markup[], chapters: readonly Chapter[]): Markup {
  const { model } = ix;
  const areas = [...model.areas].filter((a) => a.chapter !== 'context').sort((a, b) => a.sortOrder - b.sortOrder);
  const all = [{ id: 'ch-1', number: '1', title: 'Key findings', sections: [] as Chapter['sections'] }, ...chapters];
  return html`<header class="title-page">
<p class="publisher">${model.group.name}</p>
<h1>Annual Assessment of Transnational Crime Trends <span class="year">${model.year}</span></h1>
<p class="subtitle">Trafficking in persons, smuggling of migrants, drugs, firearms, cybercrime and corruption in ${groupMembersInProse(model.group, ix.states.length, false)}, ${ix.dataSpan}</p>
<div class="area-band" aria-hidden="true">${areas.map((a) => html`<span style="${`background:${a.colour}`}"></span>`)}</div>
<p class="edition">Reference year ${model.year} \u00b7 ${MONTH_OF_PUBLICATION} ${model.year + 1} edition</p>
<p class="edition">Data snapshot ${renderSnapshot(model.snapshot)} \u00b7 crimetrends ${model.toolVersion}</p>
</header>
<nav class="contents" aria-labelledby="contents-title">
<h2 id="contents-title">Contents</h2>
<ol>${all.map((c) => html`<li><a href="#${c.id}"><span class="n">${c.number}</span>${c.title}</a>${c.sections.length ? html`<ol>${c.sections.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`)}</ol>` : ''}</li>`)}</ol>
</nav>
<section class="chapter" id="ch-1">
<h2><span class="chapter-number">1</span>Key findings</h2>
<ol class="findings">${findings.map((f) => html`<li>${f}</li>`)}</ol>
</section>
${chapters.map((c) => html`<section class="chapter" id="${c.id}">
<h2><span class="chapter-number">${c.number}</span>${c.title}</h2>
${c.body}
</section>
`)}`;
}

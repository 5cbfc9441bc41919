import { renderDataTable } from '../figures/render-data-table.js';
import { formatNumber, listInProse, plural, yearsInProse } from '../format-number.js';
import { POPULATION_DATASET } from '../load/load-review-model.js';
import { html, type Markup } from '../html.js';
import type { Chapter } from './chapter.js';
import { dominantReason, minStatesInWords } from './confidential-rules.js';
import { MIN_BASE } from './build-key-findings.js';
import { deadlineText } from './deadline-text.js';
import { aMember, countMembers, stateInProse, upperFirst, type MemberNouns } from './prose-name.js';
import type { ReviewIndex } from './review-index.js';
import { renderSnapshot, SNAPSHOT_DIGITS } from './snapshot-id.js';

/**
 * Returns the methodology annex: definitions and ICCS codes, the flags legend, confidentiality and small-count
 * rules, the validation warnings that were accepted, methods, sources, and the data snapshot and tool version.
 */
export function buildAnnex(ix: ReviewIndex, number: string): Chapter {
  const { model } = ix;
  const { rules } = model;
  const sections: { id: string; title: string; body: Markup }[] = [];
  const areas = [...model.areas].sort((a, b) => a.sortOrder - b.sortOrder);
  // The annex's tables are numbered in order, Table A.1 onwards, as the chapters' are.
  let tables = 0;
  const caption = (title: string) => html`<span class="table-label">Table ${number}.${++tables}</span> ${title}`;
  sections.push({
    id: 'definitions', title: 'Indicators and definitions',
    body: html`<p>Every figure in this review comes from the indicator catalogue below. Offences are classified by the International Classification of Crime for Statistical Purposes (ICCS) of the United Nations Office on Drugs and Crime (UNODC, 2015); persons are counted once per stage and year.</p>
${areas.map((area) => {
  const rows = model.indicators.filter((i) => i.area === area.area).map((i) => ({ code: i.code, name: i.name, definition: i.definition, iccs: i.iccs || '\u2013', unit: unitName(i.unit), stage: i.stageName }));
  return rows.length ? html`${renderDataTable(
    [
      { field: 'code', title: 'Code', format: 'text' }, { field: 'name', title: 'Indicator', format: 'text' }, { field: 'definition', title: 'Definition', format: 'text' },
      { field: 'iccs', title: 'ICCS', format: 'text' }, { field: 'unit', title: 'Unit', format: 'text' }, { field: 'stage', title: 'Stage', format: 'text' },
    ],
    rows,
    caption(`Indicators and definitions: ${area.name.toLowerCase()}`),
  )}` : '';
})}`,
  });
  // the code list's notes are also the template's, where "(explain in COMMENT)" tells the one filling in a return what to
  // do; the reader of the review has no COMMENT column to explain in
  const flagRows = model.codes.filter((c) => c.codelist === 'OBS_STATUS' || c.codelist === 'CONF_STATUS').map((c) => ({
    list: c.codelist === 'OBS_STATUS' ? 'Observation status' : 'Confidentiality', code: c.code, label: c.label, description: c.description.replace(/\s*\(explain in COMMENT\)/g, '') || '\u2013',
  }));
  sections.push({
    id: 'flags', title: 'Flags',
    body: html`<p>Each figure carries the observation status and confidentiality status its ${ix.nouns.bareOne} gave it, coded as in SDMX (Statistical Data and Metadata eXchange, the international standard for exchanging statistical data). In the ${ix.nouns.bareOne} profiles a value flagged other than normal carries the flag\u2019s letter in superscript.</p>
${renderDataTable([{ field: 'list', title: 'Flag', format: 'text' }, { field: 'code', title: 'Code', format: 'text' }, { field: 'label', title: 'Meaning', format: 'text' }, { field: 'description', title: 'Note', format: 'text' }], flagRows, caption('Observation and confidentiality flags'))}`,
  });
  sections.push({
    id: 'confidentiality', title: 'Confidentiality and small counts',
    body: html`<p>${rules.confidentialInTotals === 'suppress'
      ? `Figures ${aMember(ix.nouns)} marked confidential (C) or for internal use only (N) are never published: they appear in no chart, table, download or text of this review.\nA regional total that would include such a figure is withheld, so that the figure cannot be recovered by subtraction.`
      : `Figures ${aMember(ix.nouns)} marked confidential (C) or for internal use only (N) are never published: no chart, table, download or text of this review shows one, or lets one be worked out.\nThey count in a regional total only where it adds up the confidential figures of ${minStatesInWords(rules)} or more ${ix.nouns.bareMany}, which reveals their sum but no one ${ix.nouns.bareOne}\u2019s figure, not even to one of those ${ix.nouns.bareMany}; such a total is marked, with a note saying how many ${ix.nouns.bareMany}\u2019 confidential figures it includes. A total whose confidential figures are those of fewer than ${minStatesInWords(rules)} ${ix.nouns.bareMany} is withheld, since the total less the other ${ix.nouns.bareMany}\u2019 published figures would give back one ${ix.nouns.bareOne}\u2019s figure, or the sum of two, from which each of the two learns the other\u2019s; so is a total in which ${dominantReason(rules, ix.nouns)} (the p% rule of dominance, p = ${rules.confidentialDominanceP ?? 10}); and so is a total that, taken together with the totals of other groups that share members with this one, would give back the figures of fewer than ${minStatesInWords(rules)} ${ix.nouns.bareMany}, or a dominant one. A like-for-like change that would include such a figure is withheld.`}
${rules.smallCountThreshold > 0 ? html`Counts below ${rules.smallCountThreshold} are shown as \u201c&lt;${rules.smallCountThreshold}\u201d where they identify a small number of persons, as in UNODC\u2019s data portal. A regional total, or any other sum this review shows, that includes such counts is withheld when together they come to less than ${rules.smallCountThreshold}, since the sum less the figures shown would reveal them. The groups\u2019 totals are also checked together, since groups share members: where the difference of two or more published totals less the figures shown would reveal such counts coming to less than ${rules.smallCountThreshold}, the fewest of those totals that prevent it are withheld too, other groups\u2019 before this review\u2019s own where that is enough.` : 'No small-count rule is applied.'}
Rates, medians and trends are computed only from publishable figures.</p>`,
  });
  const warnings = [...model.warnings].sort((a, b) => ix.stateName(a.iso3).localeCompare(ix.stateName(b.iso3), 'en') || a.year - b.year || a.code.localeCompare(b.code, 'en'));
  const warningCount = warnings.reduce((s, w) => s + w.count, 0);
  const span = ix.dataSpan;
  sections.push({
    id: 'warnings', title: 'Validation warnings accepted',
    body: warnings.length
      ? html`<p>Returns were checked on receipt. Errors cause a file to be rejected and resent; warnings do not. ${warningCount === 1 ? 'The warning below was' : `The ${plural(warningCount, 'warning')} below were`} raised on the returns in force for ${span} (the version of each ${ix.nouns.bareOne}\u2019s return for each year whose figures this review shows) and accepted by the coordinator, usually after the ${ix.nouns.bareOne} explained the figure in a comment.</p>
${renderDataTable([{ field: 'state', title: upperFirst(ix.nouns.bareOne), format: 'text' }, { field: 'year', title: 'Return for', format: 'year' }, { field: 'code', title: 'Warning', format: 'text' }, { field: 'count', title: 'Number', format: 'count' }], warnings.map((w) => ({ state: ix.stateName(w.iso3), year: w.year, code: w.code, count: w.count })), caption('Validation warnings accepted on the returns in force'))}`
      : html`<p>No validation warning was raised on the returns in force for ${span} (the version of each ${ix.nouns.bareOne}\u2019s return for each year whose figures this review shows).</p>`,
  });
  sections.push({
    id: 'methods', title: 'Methods',
    body: html`<p><strong>Regional totals</strong> add up the ${ix.nouns.bareMany} that reported a figure; ${aMember(ix.nouns)} that did not report is missing, never zero, and the number of ${ix.nouns.bareMany} reporting is shown with every total. Where the ${ix.nouns.bareMany} a total adds up differ from the year before\u2019s, the change between the two totals is partly one of coverage: the overview\u2019s line runs dashed into that year, and its data table names the ${ix.nouns.bareMany} added and dropped. <strong>Like-for-like change</strong> compares two years over the ${ix.nouns.bareMany} that reported both; chained year by year it gives the index in each chapter\u2019s trend figure. <strong>Rates</strong> are per 100,000 residents at mid-year. <strong>Trends</strong> over the last ${rules.trendYears} years use the Theil\u2013Sen slope (the median of all pairwise slopes, robust to a single outlying year), expressed as a share of the window\u2019s mean per year, and the Mann\u2013Kendall test. A series is called rising or falling only when both hold: the slope is at least ${formatNumber(rules.stableSlopePct)}% of the window\u2019s mean a year, and the test\u2019s two-sided p-value is at most ${formatNumber(rules.trendAlpha, 2)} (significant at the ${formatNumber(rules.trendAlpha * 100)}% level); otherwise it shows no clear trend. A series with fewer than ${plural(rules.trendMinPoints, 'year')} with a figure in the window is not given a direction.${smallCountTrend(ix)} A break in series (flag B) starts a new window. A regional trend is that of the total of the ${ix.nouns.many} with a comparable figure in every year of the window, so that ${aMember(ix.nouns)} joining or leaving is not read as a trend; the text says how many ${ix.nouns.bareMany} that total covers, which can differ from the regional totals of each year. <strong>Criminal-justice ratios</strong> divide counts of the same year.${derivedMethod(ix)} The key findings\u2019 <strong>largest rise and fall in ${aMember(ix.nouns)}</strong> are among the headline indicators of the regional overview, from a count of at least ${MIN_BASE} the year before. <strong>Returns</strong> are on time when received by ${deadlineText(model.year, rules.deadline)}.${periodNote(ix)}</p>`,
  });
  // a population row counts the rates per 100,000 computed with that source's population, not population figures (was
  // 'population (rates per 100,000 computed with it)' beside 4,258 in the sample): its label says what it counts
  const sourceRows = model.sources.map((s) => ({
    source: sourceName(s.source, ix.nouns), dataset: s.dataset === POPULATION_DATASET ? `rates per 100,000 (${ix.nouns.bareOne} \u00d7 indicator \u00d7 year) computed with its population` : s.dataset ?? '\u2013',
    observations: s.observations, states: s.states,
  }));
  const imports = [...new Set(model.sources.filter((s) => s.dataset !== POPULATION_DATASET && s.source !== 'RETURN').map((s) => sourceName(s.source, ix.nouns)))];
  sections.push({
    id: 'sources', title: 'Sources',
    body: html`<p>${ix.nouns.returns} are the primary source. ${imports.length ? `Series imported from ${listInProse(imports)} fill gaps only where ${aMember(ix.nouns)}\u2019s own return has no figure; a return always takes precedence, and each figure that uses imported values says so in its source line.` : 'No imported series (UNODC, Eurostat) entered this review: every figure is from the returns.'} ${describePopulation(ix)} Map outlines: Natural Earth 1:50m, via the world-atlas package.</p>
${renderDataTable([{ field: 'source', title: 'Source', format: 'text' }, { field: 'dataset', title: 'Used for', format: 'text' }, { field: 'observations', title: 'Figures', format: 'count' }, { field: 'states', title: upperFirst(ix.nouns.bareMany), format: 'count' }], sourceRows, caption('Sources of the figures'))}`,
  });
  sections.push({
    id: 'snapshot', title: 'Data snapshot and reproducibility',
    body: html`<p>This review was produced by crimetrends ${model.toolVersion} from the data snapshot ${renderSnapshot(model.snapshot)} (the first ${SNAPSHOT_DIGITS} hex digits of the SHA-256 of every figure, name and note the review read from the warehouse, as <code>crimetrends run</code> prints it). The same snapshot and reference year always give a byte-identical review; a different hash means the underlying data changed.</p>`,
  });
  const body = html`${sections.map((s, i) => html`<section class="section" id="annex-${s.id}">
<h3><span class="section-number">${number}.${i + 1}</span> ${s.title}</h3>
${s.body}
</section>`)}`;
  return {
    id: 'annex', number, title: 'Methodology, flags and sources', body, figures: [],
    sections: sections.map((s, i) => ({ id: `annex-${s.id}`, title: `${number}.${i + 1} ${s.title}` })), anchors: {},
  };
}

/**
 * Returns the Sources annex's sentences on the population the rates per 100,000 of this review used, read from the
 * rates (series_rate's population source): one source for every state and year where it is so ('the population
 * reported in the returns (indicator POP) for every state and year with a rate (13 states). No World Bank
 * population was imported for these states and years; …'), otherwise each source with the states
 * and years it served, and the rule that chose between them only where it can have chosen (was: the World Bank
 * rule stated in a review that imported no World Bank population).
 */
function describePopulation(ix: ReviewIndex): string {
  const { model } = ix;
  const used = model.totals.filter((t) => t.populationSource !== null && model.years.includes(t.year) && ix.states.some((st) => st.iso3 === t.iso3));
  if (used.length === 0) return 'No rate per 100,000 could be computed (no population figure).';
  const sources = [...new Set(used.map((t) => t.populationSource ?? ''))].sort((a, b) => populationRank(a) - populationRank(b) || a.localeCompare(b, 'en'));
  const name = (source: string) => POPULATION_NAMES[source] ?? sourceName(source, ix.nouns);
  const isWorldBankPreferred = model.rules.populationSource === 'WORLDBANK';
  const states = [...new Set(used.map((t) => t.iso3))];
  if (sources.length === 1) {
    const [only = ''] = sources;
    const scope = `for every ${ix.nouns.bareOne} and year with a rate (${countMembers(states.length, ix.nouns)})`;
    const other = only === 'WORLDBANK'
      ? (isWorldBankPreferred ? ` It is preferred to ${aMember(ix.nouns)}\u2019s own population (POP) where both exist.` : ` No ${ix.nouns.bareOne} reported its own population (POP) for these years; where one does, it takes precedence over the World Bank\u2019s.`)
      : (isWorldBankPreferred ? ` No World Bank population was imported for these ${ix.nouns.bareMany} and years; where one is, it takes precedence over ${aMember(ix.nouns)}\u2019s own.` : ` ${upperFirst(aMember(ix.nouns))}\u2019s own population is preferred to the World Bank\u2019s where both exist.`);
    return `Rates per 100,000 use ${name(only)} ${scope}.${other}`;
  }
  // each source with the states it served, a state served by more than one with its years under each
  const yearsOf = (iso3: string, source?: string) => [...new Set(used.filter((t) => t.iso3 === iso3 && (source === undefined || t.populationSource === source)).map((t) => t.year))].sort((a, b) => a - b);
  const clauses = sources.map((source) => {
    const served = states.filter((iso3) => yearsOf(iso3, source).length > 0).sort((a, b) => ix.stateName(a).localeCompare(ix.stateName(b), 'en'));
    const named = served.map((iso3) => {
      const years = yearsOf(iso3, source);
      return `${stateInProse(ix.stateName(iso3))}${years.length === yearsOf(iso3).length ? '' : ` (${yearsInProse(years)})`}`;
    });
    return `${name(source)} for ${listInProse(named)}`;
  });
  return `Rates per 100,000 use ${clauses.join('; ')}. Where ${aMember(ix.nouns)} has both, ${isWorldBankPreferred ? 'the World Bank\u2019s population is preferred to its own' : 'its own population is preferred to the World Bank\u2019s'}; the other fills the years it lacks.`;
}

/** The order population sources are named in: the returns' own first, the World Bank's last. */
function populationRank(source: string): number {
  return source === 'RETURN' ? 0 : source === 'WORLDBANK' ? 2 : 1;
}

function unitName(unit: string): string {
  return unit === 'KG' ? 'kilograms' : unit === 'ROUNDS' ? 'rounds' : 'number';
}

const POPULATION_NAMES: Record<string, string> = {
  WORLDBANK: 'the World Bank\u2019s Population, total (SP.POP.TOTL)', RETURN: 'the population reported in the returns (indicator POP)', UNODC: 'UNODC population figures', EUROSTAT: 'Eurostat population figures',
};

function sourceName(source: string, nouns: MemberNouns): string {
  const names: Record<string, string> = { RETURN: nouns.returns, UNODC: 'UNODC', EUROSTAT: 'Eurostat', WORLDBANK: 'World Bank' };
  return names[source] ?? source;
}

/**
 * The Methods' sentences on trends the small-count rule withholds (series_trend's small_count_direction): with two or
 * more counts shown as "<5" in the window, S, p and the direction, whose order would give them back; beside one, the
 * direction where the values it may be give different ones. Empty where no count is small (a threshold of 1 or less).
 */
function smallCountTrend(ix: ReviewIndex): Markup {
  const threshold = ix.model.rules.smallCountThreshold;
  if (threshold <= 1) return html``;
  const values = threshold === 2 ? '1' : `1 to ${threshold - 1}`;
  return html` Where the window holds two or more counts shown as \u201c&lt;${threshold}\u201d, the Mann\u2013Kendall statistic, its p-value and the direction are not given: they tell how those counts are ordered, which can give them back. Beside one \u201c&lt;${threshold}\u201d, the direction is given only where every value the count may be (${values}) gives the same. The ${ix.nouns.bareOne} profiles print such a trend \u201cnot given (&lt;${threshold})\u201d.`;
}

/** The Methods sentence on years left out of the period (too few states to stand for the region), or ''. */
function periodNote(ix: ReviewIndex): Markup {
  const left = ix.model.leftOut;
  if (!left) return html``;
  const years = listInProse(left.years.map(String));
  return html` <strong>The period</strong>, ${ix.period}, starts in the first year for which at least half as many ${ix.nouns.many} reported crime figures as in the best-covered year (${countMembers(left.best, ix.nouns)}): the figures for ${years}, from ${left.states === 1 ? `one ${ix.nouns.bareOne}` : `at most ${countMembers(left.states, ix.nouns)}`} (such as a revision sent with a later return), are left out, as so few ${ix.nouns.bareMany} do not stand for the region.`;
}

/**
 * The Methods' sentence on totals a return did not give, summed from a complete breakdown, naming the states and
 * years; empty when every total in the review was reported as such (the sentence then says nothing true).
 */
function derivedMethod(ix: ReviewIndex): Markup {
  const members = new Set(ix.states.map((s) => s.iso3));
  const points = ix.model.totals.filter((t) => t.derivedFrom !== undefined && members.has(t.iso3) && ix.model.years.includes(t.year));
  if (points.length === 0) return html``;
  const byState = [...new Set(points.map((p) => p.iso3))].sort().map((iso3) => {
    const years = [...new Set(points.filter((p) => p.iso3 === iso3).map((p) => p.year))].sort((a, b) => a - b);
    return `${stateInProse(ix.stateName(iso3))} (${listInProse(years.map(String))})`;
  });
  return html` <strong>Totals not reported</strong>: where a return gave a complete breakdown of an indicator (by sex, by age or by category) but no total, the total used is the sum of the breakdown, marked \u03a3 in the ${ix.nouns.bareOne} profile: ${plural(points.length, 'total')} of ${listInProse(byState)}.`;
}

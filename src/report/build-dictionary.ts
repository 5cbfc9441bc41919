import type { Reference } from '../schema/reference.js';
import { MISSING_STATUSES, RETURN_COLUMNS } from '../schema/return-format.js';
import { ISSUE_CODES } from '../validate/issue-codes.js';
import { html, type Markup } from './html.js';

/** A section of the data dictionary: a title, an introduction and a table. */
interface Section {
  id: string;
  title: string;
  intro: string;
  header: string[];
  rows: string[][];
  /** False: the first cell of a row is prose, not a code (shown as code in HTML). */
  isKeyCode?: boolean;
}

/**
 * How a focal point fills in a template, case by case: what the rules of `validate` and the review take a row to
 * mean (a total, a part, a country, a missing or confidential figure), said once where the columns are.
 */
export const FILLING_IN: Section = {
  id: 'filling-in',
  title: 'Filling in the template',
  intro: '"crimetrends template --state ROU --year 2025" lists, for every indicator, its total and its parts, values blank ("--out ROU_2025.xlsx" gives it as an Excel workbook, with the codes as drop-down lists). Fill in OBS_VALUE, keep the codes as they are, save the file as an Excel workbook (.xlsx) or as CSV UTF-8 (comma- or semicolon-separated) under the state\'s code and the year (ROU_2025.xlsx, ROU_2025.csv), and check it with "crimetrends validate ROU_2025.xlsx" before sending it.',
  header: ['Case', 'What to write'],
  isKeyCode: false,
  rows: [
    ['The total of an indicator', 'The row with _T (total) in SEX, AGE, COUNTERPART_AREA and BREAKDOWN, the first the template lists for the indicator.'],
    ['A breakdown by sex, age or type', 'One row per code of the list, the other columns _T (TIP_VIC of females: SEX F, AGE _T, COUNTERPART_AREA _T, BREAKDOWN _T). The parts of one list add up to the total (BREAKDOWN_SUM warns beyond 1 %): persons of unknown sex or age go in _U, a type the list does not name in its OTHER code (UNKNOWN in FIREARM for a type not known). Rows crossing two lists (SEX F and AGE Y_LT18) may be added; the template leaves them out.'],
    ['By country (COUNTERPART_AREA)', `The template lists only the total (_T). Add one row per country, under its ISO 3166-1 alpha-3 code (XKX for Kosovo; the reporting state's own code for its nationals), and _U for a country not known; what the country is (citizenship, origin, partner state) is the indicator's "COUNTERPART_AREA means". The rows need not cover every country, but never add up to more than the total.`],
    ['A figure not available', `Leave OBS_VALUE empty and write OBS_STATUS ${MISSING_STATUSES.slice(0, -1).join(', ')} or ${MISSING_STATUSES.at(-1)!} (see the code list OBS_STATUS); a 0 is a true zero. An indicator not collected at all: every row of it so, with the reason in COMMENT. Where one part of a list is missing, the others need not reach the total (no BREAKDOWN_SUM warning).`],
    ['A figure not to be published', 'CONF_STATUS C (confidential) or N (internal use only): the figure reaches the working group but is never published; a regional total it is part of is withheld, or shown only where the confidential figures of three states or more are in it, as the working group decides.'],
    ['A provisional or estimated figure, a break in series', 'OBS_STATUS P (provisional), E (estimated) or B (break in series: say in COMMENT what changed).'],
    ['A figure of an earlier year', 'A row with that year in TIME_PERIOD revises the figure sent then.'],
  ],
};

/** Returns the dictionary's sections, generated from the reference data and the return format. */
function sections(reference: Reference): Section[] {
  const areaName = new Map(reference.areas.map((a) => [a.area, a.name]));
  const stageName = new Map(reference.stages.map((s) => [s.stage, s.name]));
  const lists = [...new Set(reference.codes.map((c) => c.codelist))];
  // every list the catalogue's indicators name, as the reference data has them (a new list is named here too)
  const breakdownLists = [...new Set(reference.indicators.map((i) => i.breakdown_list).filter((l) => l !== ''))];
  const breakdownContent = `The indicator's own code list, named in its Breakdowns (${breakdownLists.join(', ')}); _T total`;
  const breakdowns = (dims: string[], list: string): string =>
    dims.map((d) => (d === 'BREAKDOWN' ? `BREAKDOWN (${list})` : d)).join(', ') || 'none (totals only)';
  return [
    {
      id: 'columns',
      title: 'Columns of a return',
      intro: 'One file per state and reporting year, CSV or an Excel workbook\'s sheet, one observation per row, with this header (names match case-insensitively). Optional columns may be left out or left empty: they take the default.',
      header: ['Column', 'Required', 'Default', 'Content'],
      rows: RETURN_COLUMNS.map((c) => [c.name, c.isRequired ? 'yes' : 'no', c.default ?? '', c.name === 'BREAKDOWN' ? breakdownContent : c.description]),
    },
    FILLING_IN,
    {
      id: 'indicators',
      title: 'Indicators',
      intro: 'The catalogue, by crime area. ICCS is the International Classification of Crime for Statistical Purposes; the unit NR counts, KG weighs, ROUNDS counts ammunition.',
      header: ['Code', 'Area', 'Name', 'Definition', 'ICCS', 'Unit', 'Stage', 'Breakdowns', 'COUNTERPART_AREA means'],
      rows: reference.indicators.map((i) => [
        i.code, areaName.get(i.area) ?? i.area, i.name, i.definition, i.iccs, i.unit, stageName.get(i.stage) ?? i.stage,
        breakdowns(i.dimensions, i.breakdown_list), i.counterpart_meaning || (i.dimensions.includes('COUNTERPART_AREA') ? '' : 'not used (_T)'),
      ]),
    },
    ...lists.map((list) => ({
      id: `codelist-${list.toLowerCase()}`,
      title: `Code list ${list}`,
      intro: list === 'COUNTERPART' ? 'Besides these codes, COUNTERPART_AREA takes any ISO 3166-1 alpha-3 country code (XKX for Kosovo).' : '',
      header: ['Code', 'Label', 'Description'],
      rows: reference.codes.filter((c) => c.codelist === list).map((c) => [c.code, c.label, c.description]),
    })),
    {
      id: 'states',
      title: 'States',
      intro: 'REF_AREA takes these codes. Names, former names and aliases are recognised and reported as a warning.',
      header: ['ISO3', 'ISO2', 'Name', 'Own names', 'Groups'],
      rows: reference.states.map((s) => [s.iso3, s.iso2, s.name_en, s.names_native.join(', '), s.groups.join(', ')]),
    },
    {
      id: 'rules',
      title: 'Validation rules',
      intro: 'What "crimetrends validate" checks. An error rejects the file (the state corrects and resends it); a warning is accepted and shown in the annex of the review.',
      header: ['Code', 'Severity', 'Meaning'],
      rows: ISSUE_CODES.map((c) => [c.code, c.severity, c.description]),
    },
  ];
}

const TITLE = 'crimetrends data dictionary: the annual return';

/** Splits text at its `code` spans (a rule's meaning quotes `#N/A`): even parts are prose, odd parts code. */
const CODE_SPAN = /`([^`]+)`/;

/**
 * Returns a cell as Markdown: `|` escaped (it would end the cell, in a code span too), and outside code spans the
 * characters that would turn prose into markup (`<NA>` is an HTML tag a renderer drops; `*`, `[`, a lone backtick, `\`).
 */
function markdownCell(text: string): string {
  return text.replaceAll('\n', ' ').split(CODE_SPAN)
    .map((part, i) => (i % 2 === 1 ? `\`${part}\`` : part.replace(/[\\`*<[\]]/g, '\\$&')).replaceAll('|', '\\|'))
    .join('');
}

/** Returns a cell as HTML: prose as text, each `code` span as <code> (its backticks were shown as written). */
function htmlCell(text: string): Markup {
  return html`${text.split(CODE_SPAN).map((part, i) => (i % 2 === 1 ? html`<code>${part}</code>` : part))}`;
}

/** Returns the data dictionary as Markdown. */
export function buildDictionaryMarkdown(reference: Reference): string {
  const parts = [`# ${TITLE}\n`];
  for (const section of sections(reference)) {
    parts.push(`## ${section.title}\n`);
    if (section.intro) parts.push(`${section.intro}\n`);
    parts.push(`| ${section.header.join(' | ')} |`, `| ${section.header.map(() => '---').join(' | ')} |`);
    parts.push(...section.rows.map((row) => `| ${row.map(markdownCell).join(' | ')} |`), '');
  }
  return `${parts.join('\n')}\n`;
}

/** Returns the data dictionary as a standalone HTML page (every value escaped by construction). */
export function buildDictionaryHtml(reference: Reference): string {
  const list = sections(reference);
  const table = (section: Section): Markup => html`<section id="${section.id}"><h2>${section.title}</h2>
${section.intro ? html`<p>${htmlCell(section.intro)}</p>` : ''}
<div class="table-wrap"><table><thead><tr>${section.header.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${section.rows.map((row) => html`<tr>${row.map((c, i) => (i === 0 ? html`<th scope="row">${section.isKeyCode === false ? c : html`<code>${c}</code>`}</th>` : html`<td>${htmlCell(c)}</td>`))}</tr>\n`)}</tbody></table></div></section>\n`;
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${TITLE}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:80rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
.table-wrap{overflow-x:auto;margin:1rem 0 2rem}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid #333}code{font-size:.9em}nav a{display:inline-block;margin-right:1rem}
#indicators table{font-size:14px}#indicators td:nth-child(4){min-width:14rem}</style></head>
<body><h1>${TITLE}</h1><nav>${list.map((s) => html`<a href="#${s.id}">${s.title}</a>`)}</nav>
${list.map(table)}</body></html>
`;
  return page.value;
}

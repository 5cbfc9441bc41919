import { quoteLiteral } from '../store/index.js';
import { RETURN_COLUMN_NAMES } from '../schema/return-format.js';

/** Cells that, all holding a column name, make a row a repeated header. */
const HEADER_NAMES = ['ref_area', 'time_period', 'indicator'] as const;

/**
 * Words for "total" in the region's languages and English, as a spreadsheet's total row writes them in its first
 * cell (lower case; a trailing colon allowed).
 */
const TOTAL_WORDS = [
  'total', 'totals', 'grand total', 'subtotal', 'sub-total', 'total general', 'sum', 'all', 'suma', 'ukupno', 'skupaj', 'totali', 'gjithsej',
  'toplam', 'genel toplam', 'cəmi', 'σύνολο', 'итого', 'всего', 'общо', 'укупно', 'вкупно', 'усього', 'разом', 'ընդամենը', 'სულ',
];
/** Returns SQL that is true when `cell` is a total's label ("Total", "Ukupno:", "Итого"), in any case, a colon after it aside. */
export const isTotal = (cell: string): string => `coalesce(rtrim(lower(trim(${cell})), ':') in (${TOTAL_WORDS.map(quoteLiteral).join(', ')}), false)`;

/** Codes that replace every other issue of their row: the row is no observation, its cells are not checked one by one. */
export const NOT_OBSERVATION_CODES = ['HEADER_REPEATED', 'TOTAL_ROW', 'DESCRIPTION_ROW', 'NOTE_ROW'] as const;

/**
 * Returns SQL for a cell as a column name compares: trimmed of spaces and of a byte-order mark (the second file's,
 * when two CSV UTF-8 files were joined), in capitals, Turkish's dotted capital İ read as I (a header typed with a
 * Turkish keyboard's Caps Lock, `İNDİCATOR`, which upper() keeps; the dotless ı of `ındıcator` already becomes I), as
 * the first line's header is read (see map-header's upperName).
 */
export const upperCell = (cell: string): string => `upper(replace(trim(${cell}, ' \uFEFF'), '\u0130', 'I'))`;

/** Returns a header cell as {@link upperCell} reads a cell: `TİME_PERİOD` is TIME_PERIOD. */
export const upperHeaderName = (name: string): string => name.trim().replace(/^\uFEFF/, '').replace(/\u0130/g, 'I').toUpperCase();

/** SQL condition: the row holds the header's column names again, in any case, Turkish capitals too. */
export const IS_HEADER_REPEATED = [...HEADER_NAMES]
  .map((field) => `${upperCell(`p.${field}_in`)} in (${RETURN_COLUMN_NAMES.map(quoteLiteral).join(', ')})`)
  .join(' and ');

/** The cells a row of descriptions is told by (see IS_DESCRIPTION). */
const DESCRIPTION_CELLS = ['ref_area_in', 'time_period_in', 'indicator_in', 'obs_value_in'].map((field) => `p.${field}`);
/**
 * SQL condition: a row of descriptions (a template's or a spreadsheet's row under the header: "Reference area, Year,
 * Indicator, …", or the same in another language). Neither REF_AREA nor INDICATOR reads as a code or a name of one,
 * TIME_PERIOD and OBS_VALUE hold no year and no number, none of these four cells holds a digit, and at least three of
 * them hold words: a data row needs four bad cells to look like this, so a row with one or two is checked cell by
 * cell. A repeated header or a total row also looks like this: their own codes win (see NOT_OBSERVATION_CODES).
 * Written with few function calls: DuckDB plans the rules as one statement per file, and every call costs planning.
 */
export const IS_DESCRIPTION = `p.ref_area is null and p.indicator is null and p.time_period is null and p.obs_value is null
  and not regexp_matches(concat_ws(' ', ${DESCRIPTION_CELLS.join(', ')}), '[0-9]')
  and len(list_filter([${DESCRIPTION_CELLS.join(', ')}], lambda cell: regexp_matches(cell, '\\pL'))) >= 3`;

import { quoteLiteral } from '../store/index.js';
import { FORMULA_TEXT_HINT } from './code-hints.js';
import { DATE, dayNumbers, SERIAL_1990 } from './date-cells.js';
import { MISSING_MARKS } from './missing-marks.js';

/** SQL condition: OBS_VALUE is one to three digits, a separator and three zeros ("1.000"): a thousands separator, or decimals? */
export const GROUPED_ZEROS = "regexp_full_match(p.obs_value_in, '[1-9][0-9]{0,2}[.,]000')";
/**
 * The characters that group digits by thousands besides the point and the comma (a regular expression's class, quoted
 * for SQL): a space, a no-break space (U+00A0, U+202F), a thin space (U+2009, from a typeset document or a PDF) and an
 * apostrophe, typed (') or typographic (’, U+2019, as Swiss German settings group thousands: 12’500).
 */
export const GROUP_SPACE_CLASS = "[ \\x{00A0}\\x{202F}\\x{2009}''\\x{2019}]";
/** SQL pattern: one of {@link GROUP_SPACE_CLASS}. */
export const GROUP_SPACE = `'${GROUP_SPACE_CLASS}'`;
/** SQL pattern: a number grouped by one of {@link GROUP_SPACE_CLASS}, its decimal separator a point or a comma. */
export const SPACE_GROUPED = `'[1-9][0-9]{0,2}(${GROUP_SPACE_CLASS}[0-9]{3})+([.,][0-9]+)?'`;

/**
 * The end of a hint for a number a workbook's cell holds as text (`1,192`, `12,5` typed into a cell Excel did not read
 * as a number), for SQL (its quote doubled): how to make the cell a number, where a CSV's hint says how to save it.
 */
export const WORKBOOK_TEXT_NUMBER = "the cell holds text, not a number: type the number into it without separators, or turn the text into a number (Data > Text to Columns, or the warning triangle''s \"Convert to Number\")";

/** How to have pandas write a count without ".0" (its form of a whole number in a float column). */
export const PANDAS_FLOAT_HINT = '; pandas writes a count so when its column also holds an empty cell (NaN makes it a float column): before to_csv, '
  + 'convert it with df["OBS_VALUE"] = df["OBS_VALUE"].astype("Int64") (a column that also holds kilograms with decimals: df.to_csv(..., float_format="%.15g"))';
const MISSING_HINT = 'for a figure that is not available, leave OBS_VALUE empty and set OBS_STATUS to M (missing), L (exists but not collected), O (not available) or Q (suppressed); write 0 only for a true zero';

/** SQL pattern: a number followed by letters, bare or in parentheses ("12 p", "12e", "12 (b)", "45 bep"): Eurostat flags? */
const FLAGGED = "'\\s*[0-9]+([.,][0-9]+)?\\s*(\\(\\s*[a-zA-Z]+\\s*\\)|[a-zA-Z]+)\\s*'";
/** SQL: the letters of a {@link FLAGGED} value, in lower case (a key of vref_eurostat_flag when they are flags as Eurostat writes them). */
const flagsOf = (value: string): string => `lower(regexp_extract(${value}, '([a-zA-Z]+)\\s*\\)?\\s*$', 1))`;

/**
 * translate() arguments turning digits other than 0-9 into 0-9: full-width (an East Asian input mode), Arabic-Indic
 * and Eastern Arabic-Indic (an Arabic, Persian or Urdu keyboard or number format).
 */
const OTHER_DIGITS = "'０１２３４５６７８９٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹', '012345678901234567890123456789'";

/**
 * Returns the SQL `when … then …` branch of a value written in digits other than 0-9, its hint naming them:
 * "write 12 in the digits 0-9 (these are Arabic-Indic digits, …)".
 */
export const otherDigitsHint = (v: string): string => `when regexp_matches(${v}, '[０-９٠-٩۰-۹]')
        then format('write {} in the digits 0-9 (these are {})', translate(${v}, ${OTHER_DIGITS}),
          if(regexp_matches(${v}, '[０-９]'), 'full-width digits, from an East Asian input mode', 'Arabic-Indic digits, from an Arabic, Persian or Urdu keyboard or number format'))`;

/** SQL pattern: a number grouped by commas, its decimal separator a point ("12,500", "1,234.5"). */
export const COMMA_GROUPED = "'[1-9][0-9]{0,2}(,[0-9]{3})+([.][0-9]+)?'";
/** SQL pattern: a number grouped by points, its decimal separator a comma ("12.500", "1.234,5"). */
const POINT_GROUPED = "'[1-9][0-9]{0,2}([.][0-9]{3})+(,[0-9]+)?'";
/**
 * SQL pattern: one to three digits, a point and three digits ("12.500"). In a comma-delimited file, 12.5 with three
 * decimals, or 12500 as LibreOffice or Google Sheets set to a language writing a decimal comma save it with its
 * thousands grouped (the comma, the field delimiter, is theirs no longer).
 */
export const POINT_GROUPED_ONCE = "'[1-9][0-9]{0,2}[.][0-9]{3}'";

/**
 * SQL condition, for a comma-delimited file: no value of the flagged rows `p` is written with a decimal point that
 * groups nothing ("10.25", "0.5", "1250.000", pandas' "12.0"), which would say that the file's points are decimal
 * points. Read on the rows with a point only, which the prefilter keeps (see has_decimal_separator).
 */
export const NO_DECIMAL_POINT_SHOWN = `not exists (select 1 from p as d where d.has_decimal_separator and d.obs_value is not null
  and not regexp_full_match(d.obs_value_in, ${POINT_GROUPED_ONCE}))`;

/**
 * SQL condition, for a file delimited by ';', tab or '|': its points are decimal points. Some value of the flagged rows
 * `p` is written with a decimal point that groups nothing ("125.75", "0.350", "1250.000", "12.0"), as a spreadsheet set
 * to English saves a ';' file, and no value holds a comma (a decimal comma, "12,5", says the points group, as a
 * Romanian or Serbian export writes "1.192"; a comma that may group, "12,500", says nothing sure, so the points are not
 * read either way). Uncorrelated: computed once per query, on the rows with a point or a comma, which the prefilter keeps.
 */
const DECIMAL_POINTS_SHOWN = `(exists (select 1 from p as d where d.has_decimal_separator and d.obs_value is not null
    and contains(d.obs_value_in, '.') and not regexp_full_match(d.obs_value_in, ${POINT_GROUPED_ONCE}))
  and not exists (select 1 from p as d where d.has_decimal_separator and contains(d.obs_value_in, ',')))`;

/**
 * Returns true when a file delimited by `delimiter` says which of the point and the comma is its decimal separator: a
 * comma-delimited file takes a point, a ';' file (as a spreadsheet writes it in a language with a decimal comma) a
 * comma. A file delimited by tabs or '|' says neither: Excel's "Unicode Text" and "Text (Tab delimited)" are written in
 * every language, each number as its format shows it ("12,500" in English, "12.500" in Serbian, for 12500 alike).
 */
export function hasDecimalConvention(delimiter: string): boolean {
  return delimiter === ',' || delimiter === ';';
}

/** SQL condition: the value carries a thousands separator (never guessed away). */
export function thousands(delimiter: string): string {
  // a grouping's first group never starts with 0: "0.032" (32 grams, in a ';' or tab file) is a decimal point
  // "3.125" grouped once by a point: 3125, unless the file's points are decimal ones (see DECIMAL_POINTS_SHOWN);
  // "1.000.000" groups whatever the file
  const pointGrouped = `(regexp_full_match(p.obs_value_in, ${POINT_GROUPED})
    and not (regexp_full_match(p.obs_value_in, ${POINT_GROUPED_ONCE}) and ${DECIMAL_POINTS_SHOWN}))`;
  const grouped = delimiter === ',' ? `regexp_full_match(p.obs_value_in, ${COMMA_GROUPED})`
    : delimiter === ';' ? pointGrouped
    // a tab or '|' file: "12,500" is 12500 grouped by a comma (English) as much as 12.5 with a decimal comma, and
    // "12.500" the other way round; neither is guessed, unless the file shows its points are decimal ones
    : `(${pointGrouped} or regexp_full_match(p.obs_value_in, ${COMMA_GROUPED}))`;
  return `p.obs_value_in is not null and (${grouped}
    or regexp_full_match(p.obs_value_in, ${SPACE_GROUPED}))`;
}

/**
 * SQL: the hint for an OBS_VALUE that is not plain decimal notation, naming the plain form where there is one
 * ("1e3" → 1000, "1_000" → 1000, "+5" → 5).
 */
export function notNumberHint(delimiter: string, isWorkbook = false): string {
  const v = 'p.obs_value_in';
  const plain = `'-?[0-9]+([.,][0-9]+)?'`;
  // Excel's scientific format in a language with a decimal comma writes "1,25E+04": the number is read with a point
  const exponent = `try_cast(replace(${v}, ',', '.') as double)`;
  // typographic quotation marks around a number (a word processor's or Apple Numbers' smart quotes), and a number with
  // its thousands grouped by a space before a unit ("12 500 kg")
  const quotes = '[\\x{201C}\\x{201D}\\x{201E}\\x{00AB}\\x{00BB}\\x{2018}\\x{2019}"]';
  const spaceGrouped = `[1-9][0-9]{0,2}(?:${GROUP_SPACE_CLASS}[0-9]{3})+(?:[.,][0-9]+)?`;
  // the numbers a date may show (a count of days from 1 to 1989's end: a later date is no figure shown as a date)
  const figures = dayNumbers(v, 1, SERIAL_1990 - 1);
  const general = delimiter === ',' ? "'use a point as the decimal separator and no thousands separator'" : "'use digits only, with a decimal comma or point'";
  return `case
      when regexp_full_match(${v}, '[+-]?([0-9]+[.,]?[0-9]*|[.,][0-9]+)[eE][+-]?[0-9]+')
        then 'write the number in full, without an exponent' || if(isfinite(${exponent}) and abs(${exponent}) < 1e15
          and ${exponent} = floor(${exponent}), format(': {}', ct_n(${exponent})), '')
          -- R's write.csv and data.table's fwrite write a round number so ("1e+05") unless told not to
          || if(regexp_full_match(${v}, '[0-9]+(\.[0-9]+)?e[+-][0-9]{2,}'), ' (R writes a round number so: run options(scipen = 999) before write.csv or data.table::fwrite)', '')
          -- readr's write_csv writes a whole number ending in three zeros or more as its digits and an exponent, with
          -- neither point, sign nor padding ("3e3" for 3000, "19e6" for 19000000)
          || if(regexp_full_match(${v}, '[0-9]+e([3-9]|[1-9][0-9]+)'), ' (readr''s write_csv writes a round number so, 3e3 for 3000: write the file with write.csv(x, ..., row.names = FALSE, na = "") after options(scipen = 999))', '')
      when contains(${v}, '_') and regexp_full_match(replace(${v}, '_', ''), ${plain}) then format('write {} (digits only, no underscores)', replace(${v}, '_', ''))
      when starts_with(${v}, '+') and regexp_full_match(substr(${v}, 2), ${plain}) then format('write {} (no plus sign)', substr(${v}, 2))
      -- a program's hexadecimal notation ("0x10"), which the rule below would read as 0 followed by a unit
      when regexp_full_match(trim(${v}), '0[xX][0-9a-fA-F]+')
        then format('write {} in decimal digits: {} is hexadecimal notation, as a program may write a number', coalesce(try_cast(trim(${v}) as bigint)::varchar, 'the figure'), ct_q(trim(${v})))
      -- Stata and Oracle write a number below 1 without its leading zero (".5"; ",5" with a decimal comma, which a
      -- comma-delimited file reads as no number: there the hint writes a point, as "write 0,5" was no number either)
      when regexp_full_match(${v}, '-?[.,][0-9]+')
        then format('write {}, with a digit on both sides of the decimal separator (Stata''s export delimited and Oracle''s conversion of a number to text write a number below 1 so)', regexp_replace(${v}, ${delimiter === ',' ? "'[.,]', '0.'" : "'([.,])', '0\\1'"}))
      when regexp_full_match(${v}, '-?[0-9]+[.,]') then format('write {}, without the decimal separator at its end', rtrim(${v}, '.,'))
      when regexp_full_match(lower(trim(${v})), ${quoteLiteral(MISSING_MARKS)})
        then ${quoteLiteral(MISSING_HINT)}${delimiter === ',' ? `
      -- a decimal comma in a comma-delimited file, quoted: what a spreadsheet set to a language writing one saves
      -- (Google Sheets' download, LibreOffice with "," as the field delimiter); a ';' file reads it
      when regexp_full_match(trim(${v}), '-?[0-9]+,[0-9]+')
        then format(${isWorkbook
          // a workbook's text cell: Excel set to a language with a decimal point keeps "12,5" typed into it as text
          ? "'write {} as a number: the cell holds the text {}, which Excel set to a language with a decimal point does not read as a number: type the number into it with a decimal point'"
          : "'write {}: a comma-delimited file takes a decimal point; a spreadsheet set to a language that writes a decimal comma saves it so: save with \";\" as the field delimiter, which reads a decimal comma, or set the spreadsheet''s locale to one with a decimal point (Google Sheets: File > Settings > Locale)'"}, replace(trim(${v}), ',', '.')${isWorkbook ? `, ct_q(trim(${v}))` : ''})
      -- the same, with the thousands grouped by points ("12.500,00"): the number as the spreadsheet shows it
      when regexp_full_match(trim(${v}), '[1-9][0-9]{0,2}([.][0-9]{3})+,[0-9]+')
        then format(${isWorkbook
          ? "'write {} as a number: the cell holds the text {}, with a decimal comma and its thousands grouped by points, which Excel set to a language with a decimal point does not read as a number: type the number into it with a decimal point and no separator'"
          : "'write {}: a comma-delimited file takes a decimal point and no thousands separator; a spreadsheet set to a language that writes a decimal comma saves the number so, as it shows it: format the column without thousands separators and save with \";\" as the field delimiter, which reads a decimal comma, or set the spreadsheet''s locale to one with a decimal point'"}, replace(replace(trim(${v}), '.', ''), ',', '.')${isWorkbook ? `, ct_q(trim(${v}))` : ''})` : ''}
      -- a figure in a column formatted as dates shows as its day: 120 as 29.04.1900 (a workbook's date cell: 1900-04-29)
      when regexp_full_match(${v}, ${DATE}) and len(${figures}) > 0
        then format('write {} if that is the figure: the column is formatted as a date, which shows the number {} as the day {} (format the column as a number, General, and check the figures: one with decimals shows as the day of its whole part)',
          array_to_string(${figures}, ' or '), array_to_string(${figures}, ' or '), trim(${v}))
      -- a recent date: what a spreadsheet makes of a figure typed where it reads as a day and month ("12.5" in a language
      -- writing a decimal comma, "5/12" in American English)
      when regexp_full_match(${v}, ${DATE}) and try_cast(left(trim(${v}), 10) as date) is not null
        then format('OBS_VALUE holds a count or quantity, not a date: the cell holds the date {}, which a spreadsheet makes of {}.{} or {}/{} typed into a cell in a language writing dates so; format the column as a number (General) and type the figure again',
          left(trim(${v}), 10), day(try_cast(left(trim(${v}), 10) as date)), month(try_cast(left(trim(${v}), 10) as date)),
          month(try_cast(left(trim(${v}), 10) as date)), day(try_cast(left(trim(${v}), 10) as date)))
      when regexp_full_match(${v}, ${DATE})
        then 'OBS_VALUE holds a count or quantity, not a date: format the column as a number (General) and type the figure again (a spreadsheet takes a figure typed with a point or a slash for a day and month in a language writing dates so)'
      when regexp_full_match(${v}, '\\s*-?[0-9]+([.,][0-9]+)?\\s*%\\s*')
        then 'OBS_VALUE holds the count or quantity itself, not a percentage: give the number (the review computes shares and rates)'
      -- a figure as EU states write it for Eurostat, its flag after it ("12 p", "12e", "12 (b)"): eurostat_flags.csv says
      -- what the flags are and where a return gives them ("45 bep": OBS_STATUS B, the others in COMMENT; z, not
      -- applicable: OBS_VALUE empty, OBS_STATUS M); see eurostatFlagHints
      when regexp_full_match(${v}, ${FLAGGED}) and exists (select 1 from vref_eurostat_flag as f where f.flags = ${flagsOf(v)})
        then (select format(f.hint, regexp_extract(${v}, '[0-9]+([.,][0-9]+)?')) from vref_eurostat_flag as f where f.flags = ${flagsOf(v)})
      -- a bound where the figure belongs: "<5" is how a small count is withheld in a published table
      when regexp_full_match(${v}, '\\s*[<>\\x{2264}\\x{2265}]\\s*=?\\s*[0-9]+([.,][0-9]+)?\\s*')
        then 'OBS_VALUE holds the figure itself, not a bound: give the exact figure, with CONF_STATUS C if it must not be published (a small count), or leave OBS_VALUE empty with OBS_STATUS Q (suppressed)'
      when regexp_full_match(${v}, '\\s*[0-9]+([.,][0-9]+)?\\s*\\*+\\s*')
        then format('write {} alone: a footnote mark (*) is no part of the figure; what the footnote says goes in COMMENT', regexp_extract(${v}, '[0-9]+([.,][0-9]+)?'))
      when regexp_full_match(${v}, '\\s*${quotes}\\s*-?[0-9]+([.,][0-9]+)?\\s*${quotes}\\s*')
        then format('write {} alone: the cell holds quotation marks (“ ”), which a word processor or Apple Numbers types as characters of the cell${
          isWorkbook ? ': type the number alone into it' : ', not the quotes CSV puts around a cell'}', regexp_extract(${v}, '-?[0-9]+([.,][0-9]+)?'))
      when regexp_full_match(${v}, '\\s*${spaceGrouped}\\s*\\pL.*')
        then format('write the number alone ("{}"), without a unit, words or thousands separator: each indicator has one unit (see "crimetrends dictionary")',
          regexp_replace(regexp_extract(${v}, '${spaceGrouped}'), ${GROUP_SPACE}, '', 'g'))
      when regexp_full_match(${v}, '\\s*[0-9]+([.,][0-9]+)?\\s*\\pL.*')
        then format('write the number alone ("{}"), without a unit or words: each indicator has one unit (see "crimetrends dictionary")', regexp_extract(${v}, '[0-9]+([.,][0-9]+)?'))
      when regexp_full_match(${v}, '\\s*[\\x{2212}\\x{2013}\\x{2014}]\\s*[0-9]+([.,][0-9]+)?\\s*')
        then 'counts and quantities cannot be negative; a decrease is shown by a smaller value'
      -- what spreadsheets leave in a cell: a formula or text prefix kept as text, an error value, an accounting
      -- format's negative, a currency format, full-width or Arabic-Indic digits, an invisible character from pasted text
      when regexp_full_match(${v}, '=\\s*"(.*)"|''(.*)')
        then format('write {} alone: the cell holds the text of a formula (="…") or of an apostrophe prefix; type the number into a cell formatted as a number',
          regexp_replace(${v}, '^=\\s*"(.*)"$|^''(.*)$', '\\1\\2'))
      -- a formula's text, as LibreOffice's Text CSV saves it with "Save cell formulas instead of calculated values"
      when regexp_full_match(${v}, '\\s*=\\s*[^"\\s].*')
        then ${quoteLiteral(isWorkbook ? 'the cell holds the text of a formula (typed after an apostrophe, or into a cell formatted as Text), not its value: type the figure into the cell' : FORMULA_TEXT_HINT)}
      when starts_with(${v}, '#')
        then format('the cell shows a spreadsheet error ({}): correct the formula, or paste the values; ', ${v}) || ${quoteLiteral(MISSING_HINT)}
      when regexp_full_match(${v}, '\\(\\s*[0-9]+([.,][0-9]+)?\\s*\\)')
        then format('write {} without parentheses: an accounting number format shows a negative number so, and counts and quantities cannot be negative (an estimate is marked with OBS_STATUS E)', regexp_extract(${v}, '[0-9]+([.,][0-9]+)?'))
      when regexp_matches(${v}, '\\p{Sc}')
        then 'write the number alone, without a currency sign: OBS_VALUE is a count or quantity (format the cell as a plain number)'
      ${otherDigitsHint(v)}
      when regexp_matches(${v}, '[\\x{200B}-\\x{200F}\\x{2060}\\x{FEFF}]')
        then 'retype the number: the cell holds an invisible character (shown as \\u…), which text pasted from a web page or a document brings along'
      -- words alone ("twelve", "unknown"), no digit: the separators the general hint speaks of are not the matter
      when regexp_full_match(trim(${v}), '\\pL[\\pL\\s.-]*')
        then 'write the figure in digits: OBS_VALUE holds a number, not words; for a figure that is not available, leave OBS_VALUE empty and set OBS_STATUS to M (missing), L, O or Q (suppressed)'
      else ${general} end`;
}

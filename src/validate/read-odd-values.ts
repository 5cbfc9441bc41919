import { quoteValue } from '../errors.js';
import type { ValidationSession } from './create-session.js';
import { aColumnCode, expectedValue, unknownIssueCode } from './column-words.js';
import { describeMarkSource, isMissingMark } from './missing-marks.js';
import type { CodedColumn, Resolution } from './resolve-codes.js';
import { FORMULA_FAILED, FORMULA_FOUND_NOTHING, SPREADSHEET_ERRORS } from './spreadsheet-errors.js';
import { suggestArea } from './suggest-code.js';

// How resolveValue reads a coded column's values that are no code and no name: a spreadsheet's error value, a
// country code written as a capitalised word, a mark for nothing.

/** The error values a spreadsheet shows for a formula that failed: Excel's (`#N/A`, `#VALUE!`, …) and LibreOffice's (`Err:502`). */
const SPREADSHEET_ERROR = new RegExp(`^${SPREADSHEET_ERRORS}$`, 'i');

/**
 * Returns the error for a spreadsheet's error value in a coded column (`#N/A`: a VLOOKUP or MATCH that found nothing),
 * else undefined. The formula was meant to give a code, so the value is neither read as empty (a status column's
 * default) nor as a mark for nothing (`n/a`, an unknown partner in COUNTERPART_AREA, as it read before).
 */
export function readSpreadsheetError(column: CodedColumn, value: string): Resolution | undefined {
  if (!SPREADSHEET_ERROR.test(value)) return undefined;
  const what = /^#N\/A$/i.test(value) ? FORMULA_FOUND_NOTHING : FORMULA_FAILED;
  const empty = column === 'OBS_STATUS' ? '; for a normal value leave the cell empty (read as A)' : column === 'CONF_STATUS' ? '; for a figure that may be published leave the cell empty (read as F)' : '';
  return {
    code: null,
    issueCode: unknownIssueCode(column),
    message: `expected ${expectedValue(column)}, found ${quoteValue(value)}, a spreadsheet's error value: ${what}; not read as a code or as empty`,
    hint: `correct the formula or its lookup table, or type the code, then save the values (Copy, Paste Special > Values) so that the file holds codes${empty}`,
  };
}

/**
 * Returns the error for a country code outside the region written as a capitalised word (`Est`, `Can`, `Per`: one
 * capital, then small letters) in REF_AREA or COUNTERPART_AREA, else undefined. A code is written in capitals, as the
 * template shows, or all in small letters, as a tool that lower-cases a column writes it (`srb`, `can`: read, with a
 * warning); a capital and then small letters is how a word is written, and many codes are words (Est., estimated; can;
 * per; and; nor). Read as the country, the word would put a partner into a cross-border statistic, so it is not guessed,
 * as alpha-2 codes are read only in capitals (`No`, `It`, `Be`). The region's own states' codes, which focal points
 * write themselves, are read capitalised too (`Srb`, `Rou`, `Arm`: with the usual warning).
 */
export function readCapitalisedWord(session: ValidationSession, column: CodedColumn, value: string): Resolution | undefined {
  if ((column !== 'REF_AREA' && column !== 'COUNTERPART_AREA') || !/^\p{Lu}\p{Ll}+$/u.test(value)) return undefined;
  const code = value.toUpperCase();
  if (!session.countries.isCountryCode(code) || session.codes.REF_AREA.has(code)) return undefined;
  // "Est" is also a label of another column (OBS_STATUS E, estimated): said so, as for any value out of place
  const elsewhere = suggestArea(session, value, column);
  const meant = `write ${code} if that country is meant: codes are written in capitals`;
  return {
    code: null,
    issueCode: unknownIssueCode(column),
    message: `expected ${column === 'REF_AREA' ? 'the ISO 3166-1 alpha-3 code of a state of the region' : 'a COUNTERPART_AREA code'}, found ${quoteValue(value)}, a word (a capital, then small letters), which is the code ${code} only in capitals; not guessed`,
    // in REF_AREA the country is no state of the region either: "write EST" would only give another error
    hint: column === 'REF_AREA' ? (elsewhere.startsWith('looks like') ? elsewhere : 'returns are accepted from the states listed in "crimetrends dictionary"')
      : elsewhere.startsWith('looks like') ? `${elsewhere}; ${meant}` : meant,
  };
}

/** A person's "n/a", "N/A", "n.a.": "not available" or "not applicable" (spaces around it aside). */
export const NOT_AVAILABLE_OR_APPLICABLE = /^\s*(n\/?a|n\.a\.?)\s*$/i;

/**
 * Returns how a mark for nothing (pandas' "nan", "None", "NULL", "n/a", "-": see isMissingMark) reads in a coded
 * column, or undefined for any other value. Never a code by likeness: "nan" is not N (internal use only) in
 * CONF_STATUS, nor Canada in COUNTERPART_AREA. In OBS_STATUS and CONF_STATUS the cell is to be left empty (the
 * defaults A and F); in a dimension the template fills, a code was lost on the way and is not read as the total.
 * "X" in SEX is left to the code list: it is a sex marker on travel documents, not a mark for nothing there.
 */
export function readMissingMark(column: CodedColumn, value: string): Resolution | undefined {
  if (!isMissingMark(value) || (column === 'SEX' && /^x+$/i.test(value))) return undefined;
  const source = describeMarkSource(value);
  const found = `found ${quoteValue(value)}, a mark for nothing`;
  const unknown = (message: string, hint: string): Resolution => ({ code: null, issueCode: unknownIssueCode(column), message, hint });
  switch (column) {
    case 'OBS_STATUS':
      // "n/a" is a person's "not available" or "not applicable": beside no figure it says the figure is missing (O, M),
      // which an empty cell (A) would not; the code list has no status of its own for "not applicable"
      if (NOT_AVAILABLE_OR_APPLICABLE.test(value)) {
        return unknown(
          `expected an OBS_STATUS code or an empty cell, ${found} ("not available" or "not applicable"), which may say that the figure is missing; not read as empty`,
          `leave the cell empty if the figure is given, which reads as A (normal value); if the figure is not available, leave OBS_VALUE empty and write O (missing: not available), or M if it cannot exist (not applicable)`,
        );
      }
      return unknown(`expected an OBS_STATUS code or an empty cell, ${found}`, `leave the cell empty, which reads as A (normal value)${source}`);
    case 'CONF_STATUS':
      return unknown(
        `expected a CONF_STATUS code or an empty cell, ${found}`,
        `leave the cell empty, which reads as F (free: may be published)${source}${
          /^(x+|\*+)$/i.test(value) ? `; if ${quoteValue(value)} marks a figure that must not be published, as some published tables do, write C (confidential)` : ''}`,
      );
    case 'COUNTERPART_AREA':
      return unknown(
        `expected a COUNTERPART_AREA code, ${found}${NOT_AVAILABLE_OR_APPLICABLE.test(value) ? ' ("not available" or "not applicable"), which may say that the partner is unknown (_U) or that there is none (_T); not guessed' : ''}`,
        `for no partner country leave the cell empty (read as _T) or write _T, and _U for an unknown one; else write the country's ISO 3166-1 alpha-3 code${source}`,
      );
    case 'REF_AREA':
      return unknown(`expected the ISO 3166-1 alpha-3 code of a state of the region, ${found}`, `REF_AREA is required on every row: write the reporting state's ISO 3166-1 alpha-3 code${source}`);
    case 'INDICATOR':
      return unknown(`expected a catalogue indicator, ${found}`, `INDICATOR is required on every row: write the code of the indicator the row reports (see "crimetrends dictionary")${source}`);
    default:
      return unknown(
        `expected ${aColumnCode(column)}, ${found}`,
        `write the row's ${column} code (_T for the total, as in the template): a mark for nothing is no code, and is not read as the total${source}`,
      );
  }
}

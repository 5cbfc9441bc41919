import { quoteValue } from '../errors.js';
import { quoteIdent, type SqlValue } from '../store/index.js';
import { isNotGuessedCode } from '../schema/resolve-country.js';
import { FORMULA_TEXT, FORMULA_TEXT_HINT, forWorkbook, lostLettersHint, SHIFTED_CELLS_HINT } from './code-hints.js';
import type { ValidationSession } from './create-session.js';
import type { HeaderMap } from './map-header.js';
import { isProgramMissing, isProgramMissingSql } from './missing-marks.js';
import { isSpreadsheetErrorSql } from './spreadsheet-errors.js';
import { findNumberedColumns, readNumberedCode } from './numbered-codes.js';
import { mistakenPartnerCode, mistakenStateHint, suggest, suggestArea, suggestSex, suggestStatus, YES } from './suggest-code.js';
import { aColumnCode, expectedValue, unknownIssueCode } from './column-words.js';
import { NOT_AVAILABLE_OR_APPLICABLE, readCapitalisedWord, readMissingMark, readSpreadsheetError } from './read-odd-values.js';
import { readInvisible, readLookalikes } from './read-hidden-characters.js';

/** How R's write.csv, readr's write_csv and haven write a missing value (unquoted; na = "NA" by default). */
export const R_MISSING = 'NA';

/** The coded columns whose distinct values are resolved to codes. */
export const CODED_COLUMNS = ['REF_AREA', 'INDICATOR', 'SEX', 'AGE', 'COUNTERPART_AREA', 'BREAKDOWN', 'OBS_STATUS', 'CONF_STATUS'] as const;
export type CodedColumn = (typeof CODED_COLUMNS)[number];

/** How one distinct cell value of a coded column reads. */
export interface Resolution {
  /** The code it stands for (`=REF_AREA` for "Nationals": the reporting state), or null when unknown. */
  code: string | null;
  issueCode: 'NAME_NOT_CODE' | 'CODE_NOT_UPPER_CASE' | 'INVISIBLE_CHARACTER' | 'UNKNOWN_REF_AREA' | 'UNKNOWN_INDICATOR' | 'UNKNOWN_CODE' | 'CODE_OFTEN_MISTAKEN' | null;
  message: string | null;
  hint: string | null;
}

/** How the values of one coded column read: only the values that are not already valid codes are listed. */
export interface ResolvedColumn {
  /** Raw cell value → code (`''` for an empty cell: the default applies; null when unknown). */
  exceptions: Map<string, string | null>;
  /** True when some value raises an issue (a name instead of a code, a code in lower case, an unknown code). */
  hasIssues: boolean;
  /**
   * True when some value that raises an issue still reads as a code (a name, a label, a code in lower case): its rows are not otherwise
   * flagged, so the issue is looked for on every row. An unknown code reads as null, which the prefilter keeps.
   */
  hasResolvedIssues: boolean;
}

/**
 * Returns, per coded column of the loaded file, the values that do not read as themselves, from one pass over the
 * distinct values (only distinct values reach JavaScript, never the rows), and fills the temporary table `<table>`
 * (col, raw, code, issue_code, message, hint) with those values; issue_code is set for the ones that need an issue
 * (names instead of codes, unknown codes). `hasProgramMissing`: some OBS_VALUE, OBS_STATUS, CONF_STATUS or COMMENT cell is
 * a program's missing value, R's NA, pandas' nan or Python's None (see checkProgramMissing); `statusMarks`: the distinct
 * OBS_STATUS and CONF_STATUS cells that hold one, as [column, cell, mark] (" nan": the cell, spaces and all; "nan": the mark).
 * `hasCommentFormulaError`: some COMMENT cell is a spreadsheet's error value (see checkCommentFormulaErrors);
 * `commentQuestioned`: the distinct COMMENT cells holding a question mark, sorted (see isLostLetters).
 */
export async function resolveCodes(
  session: ValidationSession,
  rawTable: string,
  header: HeaderMap,
  table: string,
  isWorkbook = false,
): Promise<{
  columns: Map<CodedColumn, ResolvedColumn>; states: string[]; years: number[]; hasProgramMissing: boolean; hasCommentFormulaError: boolean; commentQuestioned: string[];
  statusMarks: Array<['OBS_STATUS' | 'CONF_STATUS', string, string]>;
}> {
  const { store } = session;
  const present = CODED_COLUMNS.filter((c) => header.index[c] !== undefined);
  await store.run(`create or replace temp table ${quoteIdent(table)} (col varchar, raw varchar, code varchar, issue_code varchar, message varchar, hint varchar)`);
  const out = new Map<CodedColumn, ResolvedColumn>();
  const years = header.index.TIME_PERIOD === undefined ? 'null' : `list(distinct c${header.index.TIME_PERIOD})`;
  // each value travels with a '.' in front: the DuckDB client decodes text with a TextDecoder that drops a leading
  // byte-order mark, so a cell "\uFEFFROU" (two UTF-8 files joined, the second's BOM now starting a line) would reach
  // JavaScript as "ROU", be taken for a valid code and pass through the rows view unmapped, BOM and all
  // whether a cell where a program's missing value (R's NA, pandas' nan, Python's None) may stand for an empty one
  // holds it (see checkProgramMissing): OBS_VALUE and COMMENT in the same pass, OBS_STATUS and CONF_STATUS from their
  // distinct values below (a check of every row's status cells cost as much as the other two together)
  const naCells = (['OBS_VALUE', 'COMMENT'] as const).flatMap((c) => (header.index[c] === undefined ? [] : [isProgramMissingSql(`c${header.index[c]}`)]));
  const hasNa = naCells.length === 0 ? 'false' : `coalesce(bool_or(${naCells.join(' or ')}), false)`;
  // and whether COMMENT holds a spreadsheet's error value (see checkCommentFormulaErrors), in the same pass
  const hasFormulaError = header.index.COMMENT === undefined ? 'false' : `coalesce(bool_or(${isSpreadsheetErrorSql(`c${header.index.COMMENT}`)}), false)`;
  // and the COMMENT cells holding "?" (few, mostly none), in the same pass: whether their letters were lost to
  // question marks is tested in JavaScript (see isLostLetters, isLetterReplaced)
  const comment = header.index.COMMENT === undefined ? undefined : `c${header.index.COMMENT}`;
  const lostLetters = comment === undefined ? 'null' : `list_transform(list(distinct ${comment}) filter (where contains(${comment}, '?')), v -> '.' || v)`;
  type Transported = Record<string, Array<string | null>> & { HAS_NA: boolean; HAS_FORMULA_ERROR: boolean };
  const [{ HAS_NA: hasProgramMissing, HAS_FORMULA_ERROR: hasCommentFormulaError, ...transported }] = (await store.all<Transported>(
    `select ${[...present.map((c) => `list_transform(list(distinct c${header.index[c]}), v -> '.' || v) as ${c}`), `${years} as TIME_PERIOD`, `${hasNa} as HAS_NA`, `${hasFormulaError} as HAS_FORMULA_ERROR`, `${lostLetters} as LOST_LETTERS`].join(', ')} from ${quoteIdent(rawTable)}`,
  )) as [Transported];
  const distinct: Record<string, Array<string | null>> = Object.fromEntries(
    Object.entries(transported).map(([column, values]) => [column, column === 'TIME_PERIOD' ? values : (values ?? []).map((v) => (v === null ? null : v.slice(1)))]),
  );
  const statusMarks = (['OBS_STATUS', 'CONF_STATUS'] as const).flatMap((c) =>
    (distinct[c] ?? []).filter((v): v is string => v !== null && isProgramMissing(v)).sort().map((v): ['OBS_STATUS' | 'CONF_STATUS', string, string] => [c, v, v.trim()]));
  const states = new Set<string>();
  // every value that does not read as itself, with its issue when it raises one: the rows view reads codes from
  // here when a column has too many such values for a CASE, and the UNKNOWN_CODE rule reads the issues
  const mapped: SqlValue[][] = [];
  // a column of numbers alone (1, 2, 3): a categorical variable written without its value labels (Stata, SPSS)
  const numbered = findNumberedColumns(distinct);
  for (const column of present) {
    const exceptions = new Map<string, string | null>();
    let hasIssues = false;
    let hasResolvedIssues = false;
    // a CONF_STATUS column holding a yes (Y, Yes, Да, Evet…) answers "confidential?": its N is the answer no, not the
    // code N (internal use only), and is reported as the yes is (from the distinct values: no pass over the rows)
    const yes = column === 'CONF_STATUS' ? (distinct[column] ?? []).filter((v): v is string => v !== null && YES.test(v.trim())).sort()[0] : undefined;
    for (const raw of distinct[column] ?? []) {
      if (raw === null) continue;
      // an empty cell (code '') takes the column's default
      const isEmpty = raw.trim() === '';
      const resolution = isEmpty ? { code: '', issueCode: null, message: null, hint: null }
        : yes !== undefined && raw.trim().toUpperCase() === 'N' ? answeredNo(raw, yes)
        : numbered.has(column) ? readNumberedCode(column, raw, numbered.get(column)!)
        : resolveValue(session, column, raw, header.hasLabels);
      // a valid code can raise an issue too (a partner's code often written for a state of the region: MAC)
      if (isEmpty || resolution.code !== raw || resolution.issueCode !== null) {
        exceptions.set(raw, resolution.code);
        // a workbook's cell gets the workbook's sentence where a CSV's hint speaks of saving (see code-hints.ts)
        mapped.push([column, raw, resolution.code, resolution.issueCode, resolution.message, isWorkbook ? forWorkbook(column, resolution.hint) : resolution.hint]);
      }
      if (column === 'REF_AREA' && resolution.code) states.add(resolution.code);
      hasIssues ||= resolution.issueCode !== null;
      hasResolvedIssues ||= resolution.issueCode !== null && resolution.code !== null;
    }
    out.set(column, { exceptions, hasIssues, hasResolvedIssues });
  }
  await store.append(table, mapped);
  const yearValues = (distinct.TIME_PERIOD ?? []).map((v) => (v !== null && /^\s*\d{4}\s*$/.test(v) ? Number(v) : NaN)).filter((v) => !Number.isNaN(v));
  const commentQuestioned = (distinct.LOST_LETTERS ?? []).filter((v): v is string => v !== null).sort();
  return { columns: out, states: [...states].sort(), years: yearValues, hasProgramMissing: hasProgramMissing || statusMarks.length > 0, hasCommentFormulaError, commentQuestioned, statusMarks };
}

/**
 * Returns how N (`raw`) reads in a CONF_STATUS column that also holds `yes` (Y, Yes, Да…): the no of a yes or no column
 * asking "confidential?", not the code N (internal use only); no code, an error as the yes is.
 */
function answeredNo(raw: string, yes: string): Resolution {
  return {
    code: null,
    issueCode: unknownIssueCode('CONF_STATUS'),
    message: `expected a CONF_STATUS code, found ${quoteValue(raw)} in a column that also holds ${quoteValue(yes.trim())}: the no of a yes or no, not read as N (internal use only)`,
    hint: `CONF_STATUS takes a code, not a yes or no: write C if the figure is confidential (never published), N if for internal use only, else leave the cell empty, which reads as F (free: may be published); an N answering "confidential?" would keep a free figure from publication`,
  };
}

/** Returns how a value of a coded column reads, spaces around it aside (exported for tests). */
export function resolveValue(session: ValidationSession, column: CodedColumn, value: string, hasLabels = false): Resolution {
  const read = (trimmed: string): Resolution => resolveTrimmed(session, column, trimmed, hasLabels);
  // a cell holding a character that shows as nothing (see readInvisible)
  const invisible = readInvisible(value, read);
  if (invisible !== undefined) return invisible;
  // a name whose letters a code page lacked, lost to question marks when the file was saved ("???????", "?????? ?????????"
  // for Северна Македонија): no mark for nothing, which a short run of "?" was said to be, and no code
  if (/^[?\s]*$/.test(value) && (value.match(/\?/g)?.length ?? 0) >= 3) {
    return {
      code: null,
      issueCode: unknownIssueCode(column),
      message: `expected ${expectedValue(column)}, found ${quoteValue(value)}: letters replaced by question marks, as a program writes letters the file's code page lacks`,
      hint: lostLettersHint(column),
    };
  }
  const resolution = read(value.trim());
  // a code typed with the keyboard set to Cyrillic or Greek, or upper-cased in Turkish (see readLookalikes)
  const lookalike = readLookalikes(value, resolution, read);
  if (lookalike !== undefined) return lookalike;
  // a spreadsheet's formula text (="0703", written to keep leading zeros) or text prefix ('0703) is not read as the code
  // it holds, as a TIME_PERIOD or OBS_VALUE written so is not: the hint names the code to write
  const wrapped = resolution.code === null ? /^\s*(?:=\s*"(.*)"|'(.*))\s*$/s.exec(value) : null;
  if (wrapped !== null) {
    const inner = resolveTrimmed(session, column, (wrapped[1] ?? wrapped[2]!).trim(), hasLabels);
    if (inner.code !== null && !inner.code.startsWith('=') && inner.code !== '') {
      return { ...resolution, hint: `write ${inner.code} alone: the cell holds the text of a formula (="…") or of an apostrophe prefix, not the code` };
    }
  }
  // a formula's text (`=A2`: LibreOffice's Text CSV saving formulas) was "see crimetrends dictionary"
  if (resolution.code === null && FORMULA_TEXT.test(value)) return { ...resolution, hint: FORMULA_TEXT_HINT };
  // a full stop after a code, as in running text ("ROU.", "F."): the hint was the dictionary's, or the valid codes
  const stop = resolution.code === null ? /^(.*?)\s*([.,;:])\s*$/s.exec(value) : null;
  const bare = stop === null ? null : resolveTrimmed(session, column, stop[1]!.trim(), hasLabels).code;
  if (bare && !bare.startsWith('=')) return { ...resolution, hint: `write ${bare}, without the ${{ '.': 'full stop', ',': 'comma', ';': 'semicolon', ':': 'colon' }[stop![2]!]} after it` };
  return resolution;
}

function resolveTrimmed(session: ValidationSession, column: CodedColumn, value: string, hasLabels: boolean): Resolution {
  const ok = (code: string): Resolution => ({ code, issueCode: null, message: null, hint: null });
  if (value === '') return ok('');
  const upper = value.toUpperCase();
  const valid = session.codes[column];
  const formulaError = readSpreadsheetError(column, value);
  if (formulaError !== undefined) return formulaError;
  const word = readCapitalisedWord(session, column, value);
  if (word !== undefined) return word;
  const mistaken = column === 'COUNTERPART_AREA' ? mistakenPartnerCode(session, value) : undefined;
  if (mistaken !== undefined) return { ...mistaken, issueCode: 'CODE_OFTEN_MISTAKEN' };
  // a code in lower or mixed case ("rou", "tip_vic", "f") reads as its upper-case form, so that every later step sees
  // one series; a warning per cell says so (in a file that writes codes in capitals, nothing is looked at row by row)
  if (valid.has(upper)) {
    if (upper === value) return ok(upper);
    // a region's state written as a word ("Arm", "Geo": English words too) is read as the state (see readCapitalisedWord):
    // the message names the state, so that a word meant otherwise is seen to have become a country
    const state = (column === 'REF_AREA' || column === 'COUNTERPART_AREA') && /^\p{Lu}\p{Ll}+$/u.test(value)
      ? session.reference.states.find((s) => s.iso3 === upper)?.name_en : undefined;
    if (state !== undefined) {
      return {
        code: upper,
        issueCode: 'CODE_NOT_UPPER_CASE',
        message: `expected a code in capitals, found ${quoteValue(value)}; read as ${upper} (${state})`,
        hint: `write ${upper}: codes are written in capitals; if ${state} is not meant, the cell holds a word, not a country`,
      };
    }
    return {
      code: upper,
      issueCode: 'CODE_NOT_UPPER_CASE',
      message: `expected a code in capitals, found ${quoteValue(value)}; read as ${upper}`,
      hint: `write ${upper}: codes are written in capitals`,
    };
  }
  // an SDMX-CSV export with labels writes "ROU: Romania": the code before the colon is the value
  const labelled = hasLabels ? /^([^:\s]+): /.exec(value) : null;
  if (labelled !== null) return resolveTrimmed(session, column, labelled[1]!, false);
  const named = (code: string, what: string): Resolution => ({
    code,
    issueCode: 'NAME_NOT_CODE',
    message: `expected a code, found ${quoteValue(value)}; read as ${code === '=REF_AREA' ? 'the reporting state' : code} (${what})`,
    hint: code === '=REF_AREA' ? 'write the reporting state\'s ISO 3166-1 alpha-3 code' : `write ${code}`,
  });

  // R's write.csv and readr write a missing value as NA, pandas after astype(str) as nan, Python's str() None as None:
  // in OBS_STATUS and CONF_STATUS, which the template leaves empty, it is the empty cell the program read (the default
  // applies; NA_AS_EMPTY warns once per column and mark, see checkProgramMissing)
  if ((column === 'OBS_STATUS' || column === 'CONF_STATUS') && isProgramMissing(value)) return ok('');
  // in a dimension the template fills (_T), a missing value is a code lost on the way (a join that found no match):
  // not read as the total
  if ((column === 'SEX' || column === 'AGE' || column === 'BREAKDOWN') && value === R_MISSING) {
    return {
      code: null,
      issueCode: 'UNKNOWN_CODE',
      message: `expected ${aColumnCode(column)}, found "NA", the missing value R writes`,
      hint: `write the row's ${column} code (_T for the total, as in the template): in R, a code left missing (NA) is no code, and is not read as the total`,
    };
  }
  // NA is also Namibia's alpha-2 code: a partner column left empty in R would read as Namibia on every row; not
  // guessed either way (in REF_AREA it read as Namibia, "not a state of the region", for a state's code lost in R)
  if ((column === 'COUNTERPART_AREA' || column === 'REF_AREA') && value === 'NA') {
    return {
      code: null,
      issueCode: unknownIssueCode(column),
      message: 'expected a code, found "NA": Namibia\'s ISO 3166-1 alpha-2 code, or the missing value R writes; not guessed',
      hint: column === 'REF_AREA' ? 'REF_AREA is required on every row: write the reporting state\'s ISO 3166-1 alpha-3 code (in R, a code left missing is written NA)'
        : 'write NAM for Namibia; for no partner country leave the cell empty (read as _T) or write _T, and _U for an unknown one',
    };
  }
  // UNK is Kosovo's code in some lists (world-countries, the UN's) and short for "unknown": a partner read as Kosovo
  // would put an unknown partner into Kosovo's cross-border figures; not guessed either way
  if ((column === 'REF_AREA' || column === 'COUNTERPART_AREA') && isNotGuessedCode(value)) {
    const isPartner = column === 'COUNTERPART_AREA';
    return {
      code: null,
      issueCode: unknownIssueCode(column),
      message: `expected a code, found ${quoteValue(value)}: Kosovo's code in some lists, or short for unknown; not guessed`,
      hint: isPartner ? 'write XKX for Kosovo, and _U for an unknown partner country' : 'write XKX for Kosovo (its ISO 3166-1 alpha-3 code here)',
    };
  }
  if (column === 'REF_AREA' || column === 'COUNTERPART_AREA') {
    const match = session.countries.resolve(value);
    if (match !== undefined) {
      if (match.kind === 'nationals') return column === 'COUNTERPART_AREA' ? named('=REF_AREA', 'own nationals') : unknownArea(session, value);
      // "n/a" is "not available" as much as "not applicable": an unknown partner (_U) or none (the total, _T); not
      // guessed (it read as _U, with a warning: a total row written so became a part, unknown partner)
      if (match.kind === 'unknown' && column === 'COUNTERPART_AREA' && NOT_AVAILABLE_OR_APPLICABLE.test(value)) return readMissingMark(column, value)!;
      if (match.kind === 'unknown') return column === 'COUNTERPART_AREA' ? named('_U', 'unknown') : unknownArea(session, value);
      if (valid.has(match.iso3)) return named(match.iso3, match.kind === 'code' ? `${value} is not the ISO 3166-1 alpha-3 code` : `a ${match.kind}`);
      if (column === 'REF_AREA') {
        return {
          code: null,
          issueCode: 'UNKNOWN_REF_AREA',
          message: `expected a state of the region, found ${quoteValue(value)}${match.iso3 === upper ? '' : ` (${match.iso3})`}, which is not one`,
          hint: mistakenStateHint(value) ?? 'returns are accepted from the states listed in "crimetrends dictionary"',
        };
      }
    }
    // a registry's export may code countries by ISO 3166-1 numeric ("642"): named in the hint, never read as the code (a
    // number in the column may as well be a shifted cell)
    const numeric = /^\d{3}$/.test(value) ? session.countries.numericToAlpha3(value) : undefined;
    if (numeric !== undefined && valid.has(numeric)) {
      return {
        code: null,
        issueCode: unknownIssueCode(column),
        message: `expected an ISO 3166-1 alpha-3 code, found ${quoteValue(value)}, the ISO 3166-1 numeric code of ${numeric}`,
        hint: `write ${numeric}: countries are coded by their alpha-3 code`,
      };
    }
    const candidates = session.countries.candidates(value);
    if (match === undefined && candidates.length > 1) {
      return {
        code: null,
        issueCode: unknownIssueCode(column),
        message: `expected a code, found ${quoteValue(value)}, a name several countries share (${candidates.join(', ')}); not guessed`,
        hint: `write the ISO 3166-1 alpha-3 code of the country meant: ${candidates.slice(0, -1).join(', ')} or ${candidates.at(-1)!}`,
      };
    }
  }
  const label = session.labels[column]?.get(value.toLowerCase());
  if (label !== undefined) return named(label, 'a label');
  const nothing = readMissingMark(column, value);
  if (nothing !== undefined) return nothing;
  if (column === 'REF_AREA') return unknownArea(session, value);
  // "12,5" in a comma-delimited file is two cells: OBS_VALUE 12 and, in the next column, 5
  if (column === 'OBS_STATUS' && /^\d+$/.test(value)) {
    return {
      code: null,
      issueCode: 'UNKNOWN_CODE',
      message: `expected an OBS_STATUS code, found the number ${quoteValue(value)}: the row's cells are shifted`,
      hint: SHIFTED_CELLS_HINT,
    };
  }
  return {
    code: null,
    issueCode: unknownIssueCode(column),
    message: `expected ${expectedValue(column)}, found ${quoteValue(value)}`,
    hint: column === 'COUNTERPART_AREA' ? suggestArea(session, value, column)
      : ((column === 'OBS_STATUS' || column === 'CONF_STATUS') && suggestStatus(session, value, column)) || (column === 'SEX' && suggestSex(value))
        || suggest(upper, [...valid], column, session.labels[column]),
  };
}

function unknownArea(session: ValidationSession, value: string): Resolution {
  const nothing = readMissingMark('REF_AREA', value);
  if (nothing !== undefined) return nothing;
  return {
    code: null,
    issueCode: 'UNKNOWN_REF_AREA',
    message: `expected the ISO 3166-1 alpha-3 code of a state of the region, found ${quoteValue(value)}`,
    hint: suggestArea(session, value, 'REF_AREA'),
  };
}

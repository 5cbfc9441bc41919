import { quoteLiteral } from '../store/index.js';
import type { DimensionLists } from './create-session.js';
import type { IssueCodeName } from './issue-codes.js';

/** What the SQL rules need to know about the file and the checks asked for. */
export interface RuleContext {
  /** The rows table (see buildRows), read as `p`. */
  rows: string;
  /** The code resolution table (see resolveCodes). */
  map: string;
  /** Header cells, in order (for naming the first missing cell). */
  header: string[];
  delimiter: string;
  /**
   * True for a return sent as a workbook (.xlsx): its cells are Excel's, never saved as text, so a hint about a value
   * speaks of the cell (a number held as text) where a CSV's speaks of how the file was saved (its delimiter, a number
   * format saved as shown). The rules are the same; only the sentence is chosen by this.
   */
  isWorkbook: boolean;
  state: string | undefined;
  year: number | undefined;
  /** True when several states in one file are expected (an SDMX-CSV export). */
  isMultiState: boolean;
  /** The catalogue's dimension lists (see createSession). */
  dimensions: DimensionLists;
  /** Coded columns holding values that raise an issue (names, unknown codes): see resolveCodes. */
  columnsWithIssues: string[];
  /** Of those, the columns where a value with an issue still reads as a code (so its rows are not flagged). */
  columnsWithResolvedIssues: string[];
  /** The raw table, its line expression and join (for the cell count of short rows). */
  raw: string;
  line: string;
  lineJoin: string;
  /** Latest plausible TIME_PERIOD (the current year). */
  maxYear: number;
  /** Relation holding earlier values (`observation_current` or an attached warehouse's), or undefined. */
  previous: string | undefined;
  /** The states the REF_AREA cells read as (see resolveCodes). */
  states: readonly string[];
  changeWarning: { percent: number; units: number };
}

/** A rule: its code and a query over `p` returning (line, column, value, message, hint). */
export interface Rule {
  code: IssueCodeName;
  sql: (ctx: RuleContext) => string;
  /** True when the query returns a sixth column `code` (one rule reporting several codes). */
  hasCodeColumn?: boolean;
  /**
   * Gates: cheap SQL (no regular expression, no message) that holds whenever the rule can report anything. They are
   * evaluated for all the rules in one statement, and a rule whose gate fails is not planned at all: planning, not
   * reading, is what the rules cost on a small file (about 0.1 s a file for all of them). `gate` is a scalar
   * condition; `rowGate` a condition on a row of `p`, which some row must meet.
   */
  gate?: (ctx: RuleContext) => string;
  rowGate?: (ctx: RuleContext) => string;
}

/** Rows that hold a full record: not blank, not short of cells. */
export const CHECKED = 'not p.is_blank and not p.is_short';
/** Returns codes as a DuckDB list of text (`['M', 'L']`), for list_contains: DuckDB plans an IN list as a join. */
export const sqlList = (codes: readonly string[]): string => `[${codes.map(quoteLiteral).join(', ')}]::varchar[]`;
/** The OBS_STATUS codes of a missing figure. */
export const MISSING_CODES = ['M', 'L', 'O', 'Q'] as const;
/** The OBS_STATUS codes of a missing figure (M, L, O, Q), as an SQL IN list. */
export const MISSING = `(${MISSING_CODES.map(quoteLiteral).join(', ')})`;
/** The value's shape is checked unless OBS_STATUS says it is missing (an unknown status, read as null, does not). */
export const NOT_MISSING_STATUS = `coalesce(p.obs_status, '') not in ${MISSING}`;
/** SDMX-CSV actions a return may carry (an empty ACTION is I). */
export const ACTION_CODES = ['I', 'R', 'M'] as const;
/** {@link ACTION_CODES} as an SQL IN list. */
export const ACTIONS = `(${ACTION_CODES.map(quoteLiteral).join(', ')})`;

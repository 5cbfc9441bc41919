import type { CsvRead } from '../io/csv-read.js';
import type { Issue } from '../schema/issue.js';
import { quoteIdent, quoteLiteral, valuesInForceAfter } from '../store/index.js';
import type { ValidationSession } from './create-session.js';
import { mapHeader } from './map-header.js';
import { resolveCodes } from './resolve-codes.js';
import { buildRows, typedCells, typedCopy } from './build-rows.js';
import { checkCommentFormulaErrors } from './check-comment-formula-errors.js';
import { checkCommentLetterReplaced, checkCommentLostLetters, isLetterReplaced, isLostLetters } from './lost-letters.js';
import { checkProgramMissing } from './check-program-missing.js';
import { checkUnnamedColumns } from './check-unnamed-columns.js';
import { ROW_RULES } from './row-rules.js';
import { NOT_OBSERVATION_CODES } from './not-observation-rows.js';
import { prefilter } from './row-prefilter.js';
import { canSplitValue, checkSplitValue } from './check-split-value.js';
import { checkConfStatusColumns, unreadColumnsWithoutConfStatus } from './check-status-columns.js';
import { isDataAboveHeader, locateHeaderBelow } from './locate-header-below.js';
import type { Rule, RuleContext } from './rule-context.js';
import { RETURN_STATE_SHARE, SERIES_RULES, findDuplicates, groupsSql } from './series-rules.js';
import { checkSwallowedLines, pointAtCellLines, preambleIssues } from './physical-lines.js';
import { locateInSheet, movedLines, readReturn, type WorkbookPlace } from './read-return.js';

const EMPTY_HINT = 'fill in the template before sending it';

export interface ValidateFileOptions {
  /** How the file is named in issues. */
  displayName: string;
  /** The state every row must report (`--state`). */
  state?: string | undefined;
  /** The reporting year: no TIME_PERIOD may be later (`--year`). */
  year?: number | undefined;
  /** Relation with earlier values for the year-on-year check (`observation_current`), or undefined to skip it. */
  previous?: string | undefined;
  /**
   * The warehouse the year-on-year check compares with (`schema`: '' for the store's own tables, `wh.` for one attached)
   * and how this file would be received there: the check then reads the values in force once the file is in, without
   * the rows of the returns it would supersede (see valuesInForceAfter), instead of `previous`.
   */
  compareWith?: { schema: string; receivedAt: string; fileName: string; sha256: string } | undefined;
  /** The current time: the latest plausible TIME_PERIOD is its year. */
  now: Date;
  changeWarning: { percent: number; units: number };
  /** Plan every rule, whatever its gate says (see Rule.gate): the tests compare the issues both ways. */
  isUngated?: boolean;
}

/** The outcome of validating one file. Its rows and issues stay in temporary tables until {@link dropValidation}. */
export interface FileValidation {
  file: string;
  sizeBytes: number;
  encoding: string;
  delimiter: string;
  /** The declared state, else the single state the rows report, or the one that reports nearly all (RETURN_STATE_SHARE) of them, else null. */
  state: string | null;
  /** The states the rows report, in the order of their first row (several: the file is no one state's return). */
  states: string[];
  /** The declared year, else the latest TIME_PERIOD, else null. */
  year: number | null;
  /** Data records after the header, empty lines and rows of empty cells (`,,,,`: BLANK_ROW) excluded. */
  rows: number;
  /** Records without errors (blank rows excluded). */
  accepted: number;
  errors: number;
  warnings: number;
  /** Temporary view of typed rows (see buildRows) over the raw table; empty when the header was unusable. */
  rowsTable: string;
  /** Temporary tables behind the rows view, dropped with it. */
  tables: string[];
  /** Temporary table of issues: code, severity, file, line, column, value, message, hint. */
  issuesTable: string;
  /**
   * The sheet a return sent as a workbook was read from (issues' lines are its rows), with the header's cells that
   * name each column's letter; null for a CSV.
   */
  workbook: (WorkbookPlace & { header: string[] }) | null;
}

/**
 * Returns the validation of one return: every physical line ends as a row (accepted or with errors) or an issue.
 * Never writes outside temporary tables; the same function serves `validate` and `ingest`.
 */
export async function validateFile(session: ValidationSession, path: string, options: ValidateFileOptions): Promise<FileValidation> {
  const { store } = session;
  const prefix = session.nextTable();
  const names = {
    raw: `${prefix}_raw`, map: `${prefix}_map`, rows: `${prefix}_rows`, flagged: `${prefix}_flagged`, issues: `${prefix}_issues`, previous: `${prefix}_previous`,
  };
  await store.run(`create or replace temp table ${quoteIdent(names.issues)} (code varchar, severity varchar, file varchar, line integer,
    "column" varchar, value varchar, message varchar, hint varchar)`);

  // a workbook's return is read as the CSV text of its sheet, a line per row (see readReturn)
  const { read, workbook } = await readReturn(store, path, {
    table: names.raw,
    displayName: options.displayName,
    recognise: { isHeader: (cells) => mapHeader(cells, '', 1).isUsable, isData: isDataAboveHeader },
    computed: (cells, delimiter) => typedCells(mapHeader(cells, '', 1), delimiter),
  });
  const issues: Issue[] = [...preambleIssues(read, options.displayName, workbook !== undefined), ...read.issues];
  const header = read.header.length > 0 ? mapHeader(read.header, options.displayName, read.headerLine, workbook !== undefined) : undefined;
  if (header) issues.push(...header.issues);
  // a header among the data (a sort that took the header row in) is named where it stands
  const missing = issues.find((i) => i.code === 'HEADER_MISSING');
  const below = missing === undefined || read.rowCount === 0 ? undefined : await locateHeaderBelow(session, read);
  if (missing !== undefined && below !== undefined) {
    missing.message = `expected the column names (REF_AREA, TIME_PERIOD, INDICATOR, …) on the first line, found data: the header row is on line ${below.line}, below ${below.above} line${below.above === 1 ? '' : 's'} of data (a sort that took the header row in among the data)`;
    missing.hint = `move line ${below.line} to the top of the file (in a spreadsheet, sort with "My data has headers" ticked, which keeps the header row first)`;
  }
  if (read.rowCount + read.recordCount === 0 && read.header.length > 0 && !issues.some((i) => i.code === 'EMPTY_FILE')) {
    issues.push({ code: 'EMPTY_FILE', severity: 'error', file: options.displayName, line: read.headerLine, column: null, value: null,
      message: 'expected data rows after the header, found none', hint: EMPTY_HINT });
  }
  await store.append(names.issues, issues.map((i) => [i.code, i.severity, i.file, i.line, i.column, i.value, i.message, i.hint]));

  const isReadable = header !== undefined && header.isUsable && read.rowCount > 0;
  const summary: { states: string[]; latestYear: number | null; isMultiState: boolean } = { states: [], latestYear: null, isMultiState: false };
  let owner: ReturnOwner | undefined;
  if (isReadable) {
    await checkUnnamedColumns(session, read, header, names.issues, options.displayName, workbook !== undefined);
    await checkSwallowedLines(session, read, names.issues, options.displayName);
    await checkImportedRows(session, read, names.issues, options.displayName);
    if (canSplitValue(read, header, workbook !== undefined)) await checkSplitValue(session, read, header, names.issues, options.displayName);
    const unread = unreadColumnsWithoutConfStatus(read, header);
    if (unread.length > 0) await checkConfStatusColumns(session, read, unread, names.issues, options.displayName);
    const { columns: resolved, states, years, hasProgramMissing, hasCommentFormulaError, commentQuestioned, statusMarks } = await resolveCodes(session, names.raw, header, names.map, workbook !== undefined);
    const commentLostLetters = commentQuestioned.filter(isLostLetters);
    summary.states = states;
    summary.isMultiState = header.isSdmx;
    summary.latestYear = years.filter((y) => y >= 1990 && y <= options.now.getUTCFullYear()).reduce<number | null>((a, b) => (a === null || b > a ? b : a), null);
    await buildRows(store, read, header, resolved, commentLostLetters, names.map, names.rows);
    if (hasProgramMissing) await checkProgramMissing(session, read, header, statusMarks, names.rows, names.issues, options.displayName, workbook !== undefined);
    if (hasCommentFormulaError) await checkCommentFormulaErrors(session, read, header.index.COMMENT!, names.issues, options.displayName);
    if (commentLostLetters.length > 0) await checkCommentLostLetters(session, read, header.index.COMMENT!, commentLostLetters, names.issues, options.displayName, workbook !== undefined);
    const replaced = commentQuestioned.filter(isLetterReplaced);
    if (replaced.length > 0) await checkCommentLetterReplaced(session, read, header.index.COMMENT!, replaced, names.issues, options.displayName, workbook !== undefined);
    // rows of empty cells only (Excel's blank rows under a header) are no more data than none at all
    await store.run(
      `insert into ${quoteIdent(names.issues)}
       select 'EMPTY_FILE', 'error', $file, $line, null, null, 'expected data rows after the header, found only empty rows', $hint
       where not exists (select 1 from ${quoteIdent(names.rows)} where not is_blank)`,
      { file: options.displayName, line: read.headerLine, hint: EMPTY_HINT },
    );
    owner = await ownerOf(session, names.rows, summary, options);
    const ctx: RuleContext = {
      rows: quoteIdent(names.rows).slice(1, -1),
      raw: quoteIdent(names.raw),
      line: read.line.expression,
      lineJoin: read.line.join,
      map: quoteIdent(names.map),
      header: read.header,
      delimiter: read.delimiter,
      isWorkbook: workbook !== undefined,
      state: options.state,
      year: options.year,
      isMultiState: header.isSdmx,
      dimensions: session.dimensions,
      columnsWithIssues: [...resolved].filter(([, column]) => column.hasIssues).map(([name]) => name),
      columnsWithResolvedIssues: [...resolved].filter(([, column]) => column.hasResolvedIssues).map(([name]) => name),
      maxYear: options.now.getUTCFullYear(),
      previous: await previousValues(session, options, owner, names.previous),
      changeWarning: options.changeWarning,
      states,
    };
    // row rules read only the rows one pass of the prefilter kept; series rules read every row
    // (first the ids, which computes only the columns the filter reads; then those rows whole)
    await store.run(`create or replace temp table ${quoteIdent(names.flagged)} as
      select p.* from ${quoteIdent(names.rows)} as p where ${prefilter(ctx)};
      create or replace temp view p as select * from ${quoteIdent(names.flagged)}`);
    // every row rule reads the kept rows, bar a column where a name reads as a code (all its rows are read): with no
    // row kept and no such column, none can report, and planning them (about 0.1 s) is what a clean file is spared
    const [kept] = await store.all<{ n: number }>(`select count(*)::integer as n from ${quoteIdent(names.flagged)}`);
    if (kept!.n > 0 || ctx.columnsWithResolvedIssues.length > 0) await runRules(session, ROW_RULES, ctx, names.issues, options);
    // a repeated header, a total row or a row of descriptions is one issue, not a cascade of unknown codes and empty
    // cells (series rules never see such a row: its REF_AREA or INDICATOR is unreadable); where a row is two of them
    // (a header row also reads as descriptions), the first in NOT_OBSERVATION_CODES is the one
    const codes = `[${NOT_OBSERVATION_CODES.map(quoteLiteral).join(', ')}]`;
    await store.run(
      `delete from ${quoteIdent(names.issues)} as i
       where i.line in (select line from ${quoteIdent(names.issues)} where list_contains(${codes}, code))
         and (not list_contains(${codes}, i.code) or exists (select 1 from ${quoteIdent(names.issues)} as o
           where o.line = i.line and list_contains(${codes}, o.code) and list_position(${codes}, o.code) < list_position(${codes}, i.code)))`,
    );
    // a figure refused as written ("12.500" kg: 12500 or 12.5, never guessed) is no figure to add up or compare: a
    // breakdown's sum or a year's change read from one reading of it said what the rule refused to say; a file with no
    // such figure reads its rows as they are (the look-up cost every row of a clean million-row return 0.2 s of CPU)
    const refused = `select line from ${quoteIdent(names.issues)} where severity = 'error' and "column" = 'OBS_VALUE'`;
    const [hasRefused] = await store.all<{ n: number }>(`select count(*)::integer as n from (${refused} limit 1)`);
    await store.run(hasRefused!.n === 0 ? `create or replace temp view p as select * from ${quoteIdent(names.rows)}`
      : `create or replace temp view p as select * replace (if(line in (${refused}), null, obs_value) as obs_value) from ${quoteIdent(names.rows)}`);
    await store.run(groupsSql(ctx.rows));
    await findDuplicates(store, ctx.rows);
    await runRules(session, SERIES_RULES, ctx, names.issues, options);
    // a record a quote left open ran into is that one error: its cells are the swallowed rows' text, and what the
    // rules say of them (too few cells, a value that is no number) is a consequence
    await store.run(
      `delete from ${quoteIdent(names.issues)}
       where code <> 'QUOTE_SWALLOWED_LINES' and line in (select line from ${quoteIdent(names.issues)} where code = 'QUOTE_SWALLOWED_LINES')`,
    );
  } else {
    await store.run(`create or replace temp view ${quoteIdent(names.rows)} as select null::integer as line, false as is_blank where false`);
  }
  const validation = await summarize(session, read, names, options, isReadable, owner ?? (await ownerOf(session, names.rows, summary, options)));
  // after the count of accepted rows, which matches issues to rows by the line where each record starts
  if (isReadable) await pointAtCellLines(session, read, header, names.issues);
  if (workbook !== undefined) await toSheetRows(session, workbook, names.issues);
  return { ...validation, workbook: workbook === undefined ? null : { ...workbook, header: read.header } };
}

/**
 * Gives each issue of a workbook's return the sheet row of its line, where a cell's line break moved the lines below it
 * (see WorkbookPlace.lineRows): the location the user finds in Excel.
 */
async function toSheetRows(session: ValidationSession, workbook: WorkbookPlace, issuesTable: string): Promise<void> {
  const moved = movedLines(workbook);
  if (moved !== undefined) await session.store.run(`update ${quoteIdent(issuesTable)} as i set line = m.row from ${moved} where i.line = m.line`);
}

/**
 * Runs the rules whose gate holds (see Rule.gate; all of them with `isUngated`) as one statement (one plan, one pass of
 * DuckDB's scheduler), appending what they find to the issues.
 */
async function runRules(session: ValidationSession, rules: readonly Rule[], ctx: RuleContext, issuesTable: string, options: ValidateFileOptions): Promise<void> {
  const closed = new Set<Rule>();
  const rowGated = options.isUngated ? [] : rules.filter((rule) => rule.rowGate !== undefined);
  const gated = options.isUngated ? [] : rules.filter((rule) => rule.gate !== undefined);
  if (rowGated.length + gated.length > 0) {
    // one pass over p for the row gates (bool_or of no row is null: failed too), then the scalar ones
    const rowGates = `(select ${rowGated.map((rule, i) => `bool_or(${rule.rowGate!(ctx)}) as r${i}`).join(', ')} from p) as gates`;
    const [open] = await session.store.all<Record<string, boolean | null>>(
      `select ${[...rowGated.map((_, i) => `gates.r${i}`), ...gated.map((rule, i) => `(${rule.gate!(ctx)}) as s${i}`)].join(', ')}
       ${rowGated.length > 0 ? `from ${rowGates}` : ''}`,
    );
    rowGated.forEach((rule, i) => open![`r${i}`] !== true && closed.add(rule));
    gated.forEach((rule, i) => open![`s${i}`] !== true && closed.add(rule));
  }
  const selects = rules.filter((rule) => !closed.has(rule)).map((rule) =>
    rule.hasCodeColumn
      ? `select line, "column", value, message, hint, code from (${rule.sql(ctx)})`
      : `select line, "column", value, message, hint, '${rule.code}' as code from (${rule.sql(ctx)})`,
  );
  if (selects.length === 0) return;
  await session.store.run(
    `insert into ${quoteIdent(issuesTable)}
     select r.code, c.severity, $file, r.line, r."column", r.value, r.message, r.hint
     from (${selects.join('\n union all\n')}) as r inner join vref_issue_code as c on c.code = r.code`,
    { file: options.displayName },
  );
}

/**
 * A crimetrends `export --format csv` holds imported figures beside the returns' (its SOURCE column: UNODC, EUROSTAT),
 * and offered as a return it would make them a state's own figures (compare would then set UNODC against itself): each
 * row whose SOURCE names another source than RETURN is an error.
 */
async function checkImportedRows(session: ValidationSession, read: CsvRead, issuesTable: string, file: string): Promise<void> {
  const position = read.header.findIndex((cell) => cell.trim().toUpperCase() === 'SOURCE');
  if (position < 0) return;
  await session.store.run(
    `insert into ${quoteIdent(issuesTable)}
     select 'IMPORTED_ROW', 'error', $file, line, $column, source,
       format('expected a figure of the state''s own, found a row a crimetrends export marks as imported (SOURCE "{}"): a return may not carry it', source),
       'delete the rows whose SOURCE is not RETURN, or export with --format sdmx-csv, which leaves imported figures out'
     from (select ${read.line.expression} as line, trim(r.c${position}) as source from ${quoteIdent(read.table)} as r ${read.line.join})
     where source <> '' and upper(source) <> 'RETURN'`,
    { file, column: read.header[position]!.trim() },
  );
}

/** Which state's return of which year a file is (FileValidation.state, .states, .year). */
interface ReturnOwner {
  state: string | null;
  states: string[];
  year: number | null;
}

/**
 * Returns the state and year of the file (see FileValidation.state and .year): known before the series rules run, so
 * that the year-on-year check compares with what the file's own state and year would have in force.
 */
async function ownerOf(
  session: ValidationSession,
  rowsTable: string,
  summary: { states: string[]; latestYear: number | null; isMultiState: boolean },
  options: ValidateFileOptions,
): Promise<ReturnOwner> {
  // several states (rare): in the order of their first row, as REF_AREA_MIXED names them; a file nearly all of whose
  // rows are one state's (RETURN_STATE_SHARE, a mistyped REF_AREA) is that state's return, an SDMX-CSV export never
  const counted = summary.states.length < 2
    ? summary.states.map((ref_area) => ({ ref_area, n: 0 }))
    : await session.store.all<{ ref_area: string; n: number }>(
      `select ref_area, count(*)::integer as n from ${quoteIdent(rowsTable)} where ref_area is not null group by ref_area order by min(line), ref_area`,
    );
  const states = counted.map((r) => r.ref_area);
  const total = counted.reduce((sum, r) => sum + r.n, 0);
  const main = summary.isMultiState ? undefined : counted.find((r) => r.n >= RETURN_STATE_SHARE * total);
  const state = options.state ?? (states.length === 1 ? states[0]! : (main?.ref_area ?? null));
  const year = options.year ?? summary.latestYear;
  return { state, states, year };
}

/**
 * Returns the relation the year-on-year check reads the year before from: with `compareWith`, the values in force once
 * this file is in, as its state's and year's return (a resend's rows replace the return it supersedes, a revision of
 * last year only that return held included); else `previous`. A file that will be rejected is compared as it would be
 * once corrected and accepted.
 */
async function previousValues(session: ValidationSession, options: ValidateFileOptions, owner: ReturnOwner, table: string): Promise<string | undefined> {
  const given = options.compareWith;
  if (given === undefined) return options.previous;
  const offered = owner.state === null || owner.year === null
    ? null
    : { state: owner.state, year: owner.year, receivedAt: given.receivedAt, fileName: given.fileName, sha256: given.sha256 };
  return valuesInForceAfter(session.store, offered, owner.states, quoteIdent(table), given.schema);
}

async function summarize(
  session: ValidationSession,
  read: CsvRead,
  names: { raw: string; map: string; rows: string; flagged: string; issues: string; previous: string },
  options: ValidateFileOptions,
  isReadable: boolean,
  owner: ReturnOwner,
): Promise<Omit<FileValidation, 'workbook'>> {
  const { store } = session;
  const [counts] = await store.all<{ errors: number; warnings: number; file_errors: number }>(
    `select count(*) filter (where severity = 'error')::integer as errors, count(*) filter (where severity = 'warning')::integer as warnings,
       count(*) filter (where severity = 'error' and line is null)::integer as file_errors
     from ${quoteIdent(names.issues)}`,
  );
  // the rows read, less rows of empty cells (",,,,", each a BLANK_ROW warning), as an empty line is not counted either
  const [blank] = await store.all<{ n: number }>(`select count(*)::integer as n from ${quoteIdent(names.rows)} where is_blank`);
  let accepted = 0;
  if (isReadable && counts!.file_errors === 0) {
    // only the line of each row is computed here (cheap): rows with an error or blank are not accepted
    const [row] = await store.all<{ accepted: number }>(
      `select count(*)::integer as accepted from ${quoteIdent(names.rows)}
       where line not in (select line from ${quoteIdent(names.issues)} where (severity = 'error' or code = 'BLANK_ROW') and line is not null)`,
    );
    accepted = row!.accepted;
  }
  const { state, states, year } = owner;
  return {
    file: options.displayName,
    sizeBytes: read.scan.sizeBytes,
    encoding: read.encoding,
    delimiter: read.delimiter,
    state,
    states,
    year,
    rows: read.recordCount - blank!.n,
    accepted,
    errors: counts!.errors,
    warnings: counts!.warnings,
    rowsTable: names.rows,
    issuesTable: names.issues,
    tables: [names.previous, names.flagged, typedCopy(names.rows), `${names.rows}_groups`, `${names.rows}_affected`, `${names.rows}_affected_rows`, names.raw, `${names.raw}_lines`, `${names.raw}_rejects`, `${names.raw}_scans`, names.map, `${names.rows}_dup`],
  };
}

/** The reading order of a file's issues: line, then column as in the return format, then code. */
export const ISSUE_ORDER = "line nulls first, list_position(['REF_AREA','TIME_PERIOD','INDICATOR','SEX','AGE','COUNTERPART_AREA','BREAKDOWN','OBS_VALUE','OBS_STATUS','CONF_STATUS','COMMENT'], \"column\") nulls first, code, \"column\", message";

/** Returns every issue of a validated file in reading order ({@link ISSUE_ORDER}); human output reads `readShownIssues`. */
export async function readIssues(session: ValidationSession, validation: Pick<FileValidation, 'issuesTable' | 'workbook'>): Promise<Issue[]> {
  const issues = await session.store.all<Issue>(`select code, severity, file, line, "column", value, message, hint from ${quoteIdent(validation.issuesTable)} order by ${ISSUE_ORDER}`);
  return locateInSheet(issues, validation.workbook);
}

/** Returns the number of issues per code (to say "and 35 more"). */
export async function countIssues(session: ValidationSession, validation: FileValidation): Promise<Map<string, number>> {
  const rows = await session.store.all<{ code: string; n: number }>(`select code, count(*)::integer as n from ${quoteIdent(validation.issuesTable)} group by code`);
  return new Map(rows.map((r) => [r.code, r.n]));
}

/** Drops a validated file's temporary tables. */
export async function dropValidation(session: ValidationSession, validation: FileValidation): Promise<void> {
  const drops = [`drop view if exists p`, `drop view if exists p_dup`, `drop view if exists p_groups`, `drop view if exists ${quoteIdent(validation.rowsTable)}`,
    ...[validation.issuesTable, ...validation.tables].map((t) => `drop table if exists ${quoteIdent(t)}`)];
  await session.store.run(drops.join(';\n'));
}

import { formatIssue } from '../errors.js';
import { ALIKE_RUN, type Issue, type IssueEntry } from '../schema/issue.js';
import { paint } from './output.js';

/** Issues shown per rule in human output; the rest are counted. */
export const SHOWN_PER_RULE = 20;

/**
 * Returns the human report of one file's issues: grouped by severity, in reading order, each shown with its hint and
 * the rest of each rule counted. Consecutive lines reported alike are one entry naming the range of lines and how many
 * lines it stands for. `entries` are those `readShownIssues` gives (at most {@link SHOWN_PER_RULE} per rule, a range
 * never cut by that cap), or plain issues, grouped here (`--json` keeps an issue per line).
 */
export function formatIssues(entries: readonly (Issue | IssueEntry)[], counts: ReadonlyMap<string, number>, useColour: boolean): string {
  const { red, yellow, dim } = paint(useColour);
  const lines: string[] = [];
  const shown = new Map<string, number>();
  for (const entry of entries.every(isEntry) ? entries : toEntries(entries)) {
    const { through: last, alike, ...issue } = entry;
    shown.set(issue.code, (shown.get(issue.code) ?? 0) + alike);
    const label = issue.severity === 'error' ? red('error  ') : yellow('warning');
    // a column without a name is called "column 7" already: shown as "column 7", not "column column 7"
    const column = issue.column?.startsWith('column ') ? issue.column.slice('column '.length) : issue.column;
    if (issue.sheet !== undefined) lines.push(`  ${label} ${formatSheetIssue({ ...issue, column }, last)}${typeof last === 'number' && typeof issue.line === 'number' && last !== issue.line ? ` (${formatCount(last - issue.line + 1)} rows alike)` : ''}`);
    else if (typeof issue.line !== 'number' || typeof last !== 'number' || last === issue.line) lines.push(`  ${label} ${formatIssue({ ...issue, column })}`);
    else {
      // lines 2 to 25 alike (a state outside the region on every row): one entry, "CYP_2025.csv:2–25 … (24 lines alike)"
      const at = issue.file ? `${issue.file}:${issue.line}` : `line ${issue.line}`;
      const range = issue.file ? `${issue.file}:${issue.line}\u2013${last}` : `lines ${issue.line}\u2013${last}`;
      const text = formatIssue({ ...issue, column });
      lines.push(`  ${label} ${text.startsWith(at) ? range + text.slice(at.length) : text} (${formatCount(last - issue.line + 1)} lines alike)`);
    }
    if (issue.hint) lines.push(`          ${dim(`hint: ${issue.hint}`)}`);
  }
  for (const [code, total] of [...counts].sort(([a], [b]) => a.localeCompare(b, 'en'))) {
    const rest = total - (shown.get(code) ?? 0);
    if (rest > 0) lines.push(`  ${dim(`… and ${formatCount(rest)} more ${code}`)}`);
  }
  return lines.join('\n');
}

/**
 * Returns the one-line message for an issue of a return sent as a workbook, located as Excel names it: the sheet, the
 * row (or rows, through `last`), the column and the cell.
 *
 * @example formatSheetIssue({ file: 'ROU_2025.xlsx', sheet: 'Return', line: 12, column: 'OBS_VALUE', cell: 'H12', … }, 12)
 *   // 'ROU_2025.xlsx, sheet "Return", row 12, column OBS_VALUE (cell H12): expected … [VALUE_NOT_NUMBER]'
 */
export function formatSheetIssue(issue: Issue, last: number | null): string {
  const isRun = typeof issue.line === 'number' && typeof last === 'number' && last !== issue.line;
  const cell = issue.cell === undefined ? '' : isRun ? ` (cells ${issue.cell}:${issue.cell.replace(/\d+$/, String(last))})` : ` (cell ${issue.cell})`;
  const where = [issue.file, `sheet "${issue.sheet}"`,
    ...(typeof issue.line === 'number' ? [isRun ? `rows ${issue.line}\u2013${last}` : `row ${issue.line}`] : []),
    ...(issue.column ? [`column ${issue.column}${cell}`] : [])].filter((part) => part !== '').join(', ');
  return `${where}: ${issue.message} [${issue.code}]`;
}

function isEntry(issue: Issue | IssueEntry): issue is IssueEntry {
  return 'alike' in issue;
}

/**
 * Returns issues in reading order as the entries human output shows, as `readShownIssues` makes them of a validated
 * file: each run of {@link ALIKE_RUN} or more consecutive lines reported alike (the same severity, code, file, column,
 * message and hint) is its first issue, `through` the run's last line; every other issue is an entry of its own.
 */
export function toEntries(issues: readonly Issue[]): IssueEntry[] {
  const key = (i: Issue) => JSON.stringify([i.severity, i.code, i.file, i.column, i.message, i.hint]);
  const runs: Array<{ last: number | null; members: Array<{ issue: Issue; at: number }> }> = [];
  // the run each alike key has open: the next line (or the same) continues it
  const open = new Map<string, (typeof runs)[number]>();
  issues.forEach((issue, at) => {
    const run = issue.line === null ? undefined : open.get(key(issue));
    if (run !== undefined && issue.line !== null && run.last !== null && issue.line - run.last <= 1) {
      run.last = issue.line;
      run.members.push({ issue, at });
      return;
    }
    const started = { last: issue.line, members: [{ issue, at }] };
    if (issue.line !== null) open.set(key(issue), started);
    runs.push(started);
  });
  return runs
    .flatMap(({ last, members }) => {
      const first = members[0]!;
      return last !== null && last - first.issue.line! + 1 >= ALIKE_RUN
        ? [{ entry: { ...first.issue, through: last, alike: members.length }, at: first.at }]
        : members.map(({ issue, at }) => ({ entry: { ...issue, through: issue.line, alike: 1 }, at }));
    })
    .sort((a, b) => a.at - b.at)
    .map(({ entry }) => entry);
}

/** Returns "1 error", "2 errors", "20,000 rows". */
export function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Returns what a return's rows make it, as a file's line names it: " (GRC, 2025)", " (ROU, 2025; with rows of BGR)"
 * for the return of a state with a few rows of others (a mistyped REF_AREA), " (several states: ROU, BGR; 2025)" for
 * rows of several states none of which is the file's (no one state's return), or '' when they make no one state's
 * return of a year. The rows decide which state's return a file is, whatever its name says.
 */
export function takenFor(state: string | null, year: number | null, states: readonly string[] = []): string {
  if (state === null && states.length > 1) return ` (several states: ${states.join(', ')}${year === null ? '' : `; ${year}`})`;
  const others = states.filter((s) => s !== state);
  return state !== null && year !== null ? ` (${state}, ${year}${others.length > 0 ? `; with rows of ${others.join(', ')}` : ''})` : '';
}

/** Returns a count as every count in human output is shown: "19,980". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-GB');
}

import { formatIssue } from '../errors.js';
import type { Issue } from '../schema/issue.js';
import { paint } from './output.js';

/** Issues shown per rule in human output; the rest are counted. */
export const SHOWN_PER_RULE = 20;

/**
 * Returns the human report of one file's issues: grouped by severity, in reading order, the first
 * {@link SHOWN_PER_RULE} of each rule shown with their hint and the rest counted; consecutive lines reported alike are
 * one entry naming the range of lines (`--json` keeps an issue per line).
 */
export function formatIssues(issues: readonly Issue[], counts: ReadonlyMap<string, number>, useColour: boolean): string {
  const { red, yellow, dim } = paint(useColour);
  const lines: string[] = [];
  for (const { issue, last } of alikeRuns(issues)) {
    const label = issue.severity === 'error' ? red('error  ') : yellow('warning');
    // a column without a name is called "column 7" already: shown as "column 7", not "column column 7"
    const column = issue.column?.startsWith('column ') ? issue.column.slice('column '.length) : issue.column;
    const text = formatIssue({ ...issue, column });
    if (typeof issue.line !== 'number' || typeof last !== 'number' || last === issue.line) lines.push(`  ${label} ${text}`);
    else {
      // lines 2 to 25 alike (a state outside the region on every row): one entry, "CYP_2025.csv:2–25 … (24 lines alike)"
      const at = issue.file ? `${issue.file}:${issue.line}` : `line ${issue.line}`;
      const range = issue.file ? `${issue.file}:${issue.line}\u2013${last}` : `lines ${issue.line}\u2013${last}`;
      lines.push(`  ${label} ${text.startsWith(at) ? range + text.slice(at.length) : text} (${formatCount(last - issue.line + 1)} lines alike)`);
    }
    if (issue.hint) lines.push(`          ${dim(`hint: ${issue.hint}`)}`);
  }
  const shown = new Map<string, number>();
  for (const issue of issues) shown.set(issue.code, (shown.get(issue.code) ?? 0) + 1);
  for (const [code, total] of [...counts].sort(([a], [b]) => a.localeCompare(b, 'en'))) {
    const rest = total - (shown.get(code) ?? 0);
    if (rest > 0) lines.push(`  ${dim(`… and ${formatCount(rest)} more ${code}`)}`);
  }
  return lines.join('\n');
}

/** The fewest consecutive lines reported alike that are shown as one entry. */
const ALIKE_RUN = 3;

/**
 * Returns the issues with each run of {@link ALIKE_RUN} or more on consecutive lines that say the same (severity, code,
 * file, column, message and hint: the same value) as its first issue and the run's last line; every other issue alone.
 */
function alikeRuns(issues: readonly Issue[]): Array<{ issue: Issue; last: number | null | undefined }> {
  const same = (a: Issue, b: Issue) =>
    a.severity === b.severity && a.code === b.code && a.file === b.file && a.column === b.column && a.message === b.message && a.hint === b.hint;
  const out: Array<{ issue: Issue; last: number | null | undefined }> = [];
  for (let i = 0; i < issues.length; ) {
    const first = issues[i]!;
    let j = i + 1;
    if (typeof first.line === 'number') {
      while (j < issues.length && same(issues[j]!, first) && issues[j]!.line === first.line + (j - i)) j++;
    }
    if (j - i >= ALIKE_RUN) {
      out.push({ issue: first, last: issues[j - 1]!.line });
      i = j;
    } else {
      out.push({ issue: first, last: first.line });
      i++;
    }
  }
  return out;
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

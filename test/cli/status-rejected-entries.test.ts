import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';

const SAMPLE = join(PROJECT_ROOT, 'data/sample/returns');

/** Writes `code`'s 2025 sample return to `path` with OBS_VALUE set on the data rows `values` gives (row 1 = line 2). */
function sampleWith(code: string, path: string, values: (row: number) => string | undefined, refArea = code): void {
  const lines = readFileSync(join(SAMPLE, `${code}_2025.csv`), 'utf8').split('\n');
  for (let row = 1; row < lines.length; row += 1) {
    if (lines[row] === '') continue;
    const cells = lines[row]!.split(',');
    cells[0] = refArea;
    cells[7] = values(row) ?? cells[7]!;
    lines[row] = cells.join(',');
  }
  writeFileSync(path, lines.join('\n'));
}

const NEGATIVE = 'hint: counts and quantities cannot be negative; a decrease is shown by a smaller value';
const more = (n: string, submission: number): string =>
  `  … and ${n}: crimetrends query "select * from validation_issue where submission_id = ${submission} and severity = 'error' order by line"`;

// status showed a rejected file's first 5 errors, a run of lines alike ending at the fifth: ARM_2025.csv:2–6 … (5 lines
// alike), then "… and 241 more errors", as if lines 2–6 were the problem and 241 other errors remained
describe('status shows a rejected file\'s first 5 entries, a run of lines alike one entry shown whole', () => {
  let warehouse: string;
  const status = (...args: string[]) => runCli(['status', '--year', '2025', '--warehouse', warehouse, ...args]);
  // the lines under a file's heading line, up to the next heading (a line not indented)
  const under = (stdout: string, heading: string): string[] => {
    const lines = stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith(heading));
    expect(at).toBeGreaterThan(-1);
    const rest = lines.slice(at + 1);
    return rest.slice(0, rest.findIndex((l) => !l.startsWith('  ')));
  };

  beforeAll(async () => {
    const inbox = tempDir('status-entries-');
    // Armenia: a negative count on every one of its 246 rows, one run
    sampleWith('ARM', join(inbox, 'ARM_2025.csv'), () => '-1');
    // Georgia: -1 on rows 1–10 (lines 2–11), then "35x" on every other line 13–21: a run, then five errors apart
    sampleWith('GEO', join(inbox, 'GEO_2025.csv'), (row) => (row <= 10 ? '-1' : row >= 12 && row <= 20 && row % 2 === 0 ? '35x' : undefined));
    // Moldova: -1 … -6 on lines 2–7, six errors each of its own (their messages name their values)
    sampleWith('MDA', join(inbox, 'MDA_2025.csv'), (row) => (row <= 6 ? `-${row}` : undefined));
    // a Cypriot return (no state of the region): UNKNOWN_REF_AREA on each of its 243 rows
    sampleWith('GEO', join(inbox, 'CYP_2025.csv'), () => undefined, 'CYP');
    // Romania: in force, then a correction with -1 on its first 30 rows
    sampleWith('ROU', join(inbox, 'ROU_2025.csv'), () => undefined);
    sampleWith('ROU', join(inbox, 'ROU_2025_v2.csv'), (row) => (row <= 30 ? '-1' : undefined));
    warehouse = join(tempDir(), 'w.duckdb');
    const ingest = async (file: string, at: string): Promise<number | null> => (await runCli(['ingest', file, '--warehouse', warehouse, '--received-at', at], { cwd: inbox })).code;
    for (const file of ['ARM_2025.csv', 'CYP_2025.csv', 'GEO_2025.csv', 'MDA_2025.csv']) expect(await ingest(file, '2026-01-20')).toBe(1);
    expect(await ingest('ROU_2025.csv', '2026-01-20')).toBe(0);
    expect(await ingest('ROU_2025_v2.csv', '2026-02-03')).toBe(1);
  }, 180_000);

  it('a run of every line is one entry naming its whole range, nothing left to count; a run then other errors; six errors, the sixth counted', async () => {
    const human = await status();
    expect(human.code).toBe(0);
    // was ARM_2025.csv:2–6 … (5 lines alike), then "… and 241 more errors"
    expect(under(human.stdout, 'ARM ARM_2025.csv')).toEqual([
      '  error   ARM_2025.csv:2–247 column OBS_VALUE: expected a non-negative number, found "-1" [VALUE_NEGATIVE] (246 lines alike)',
      `          ${NEGATIVE}`,
    ]);
    // was GEO_2025.csv:2–6 (5 lines alike), then "… and 10 more errors"
    expect(under(human.stdout, 'GEO GEO_2025.csv').filter((l) => !l.includes('hint:'))).toEqual([
      '  error   GEO_2025.csv:2–11 column OBS_VALUE: expected a non-negative number, found "-1" [VALUE_NEGATIVE] (10 lines alike)',
      ...[13, 15, 17, 19].map((line) => `  error   GEO_2025.csv:${line} column OBS_VALUE: expected a number, found "35x" [VALUE_NOT_NUMBER]`),
      more('1 more error', 3),
    ]);
    expect(under(human.stdout, 'MDA MDA_2025.csv').filter((l) => !l.includes('hint:'))).toEqual([
      ...[1, 2, 3, 4, 5].map((n) => `  error   MDA_2025.csv:${n + 1} column OBS_VALUE: expected a non-negative number, found "-${n}" [VALUE_NEGATIVE]`),
      more('1 more error', 4),
    ]);
    // a file of no one state, and a rejected correction, alike
    expect(under(human.stdout, '? CYP_2025.csv').filter((l) => !l.includes('hint:'))).toEqual([
      '  error   CYP_2025.csv:2–244 column REF_AREA: expected a state of the region, found "CYP", which is not one [UNKNOWN_REF_AREA] (243 lines alike)',
    ]);
    expect(under(human.stdout, 'ROU ROU_2025_v2.csv').filter((l) => !l.includes('hint:'))).toEqual([
      '  error   ROU_2025_v2.csv:2–31 column OBS_VALUE: expected a non-negative number, found "-1" [VALUE_NEGATIVE] (30 lines alike)',
    ]);
    // as it stood before the correction came: the same entries
    const asOf = await status('--as-of', '2026-01-25');
    expect(under(asOf.stdout, 'ARM ARM_2025.csv')[0]).toBe('  error   ARM_2025.csv:2–247 column OBS_VALUE: expected a non-negative number, found "-1" [VALUE_NEGATIVE] (246 lines alike)');
    expect(asOf.stdout).not.toContain('Rejected corrections');
  }, 60_000);

  it('--json keeps first_errors the first 5 errors, one per line, and adds first_entries, the entries shown', async () => {
    const json = JSON.parse((await status('--json')).stdout);
    const state = (code: string) => json.states.find((s: { ref_area: string }) => s.ref_area === code);
    const lines = (issues: Array<{ line: number; through?: number; alike?: number }>) =>
      issues.map((e) => (e.through === undefined ? String(e.line) : `${e.line}–${e.through}: ${e.alike}`));
    expect(state('ARM')).toMatchObject({ status: 'rejected', errors: 246 });
    expect(lines(state('ARM').first_errors)).toEqual(['2', '3', '4', '5', '6']);
    expect(state('ARM').first_entries).toEqual([{
      code: 'VALUE_NEGATIVE', severity: 'error', file: 'ARM_2025.csv', line: 2, column: 'OBS_VALUE', value: '-1',
      message: 'expected a non-negative number, found "-1"', hint: NEGATIVE.slice('hint: '.length), through: 247, alike: 246,
    }]);
    expect(lines(state('GEO').first_errors)).toEqual(['2', '3', '4', '5', '6']);
    expect(lines(state('GEO').first_entries)).toEqual(['2–11: 10', '13–13: 1', '15–15: 1', '17–17: 1', '19–19: 1']);
    expect(lines(state('MDA').first_entries)).toEqual(['2–2: 1', '3–3: 1', '4–4: 1', '5–5: 1', '6–6: 1']);
    expect(lines(state('ROU').rejected_resend.first_errors)).toEqual(['2', '3', '4', '5', '6']);
    expect(lines(state('ROU').rejected_resend.first_entries)).toEqual(['2–31: 30']);
    expect(state('ALB')).toMatchObject({ first_errors: [], first_entries: [] });
    expect(json.unattributed.map((u: { file_name: string; first_entries: [] }) => [u.file_name, lines(u.first_entries)])).toEqual([['CYP_2025.csv', ['2–244: 243']]]);
  }, 60_000);
});

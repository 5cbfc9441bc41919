import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { openStore, type Store } from '../../src/store/index.js';
import type { ValidationSession } from '../../src/validate/index.js';
import { readRows } from '../io/read-helper.js';
import { openSession, validatePath } from '../validate/validate-helper.js';
import { runCli } from '../helpers/cli.js';

/** The Frictionless project's bad and odd CSV files, read in place from ../shared. */
const DIR = join(PROJECT_ROOT, '../shared/real/frictionless');
const FILES = readdirSync(DIR).sort();

let store: Store;
let validation: { store: Store; session: ValidationSession };
beforeAll(async () => {
  store = await openStore(':memory:');
  validation = await openSession();
});
afterAll(() => {
  store.close();
  validation.store.close();
});

describe('frictionless fixtures: a correct parse or located errors, never a crash', () => {
  it.each(FILES)('%s: every physical line is the header, a row or a located issue', async (name) => {
    const { read, rows } = await readRows(store, join(DIR, name), `f_${FILES.indexOf(name)}`);
    const accounted = new Set<number>();
    if (read.scan.headerLine !== undefined) for (let l = 1; l <= read.scan.headerLine; l++) accounted.add(l);
    const ends = new Map(read.scan.multiLineRecords.map(([start, end]) => [start, end]));
    for (const row of rows) for (let l = row.line; l <= (ends.get(row.line) ?? row.line); l++) accounted.add(l);
    for (const issue of read.issues) {
      if (issue.line === null) for (let l = 1; l <= read.scan.lineCount; l++) accounted.add(l);
      else for (let l = issue.line; l <= (ends.get(issue.line) ?? issue.line); l++) accounted.add(l);
    }
    const missing = Array.from({ length: read.scan.lineCount }, (_, i) => i + 1).filter((l) => !accounted.has(l));
    expect(missing).toEqual([]);
    expect(read.issues.filter((i) => i.code === 'LINES_UNRECONCILED')).toEqual([]);
  });

  it.each(FILES)('%s: validate reports located issues and does not throw', async (name) => {
    const result = await validatePath(validation.session, join(DIR, name), { displayName: name });
    for (const issue of result.issues) {
      expect(issue.file).toBe(name);
      expect(issue.message.length).toBeGreaterThan(10);
      expect(issue.hint).toBeTruthy();
    }
    // none of these is a return: each must say so (a missing column or header, an empty file), at the header
    expect(result.issues.some((i) => ['MISSING_COLUMN', 'HEADER_MISSING', 'EMPTY_FILE', 'ENCODING_UNDECODABLE'].includes(i.code))).toBe(true);
  });

  it('reads specific cells right', async () => {
    const cell = async (name: string, line: number, column: number) => {
      const { rows } = await readRows(store, join(DIR, name), `cell_${name.replace(/\W/g, '_')}`);
      return rows.find((r) => r.line === line)?.cells[column];
    };
    expect(await cell('latin1.csv', 3, 1)).toBe('©');
    expect(await cell('table-infer-iso-8859-7.csv', 2, 2)).toBe('Λεωνιδας');
    expect(await cell('bom.csv', 3, 1)).toBe('中国人');
    expect(await cell('delimiter.csv', 3, 1)).toBe('中国人');
    expect(await cell('table.tsv', 3, 1)).toBe('中国人');
    expect(await cell('doublequote.csv', 2, 0)).toBe('A.N.E.P.');
    expect(await cell('leading-zeros.csv', 3, 0)).toBe('002');
    expect(await cell('issue-1009-semicolon.csv', 2, 0)).toBe('0123');
  });

  it('locates the structural errors', async () => {
    const issues = async (name: string) => (await readRows(store, join(DIR, name), `s_${name.replace(/\W/g, '_')}`)).read.issues.map((i) => `${i.code}@${i.line}`);
    expect(await issues('defective-rows.csv')).toEqual(['TOO_MANY_CELLS@3']);
    expect(await issues('structure-errors.csv')).toEqual(['TOO_MANY_CELLS@5']);
    expect(await issues('blank-rows-no-fields.csv')).toEqual(['BLANK_ROW@3']);
    expect(await issues('invalid.csv')).toEqual(['BLANK_ROW@4', 'TOO_MANY_CELLS@5']);
    expect(await issues('empty.csv')).toEqual(['EMPTY_FILE@null']);
    expect(await issues('latin1.csv')).toEqual(['ENCODING_CONVERTED@null']);
  });

  it('the CLI prints located errors without a stack trace for every file', async () => {
    const result = await runCli(['validate', '--json', ...FILES.map((f) => join(DIR, f))]);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    type Located = { code: string; severity: string; line: number | null; column: string | null; value: string | null };
    const document = JSON.parse(result.stdout) as { ok: boolean; files: Array<{ file: string; errors: number; warnings: number; issues: Located[] }> };
    expect(document.ok).toBe(false);
    expect(document.files.map((f) => f.file)).toEqual(FILES.map((f) => join(DIR, f)));
    const brief = (issues: readonly Located[]) => issues.map((i) => `${i.code}@${i.line}:${i.column}`);
    for (const [i, name] of FILES.entries()) {
      const printed = document.files[i]!;
      // the CLI prints what validate finds in the file, every issue at its line and column, counted by severity
      const found = await validatePath(validation.session, join(DIR, name));
      expect(brief(printed.issues), name).toEqual(brief(found.issues));
      expect([printed.errors, printed.warnings], name).toEqual([found.issues.filter((x) => x.severity === 'error').length, found.issues.filter((x) => x.severity === 'warning').length]);
    }
    // the structural errors, located as 'locates the structural errors' has them, with the first surplus column and its value
    const structural = (name: string) => document.files.find((f) => f.file === join(DIR, name))!.issues
      .filter((x) => !['UNKNOWN_COLUMN', 'MISSING_COLUMN'].includes(x.code)).map((x) => [x.code, x.line, x.column, x.value]);
    // header id,name,age (3 columns); line 3 is 1102,Julie,26,Potatoes
    expect(structural('defective-rows.csv')).toEqual([['TOO_MANY_CELLS', 3, 'column 4', 'Potatoes']]);
    // line 5 is 1,2,3,4,5,6: columns 4 to 6 are surplus
    expect(structural('structure-errors.csv')).toEqual([['TOO_MANY_CELLS', 5, 'column 4', '4,5,6']]);
    // header id,name,,name (4 columns); line 4 is empty, line 5 is 2,german,1,2,3
    expect(structural('invalid.csv')).toEqual([['BLANK_ROW', 4, null, null], ['TOO_MANY_CELLS', 5, 'column 5', '3']]);
    expect(structural('empty.csv')).toEqual([['EMPTY_FILE', null, null, null]]);
  });
});

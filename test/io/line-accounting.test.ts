import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { tempDir } from '../helpers/warehouse.js';
import { readRows } from './read-helper.js';

let store: Store;
const dir = tempDir();
beforeAll(async () => (store = await openStore(':memory:')));
afterAll(() => store.close());

const cell = fc.oneof(
  fc.constantFrom('', 'ROU', '12', '1,5', 'a "quoted" word', 'two\nlines', 'crlf\r\ninside', ' padded ', 'Ελλάδα', 'x;y'),
  fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', 'é'), maxLength: 6 }),
);

/** RFC 4180 serialisation of one cell: quoted when it holds the delimiter, a quote or a line break. */
const quote = (value: string): string => (/[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value);

describe('line accounting', () => {
  test.prop(
    [
      fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 12 }),
      fc.array(fc.nat(3), { minLength: 13, maxLength: 13 }),
      fc.boolean(),
    ],
    { numRuns: 60 },
  )('every record is read with its content and its physical start line; blank lines are reported', async (records, blanks, isCrlf) => {
    const eol = isCrlf ? '\r\n' : '\n';
    let text = `a,b,c${eol}`;
    let line = 2;
    const expected: Array<{ line: number; cells: string[] }> = [];
    const blankLines: number[] = [];
    records.forEach((record, i) => {
      for (let b = 0; b < blanks[i]!; b++) {
        text += eol;
        blankLines.push(line++);
      }
      const serialised = record.map(quote).join(',');
      // a record of three empty cells is still a record (",,"), so it is never mistaken for a blank line
      expected.push({ line, cells: record });
      text += serialised + eol;
      line += serialised.split('\n').length - 1 + 1;
    });
    const path = join(dir, 'prop.csv');
    writeFileSync(path, text);
    const { read, rows } = await readRows(store, path, 'prop');
    expect(read.issues.filter((i) => i.code !== 'BLANK_ROW')).toEqual([]);
    expect(read.issues.map((i) => i.line)).toEqual(blankLines);
    expect(rows).toEqual(expected);
    expect(read.scan.lineCount).toBe(line - 1);
  });
});

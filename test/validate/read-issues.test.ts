import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, expect } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { createSession, readIssues, type FileValidation, type ValidationSession } from '../../src/validate/index.js';
import { loadTestReference } from '../helpers/warehouse.js';

let store: Store;
let session: ValidationSession;
beforeAll(async () => {
  store = await openStore(':memory:');
  session = await createSession(store, await loadTestReference());
});
afterAll(() => store.close());

const issue = fc.record({
  code: fc.constantFrom('UNKNOWN_CODE', 'VALUE_NEGATIVE', 'CODE_NOT_UPPER_CASE'),
  // few lines, often repeated or missing (a file-level issue): the ties are what the limit must get right
  line: fc.option(fc.integer({ min: 1, max: 12 }), { freq: 4 }),
  column: fc.option(fc.constantFrom('REF_AREA', 'INDICATOR', 'OBS_VALUE', 'column 12'), { freq: 5 }),
  message: fc.constantFrom('a', 'b', 'c'),
});

// the issues a file shows per rule (validate's first 20, run's none; here 0 to 6) are the first of that rule's issues in reading
// order, exactly as if every issue were read and cut: the query only spares ranking the issues past the shown lines
test.prop([fc.array(issue, { maxLength: 60 }), fc.integer({ min: 0, max: 6 })], { numRuns: 60 })(
  'the issues shown per rule are the first of all issues in reading order',
  async (issues, limit) => {
    await store.run('create or replace temp table read_issues_test (code varchar, severity varchar, file varchar, line integer, "column" varchar, value varchar, message varchar, hint varchar)');
    await store.append('read_issues_test', issues.map((i) => [i.code, 'error', 'f.csv', i.line, i.column, null, i.message, null]));
    const validation = { issuesTable: 'read_issues_test' } as FileValidation;
    const all = await readIssues(session, validation);
    const seen = new Map<string, number>();
    const expected = all.filter((i) => {
      seen.set(i.code, (seen.get(i.code) ?? 0) + 1);
      return seen.get(i.code)! <= limit;
    });
    expect(await readIssues(session, validation, limit)).toEqual(expected);
  },
);

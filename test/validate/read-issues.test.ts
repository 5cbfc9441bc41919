import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, expect } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { toEntries } from '../../src/cli/print-issues.js';
import { createSession, readIssues, readShownIssues, type FileValidation, type ValidationSession } from '../../src/validate/index.js';
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

// the entries a file shows per rule (validate's first 20, run's none; here 0 to 6) are the first of that rule's entries
// in reading order, a run of three or more lines alike being one entry never cut by the limit, exactly as if every
// issue were read, grouped (as status groups a rejected return's first errors) and cut
test.prop([fc.array(issue, { maxLength: 60 }), fc.integer({ min: 0, max: 6 })], { numRuns: 60 })(
  'the entries shown per rule are the first of all issues grouped in reading order',
  async (issues, limit) => {
    await store.run('create or replace temp table read_issues_test (code varchar, severity varchar, file varchar, line integer, "column" varchar, value varchar, message varchar, hint varchar)');
    await store.append('read_issues_test', issues.map((i) => [i.code, 'error', 'f.csv', i.line, i.column, null, i.message, null]));
    const validation = { issuesTable: 'read_issues_test' } as FileValidation;
    const seen = new Map<string, number>();
    const expected = toEntries(await readIssues(session, validation)).filter((e) => {
      seen.set(e.code, (seen.get(e.code) ?? 0) + 1);
      return seen.get(e.code)! <= limit;
    });
    expect(await readShownIssues(session, validation, limit)).toEqual(expected);
  },
);

test('a run of 24 lines alike past the 20th line of its rule is one entry standing for the 24', async () => {
  await store.run('create or replace temp table read_issues_test (code varchar, severity varchar, file varchar, line integer, "column" varchar, value varchar, message varchar, hint varchar)');
  await store.append('read_issues_test', Array.from({ length: 24 }, (_, i) => ['UNKNOWN_REF_AREA', 'error', 'CYP_2025.csv', i + 2, 'REF_AREA', 'CYP', 'm', 'h']));
  const shown = await readShownIssues(session, { issuesTable: 'read_issues_test' } as FileValidation, 20);
  expect(shown.map((e) => [e.line, e.through, e.alike])).toEqual([[2, 25, 24]]);
});

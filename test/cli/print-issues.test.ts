import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../src/cli/print-issues.js';
import type { Issue } from '../../src/schema/issue.js';

// A file whose every row makes the same mistake (Cyprus's return: REF_AREA CYP on each line) read as twenty lines of
// one message; consecutive lines reported alike are now one entry naming the range.

const issue = (line: number, value = 'CYP', column = 'REF_AREA'): Issue => ({
  code: 'UNKNOWN_REF_AREA', severity: 'error', file: 'CYP_2025.csv', line, column, value,
  message: `expected a state of the region, found "${value}", which is not one`, hint: 'returns are accepted from the states listed in "crimetrends dictionary"',
} as Issue);

describe('formatIssues: lines reported alike', () => {
  it('shows three or more consecutive lines saying the same as one entry with the range and the count', () => {
    expect(formatIssues([2, 3, 4, 5].map((l) => issue(l)), new Map([['UNKNOWN_REF_AREA', 24]]), false).split('\n')).toEqual([
      '  error   CYP_2025.csv:2\u20135 column REF_AREA: expected a state of the region, found "CYP", which is not one [UNKNOWN_REF_AREA] (4 lines alike)',
      '          hint: returns are accepted from the states listed in "crimetrends dictionary"',
      '  … and 20 more UNKNOWN_REF_AREA',
    ]);
  });

  it('keeps two alike lines, a gap in the lines and another value apart, each on its own line', () => {
    const lines = formatIssues([issue(2), issue(3), issue(5), issue(6, 'CY'), issue(7, 'CY'), issue(8, 'CY', 'COUNTERPART_AREA')], new Map(), false)
      .split('\n').filter((l) => !l.includes('hint:'));
    expect(lines.map((l) => l.replace(/: expected.*?(\(\d+ lines alike\))?$/, ' $1').trim())).toEqual([
      'error   CYP_2025.csv:2 column REF_AREA',
      'error   CYP_2025.csv:3 column REF_AREA',
      'error   CYP_2025.csv:5 column REF_AREA',
      'error   CYP_2025.csv:6 column REF_AREA',
      'error   CYP_2025.csv:7 column REF_AREA',
      'error   CYP_2025.csv:8 column COUNTERPART_AREA',
    ]);
  });

  it('makes a run of each column when two columns are wrong on every line, and counts the rest by the lines shown', () => {
    const issues = [2, 3, 4].flatMap((l) => [issue(l), issue(l, 'CY', 'COUNTERPART_AREA')]);
    const lines = formatIssues(issues, new Map([['UNKNOWN_REF_AREA', 10]]), false).split('\n').filter((l) => !l.includes('hint:'));
    expect(lines.map((l) => l.replace(/: expected.*?(\(\d+ lines alike\))?$/, ' $1').trim())).toEqual([
      'error   CYP_2025.csv:2\u20134 column REF_AREA (3 lines alike)',
      'error   CYP_2025.csv:2\u20134 column COUNTERPART_AREA (3 lines alike)',
      '… and 4 more UNKNOWN_REF_AREA',
    ]);
  });
});

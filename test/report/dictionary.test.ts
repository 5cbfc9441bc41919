import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDictionaryHtml, buildDictionaryMarkdown } from '../../src/report/build-dictionary.js';
import type { Reference } from '../../src/schema/reference.js';
import { RETURN_COLUMNS } from '../../src/schema/return-format.js';
import type { Store } from '../../src/store/index.js';
import { ISSUE_CODES, type ValidationSession } from '../../src/validate/index.js';
import { loadTestReference, tempDir } from '../helpers/warehouse.js';
import { HEADER, openSession, validatePath } from '../validate/validate-helper.js';

/**
 * What the dictionary a focal point reads says, checked against what `validate` does: every code it lists is accepted
 * where it says, every breakdown it names for an indicator is taken, and every one it does not name is refused.
 * The dictionary is read as a reader would, from its Markdown tables, not from the reference data it is built of.
 */

let store: Store;
let session: ValidationSession;
let reference: Reference;
let tables: Map<string, string[][]>;
beforeAll(async () => {
  ({ store, session } = await openSession());
  reference = await loadTestReference();
  tables = readTables(buildDictionaryMarkdown(reference));
});
afterAll(() => store.close());

/** Returns each `## Title` section's table rows (header and rule left out), cells unescaped. */
function readTables(markdown: string): Map<string, string[][]> {
  const result = new Map<string, string[][]>();
  let title = '';
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) title = line.slice(3);
    else if (line.startsWith('| ')) {
      const cells = line.slice(2, -2).split(/(?<!\\) \| /).map((c) => c.replace(/\\\|/g, '|').trim());
      const rows = result.get(title) ?? [];
      rows.push(cells);
      result.set(title, rows);
    }
  }
  for (const [key, rows] of result) result.set(key, rows.slice(2));
  return result;
}

const table = (title: string): string[][] => {
  const rows = tables.get(title);
  if (rows === undefined) throw new Error(`the dictionary has no section "${title}"`);
  return rows;
};
const codesOf = (list: string): string[] => table(`Code list ${list}`).map((r) => r[0]!);

/** The dimensions an indicator's "Breakdowns" cell names, and its BREAKDOWN code list. */
function breakdownsOf(cell: string): { dimensions: string[]; list: string | null } {
  if (cell === 'none (totals only)') return { dimensions: [], list: null };
  const dimensions = cell.split(', ').map((d) => d.replace(/ \(.*\)$/, ''));
  return { dimensions, list: /BREAKDOWN \(([A-Z_]+)\)/.exec(cell)?.[1] ?? null };
}

/** A return line for ROU 2025 with the given cells (the others take their defaults). */
function line(cells: Partial<Record<(typeof RETURN_COLUMNS)[number]['name'], string>>): string {
  const values: Record<string, string> = { REF_AREA: 'ROU', TIME_PERIOD: '2025', SEX: '_T', AGE: '_T', COUNTERPART_AREA: '_T', BREAKDOWN: '_T', OBS_VALUE: '1', ...cells };
  return RETURN_COLUMNS.map((c) => values[c.name] ?? '').join(',');
}

async function validateLines(lines: string[]): Promise<Awaited<ReturnType<typeof validatePath>>> {
  const path = join(tempDir(), 'ROU_2025.csv');
  writeFileSync(path, [HEADER, ...lines, ''].join('\n'));
  return validatePath(session, path, { year: 2025 });
}

describe('dictionary', () => {
  it('is the same bytes on a rerun, the reference data read again', async () => {
    const again = await loadTestReference();
    expect(buildDictionaryMarkdown(again)).toBe(buildDictionaryMarkdown(reference));
    expect(buildDictionaryHtml(again)).toBe(buildDictionaryHtml(reference));
  });

  it('documents every column, indicator, code list, state and rule, in Markdown and in HTML', () => {
    expect(table('Columns of a return').map((r) => r[0])).toEqual(RETURN_COLUMNS.map((c) => c.name));
    expect(table('Indicators').map((r) => r[0])).toEqual(reference.indicators.map((i) => i.code));
    // BREAKDOWN names every list an indicator takes (it named four kinds and left out CYB_REQUEST and INTEGRITY_TEST)
    expect(table('Columns of a return').find((r) => r[0] === 'BREAKDOWN')![3])
      .toBe("The indicator's own code list, named in its Breakdowns (TIP_FORM, DRUG, FIREARM, CYB_OFFENCE, CYB_REQUEST, COR_OFFENCE, INTEGRITY_TEST); _T total");
    for (const list of new Set(reference.codes.map((c) => c.codelist))) {
      expect(codesOf(list), list).toEqual(reference.codes.filter((c) => c.codelist === list).map((c) => c.code));
    }
    // every BREAKDOWN list an indicator names has its section
    for (const row of table('Indicators')) {
      const { list } = breakdownsOf(row[7]!);
      if (list !== null) expect(codesOf(list).length, `${row[0]}: ${list}`).toBeGreaterThan(1);
    }
    expect(table('States').map((r) => r[0]).sort()).toEqual(reference.states.map((s) => s.iso3).sort());
    expect(table('Validation rules').map((r) => `${r[0]} ${r[1]}`)).toEqual(ISSUE_CODES.map((c) => `${c.code} ${c.severity}`));
    const htmlText = buildDictionaryHtml(reference);
    for (const code of [...reference.indicators.map((i) => i.code), ...reference.codes.map((c) => c.code), ...reference.states.map((s) => s.iso3)]) {
      expect(htmlText, code).toContain(`>${code}<`);
    }
  });

  it('renders as written: Markdown cells escape what a renderer would take as markup, HTML shows code as code', () => {
    const markdown = buildDictionaryMarkdown(reference);
    // every table row has as many cells as its header (a | in a text would split a cell)
    const widths = new Map<string, number>();
    let title = '';
    for (const row of markdown.split('\n')) {
      if (row.startsWith('## ')) title = row;
      if (!row.startsWith('| ')) continue;
      const width = row.split(/(?<!\\)\|/).length;
      expect(width, row).toBe(widths.get(title) ?? width);
      widths.set(title, width);
      // outside code spans, no tag, emphasis or link a renderer would act on: pandas' <NA> was dropped as an HTML tag
      expect(row.replace(/`[^`]+`/g, ''), row).not.toMatch(/(?<!\\)[<*[]/);
    }
    expect(markdown).toContain("| NA_AS_EMPTY | warning | a program's missing value (R's NA, pandas' nan and \\<NA>, Python's None, NaN) where");
    const page = buildDictionaryHtml(reference);
    // its backticks were shown as written: (`#N/A`, `#VALUE!`, `Err:502`)
    expect(page).not.toContain('`');
    expect(page).toContain("COMMENT holds a spreadsheet&#39;s error value (<code>#N/A</code>, <code>#VALUE!</code>, <code>Err:502</code>): a formula that failed");
    expect(page).toContain('pandas&#39; nan and &lt;NA&gt;, Python');
  });

  it('says how to fill in the template, and a return filled in as it says validates with no issue', async () => {
    const cases = new Map(table('Filling in the template').map((r) => [r[0]!, r[1]!]));
    expect([...cases.keys()]).toEqual(['The total of an indicator', 'A breakdown by sex, age or type', 'By country (COUNTERPART_AREA)', 'A figure not available',
      'A figure not to be published', 'A provisional or estimated figure, a break in series', 'A figure of an earlier year']);
    expect(cases.get('By country (COUNTERPART_AREA)')).toMatch(/^The template lists only the total \(_T\)\. Add one row per country, under its ISO 3166-1 alpha-3 code \(XKX for Kosovo; the reporting state's own code for its nationals\), and _U for a country not known;/);
    expect(cases.get('A figure not available')).toMatch(/^Leave OBS_VALUE empty and write OBS_STATUS M, L, O or Q \(see the code list OBS_STATUS\); a 0 is a true zero\./);
    // as it says: countries (its own nationals under ROU, Kosovo, one unknown) short of the total, a row crossing two
    // lists, a part not available beside the others, a confidential provisional figure, an earlier year's revision
    const result = await validateLines([
      line({ INDICATOR: 'TIP_VIC', OBS_VALUE: '10' }),
      line({ INDICATOR: 'TIP_VIC', COUNTERPART_AREA: 'ROU', OBS_VALUE: '5' }),
      line({ INDICATOR: 'TIP_VIC', COUNTERPART_AREA: 'XKX', OBS_VALUE: '2' }),
      line({ INDICATOR: 'TIP_VIC', COUNTERPART_AREA: '_U', OBS_VALUE: '1' }),
      line({ INDICATOR: 'TIP_VIC', SEX: 'F', AGE: 'Y_LT18', OBS_VALUE: '3' }),
      line({ INDICATOR: 'TIP_VIC', SEX: 'F', OBS_VALUE: '6' }),
      line({ INDICATOR: 'TIP_VIC', SEX: 'M', OBS_VALUE: '', OBS_STATUS: 'M' }),
      line({ INDICATOR: 'TIP_VIC', SEX: '_U', OBS_VALUE: '1' }),
      line({ INDICATOR: 'FA_OFF', OBS_VALUE: '4', OBS_STATUS: 'P', CONF_STATUS: 'C' }),
      line({ INDICATOR: 'FA_OFF', TIME_PERIOD: '2024', OBS_VALUE: '3', COMMENT: 'revised' }),
    ]);
    expect(result.issues).toEqual([]);
    expect(result.accepted).toBe(10);
  });

  it('says what each rule means in words a statistician knows: never the name of the database engine', () => {
    const rules = new Map(table('Validation rules').map((r) => [r[0]!, r[2]!]));
    expect([...rules].filter(([, meaning]) => /duckdb|physical line|\brecords?\b/i.test(meaning))).toEqual([]);
    expect(rules.get('CSV_UNREADABLE')).toBe("a line, or the whole file, cannot be read as CSV (the message gives the reader's words); save the file again as CSV UTF-8");
    expect(rules.get('LINES_UNRECONCILED')).toBe('the rows read cannot be matched to the lines of the file (line endings or quotes mixed), so no line number given would be sure; save the file again as CSV UTF-8');
  });

  it('every code it lists is accepted, each breakdown where it says, by validate: no error, no warning but the sums', async () => {
    const lines: string[] = [];
    // one row of every state but ROU, whose return the file is: the others are flagged REF_AREA_MIXED at the first
    for (const [state] of table('States')) if (state !== 'ROU') lines.push(line({ REF_AREA: state!, INDICATOR: 'TIP_OFF' }));
    // one series per status: each in another year (earlier years are revisions)
    for (const [index, [status]] of table('Code list OBS_STATUS').entries()) {
      const isMissing = ['M', 'L', 'O', 'Q'].includes(status!);
      lines.push(line({ TIME_PERIOD: String(2025 - index), INDICATOR: 'FA_OFF', OBS_STATUS: status!, OBS_VALUE: isMissing ? '' : '1', COMMENT: status === 'B' ? 'new register' : '' }));
    }
    for (const [index, [conf]] of table('Code list CONF_STATUS').entries()) lines.push(line({ TIME_PERIOD: String(2025 - index), INDICATOR: 'ML_OFF', CONF_STATUS: conf! }));
    for (const row of table('Indicators')) {
      const indicator = row[0]!;
      const { dimensions, list } = breakdownsOf(row[7]!);
      if (dimensions.includes('SEX')) for (const code of codesOf('SEX')) lines.push(line({ INDICATOR: indicator, SEX: code }));
      if (dimensions.includes('AGE')) for (const code of codesOf('AGE')) lines.push(line({ INDICATOR: indicator, AGE: code }));
      if (dimensions.includes('COUNTERPART_AREA')) for (const code of [...codesOf('COUNTERPART'), 'FRA', 'XKX']) lines.push(line({ INDICATOR: indicator, COUNTERPART_AREA: code }));
      if (list !== null) for (const code of codesOf(list)) lines.push(line({ INDICATOR: indicator, BREAKDOWN: code }));
      if (dimensions.length === 0) lines.push(line({ INDICATOR: indicator }));
    }
    // lines repeat a total (the _T of each list) with the same value: duplicates, and parts over their total, warn only
    const result = await validateLines([...new Set(lines)]);
    expect(result.issues.filter((i) => !['BREAKDOWN_SUM', 'DUPLICATE_SERIES', 'STAGE_ORDER', 'REF_AREA_MIXED'].includes(i.code)).map((i) => `${i.code}@${i.line}:${i.column}=${i.value}`)).toEqual([]);
    expect(result.accepted).toBe(new Set(lines).size);
  });

  it('every breakdown it does not name for an indicator is refused, one DIMENSION_NOT_APPLICABLE per row', async () => {
    const lines: string[] = [];
    const expected: string[] = [];
    for (const row of table('Indicators')) {
      const indicator = row[0]!;
      const { dimensions } = breakdownsOf(row[7]!);
      const other: Record<string, string> = { SEX: 'F', AGE: 'Y_LT18', COUNTERPART_AREA: 'FRA', BREAKDOWN: 'OTHER' };
      for (const dimension of ['SEX', 'AGE', 'COUNTERPART_AREA', 'BREAKDOWN'].filter((d) => !dimensions.includes(d))) {
        lines.push(line({ INDICATOR: indicator, [dimension]: other[dimension]! }));
        expected.push(`${lines.length + 1}:${dimension}`);
      }
      // "not used (_T)": _Z, not applicable, is no total either (was accepted, then missing from every mart)
      if (!dimensions.includes('COUNTERPART_AREA')) {
        expect(row[8], indicator).toBe('not used (_T)');
        lines.push(line({ INDICATOR: indicator, COUNTERPART_AREA: '_Z' }));
        expected.push(`${lines.length + 1}:COUNTERPART_AREA`);
      }
    }
    const result = await validateLines(lines);
    expect(result.issues.find((i) => i.value === '_Z')).toMatchObject({
      message: 'expected _T: TIP_OFF has no COUNTERPART_AREA breakdown, found "_Z"',
      hint: 'write _T: TIP_OFF takes no COUNTERPART_AREA, so its total is the row with _T; a row with _Z is no total, and the review would not show it',
    });
    expect(result.issues.filter((i) => i.severity === 'error').map((i) => `${i.code}@${i.line}:${i.column}`)).toEqual(expected.map((e) => `DIMENSION_NOT_APPLICABLE@${e}`));
  });
});

/**
 * The rules' gates (Rule.rowGate, Rule.gate) only spare the planning of rules that cannot report: a gate must hold
 * wherever its rule reports. Row gates are checked row by row: every issue a row rule raises with every rule planned
 * (`isUngated`) must be on a row that meets the rule's row gate. The rows hold every kind of bad cell the rules know,
 * one at a time and in random combinations, in files delimited by ',' and by ';'. The scalar gates of the series
 * rules are checked file by file: the same issues with the gates and without. (The other validate tests assert each
 * rule's issues with the gates on.)
 */
import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { dropValidation, readIssues, validateFile, type ValidationSession } from '../../src/validate/index.js';
import { ROW_RULES } from '../../src/validate/row-rules.js';
import type { RuleContext } from '../../src/validate/rule-context.js';
import { tempDir } from '../helpers/warehouse.js';
import { HEADER, fileWriter, openSession, validatePath } from './validate-helper.js';

let store: Store;
let session: ValidationSession;
beforeAll(async () => ({ store, session } = await openSession()));
afterAll(() => store.close());
const write = fileWriter(tempDir(), 'gates');
const NOW = new Date('2026-03-01T00:00:00Z');

// each column's good cell, then every kind of bad one a rule looks at
const CELLS: Array<[column: string, good: string, bad: string[]]> = [
  ['REF_AREA', 'ROU', ['BGR', 'rou', 'Romania', 'XXX', '', '  ', 'Total', 'TOTAL:', 'REF_AREA', 'Reference area']],
  ['TIME_PERIOD', '2025', ['2024', '1989', '2031', '2025.0', 'FY2024', '2024/25', '01/01/2025', '２０２５', '', ' ', 'Year', 'x']],
  ['INDICATOR', 'TIP_VIC', ['COR_OFF', 'FA_SEIZED', 'DRG_SEIZ_KG', 'SOM_OFF', 'tip_vic', 'XX_UNK', '', 'Total', 'INDICATOR', 'Indicator']],
  ['SEX', '_T', ['F', 'M', '_U', 'f', 'X', '']],
  ['AGE', '_T', ['Y_LT18', 'Y_GE18', 'Y99', '']],
  ['COUNTERPART_AREA', '_T', ['UKR', 'MDA', '_U', '_Z', 'Germany', 'QQQ', '']],
  ['BREAKDOWN', '_T', ['SEX_EXPL', 'FORCED_LAB', 'BRIBERY', 'PISTOL', 'NOPE', '']],
  ['OBS_VALUE', '12', ['-3', '-0', '12.5', '12.0', '0.0', '0,00', '1.000', '1,000', '12,5', '1.000,5', '1 000', "1'000", '1e3', '+5', 'n/a', '..', 'x', '', ' ', '99999999999999999', 'Value']],
  ['OBS_STATUS', 'A', ['P', 'E', 'B', 'M', 'L', 'O', 'Q', 'Z', '']],
  ['CONF_STATUS', 'F', ['C', 'N', 'Y', '']],
  ['COMMENT', '', ['new law', 'a, b; c']],
];
const GOOD = CELLS.map(([, good]) => good);
/** Lines that are not rows of cells: blank, empty cells, short, the header again, too many cells. */
const ODD = ['', ',,,,,,,,,,', 'ROU,2025,TIP_VIC', HEADER, 'ROU,2025,TIP_VIC,_T,_T,_T,_T,12,A,F,,extra'];

/** Returns a row's line, a cell holding the delimiter quoted as a spreadsheet writes it. */
const line = (cells: readonly string[], delimiter: string): string =>
  cells.map((c) => (c.includes(delimiter) ? `"${c}"` : c)).join(delimiter);

/**
 * Validates the rows with every rule planned and returns the issues of row rules on rows that fail the rule's gate
 * (none expected), as `CODE@line: the row`.
 */
async function ungatedPastGates(rows: readonly string[], delimiter: string, declared: { state?: string; year?: number }): Promise<string[]> {
  const path = write([HEADER.replaceAll(',', delimiter), ...rows].join('\n') + '\n');
  const validation = await validateFile(session, path, { displayName: 'gates.csv', ...declared, now: NOW, changeWarning: { percent: 50, units: 20 }, isUngated: true });
  try {
    const issues = await readIssues(session, validation);
    // what the row gates read of the context
    const ctx = { ...declared, maxYear: NOW.getUTCFullYear(), dimensions: session.dimensions } as RuleContext;
    const gated = ROW_RULES.filter((rule) => rule.rowGate !== undefined);
    await store.run(`create or replace temp view p as select * from ${validation.rowsTable}`);
    const gates = await store.all<{ line: number } & Record<string, boolean | null>>(
      `select line, ${gated.map((rule) => `(${rule.rowGate!(ctx)}) as "${rule.code}"`).join(', ')} from p`,
    );
    const byLine = new Map(gates.map((g) => [g.line, g]));
    return issues
      // (an empty line is no row: its BLANK_ROW comes from the reading)
      .filter((i) => i.line !== null && byLine.has(i.line) && gated.some((rule) => rule.code === i.code) && byLine.get(i.line)![i.code] !== true)
      .map((i) => `${i.code}@${i.line}: ${rows[i.line! - 2]}`);
  } finally {
    await dropValidation(session, validation);
  }
}

describe('a row gate', () => {
  for (const delimiter of [',', ';']) {
    it(`holds on every row its rule reports: each bad cell alone, in a file delimited by '${delimiter}', with --state and --year and without`, async () => {
      const [value, indicatorAt] = ['OBS_VALUE', 'INDICATOR'].map((name) => CELLS.findIndex(([column]) => column === name)) as [number, number];
      const rows = [
        ...CELLS.flatMap(([, , bad], column) => bad.map((cell) => line(GOOD.map((good, i) => (i === column ? cell : good)), delimiter))),
        // the values again for an indicator counted in rounds and one in kilograms (decimals allowed)
        ...['FA_AMMO', 'DRG_SEIZ_KG'].flatMap((indicator) =>
          CELLS[value]![2].map((cell) => line(GOOD.map((good, i) => (i === value ? cell : i === indicatorAt ? indicator : good)), delimiter))),
        ...ODD.map((odd) => odd.replaceAll(',', delimiter)),
      ];
      expect(await ungatedPastGates(rows, delimiter, {})).toEqual([]);
      expect(await ungatedPastGates(rows, delimiter, { state: 'ROU', year: 2024 })).toEqual([]);
    });
  }

  const cell = (good: string, bad: string[]) => fc.oneof({ weight: 2, arbitrary: fc.constant(good) }, { weight: 1, arbitrary: fc.constantFrom(...bad) });
  const rows = fc.array(fc.tuple(...CELLS.map(([, good, bad]) => cell(good, bad))), { minLength: 20, maxLength: 40 });
  test.prop([rows, fc.constantFrom(',', ';'), fc.boolean()], { numRuns: 10 })(
    'holds on every row its rule reports: bad cells in random combinations',
    async (cells, delimiter, isDeclared) => {
      expect(await ungatedPastGates(cells.map((c) => line(c, delimiter)), delimiter, isDeclared ? { state: 'ROU', year: 2024 } : {})).toEqual([]);
    },
  );
});

describe('the series rules with their gates and without', () => {
  it('give the same issues on breakdowns that add up or not, repeated series and mixed states', async () => {
    const rows = [
      // TIP_VIC 2025: the sexes add up to 90 of 100 (short), the ages exceed it, the forms add up
      'ROU,2025,TIP_VIC,_T,_T,_T,_T,100,A,F,', 'ROU,2025,TIP_VIC,F,_T,_T,_T,60,A,F,', 'ROU,2025,TIP_VIC,M,_T,_T,_T,30,A,F,',
      'ROU,2025,TIP_VIC,_T,Y_LT18,_T,_T,70,A,F,', 'ROU,2025,TIP_VIC,_T,Y_GE18,_T,_T,50,A,F,',
      'ROU,2025,TIP_VIC,_T,_T,_T,SEX_EXPL,100,A,F,', 'ROU,2025,TIP_VIC,_T,_T,UKR,_T,40,A,F,', 'ROU,2025,TIP_VIC,_T,_T,_Z,_T,80,A,F,',
      // TIP_VIC 2024: parts that add up; a series repeated, once with another value; a later stage larger
      'ROU,2024,TIP_VIC,_T,_T,_T,_T,10,A,F,', 'ROU,2024,TIP_VIC,F,_T,_T,_T,4,A,F,', 'ROU,2024,TIP_VIC,M,_T,_T,_T,6,A,F,',
      'ROU,2024,TIP_VIC,M,_T,_T,_T,6,A,F,', 'ROU,2024,TIP_VIC,F,_T,_T,_T,5,A,F,',
      'ROU,2024,TIP_PRS,_T,_T,_T,_T,5,A,F,', 'ROU,2024,TIP_CNV,_T,_T,_T,_T,9,A,F,',
    ];
    const clean = rows.filter((_, i) => ![1, 3, 11, 12, 14].includes(i));
    // one breakdown alone that does not add up: the ages; the citizenships
    const ages = [rows[0]!, rows[3]!, rows[4]!];
    const counterparts = [rows[0]!, 'ROU,2025,TIP_VIC,_T,_T,UKR,_T,140,A,F,'];
    for (const lines of [rows, clean, ages, counterparts, [...clean, 'BGR,2025,COR_OFF,_T,_T,_T,_T,3,A,F,']]) {
      const path = write([HEADER, ...lines].join('\n') + '\n');
      const text = (issues: Awaited<ReturnType<typeof validatePath>>['issues']) => issues.map((i) => `${i.code}@${i.line}:${i.message}`);
      const gated = text((await validatePath(session, path)).issues);
      expect(gated).toEqual(text((await validatePath(session, path, { isUngated: true })).issues));
      if (lines === rows) expect(new Set(gated.map((i) => i.split('@')[0]))).toEqual(new Set(['BREAKDOWN_SUM', 'DUPLICATE_SERIES', 'DUPLICATE_CONFLICT', 'STAGE_ORDER']));
      if (lines === ages || lines === counterparts) expect(gated.map((i) => i.split(':')[0])).toEqual(['BREAKDOWN_SUM@2']);
    }
  });

  it('give the same changes from the year before, in the file or in the warehouse, or none', async () => {
    // the warehouse's current values (what the rule reads of observation_current): TIP_VIC 2024 and COR_OFF 2023
    await store.run(`create or replace temp table previous_values as
      select * from (values ('ROU', 2024, 'TIP_VIC', '_T', '_T', '_T', '_T', 10.0), ('ROU', 2023, 'COR_OFF', '_T', '_T', '_T', '_T', 10.0))
        as t (ref_area, time_period, indicator, sex, age, counterpart_area, breakdown, obs_value)`);
    const text = (issues: Awaited<ReturnType<typeof validatePath>>['issues']) => issues.map((i) => `${i.code}@${i.line}:${i.message}`);
    const cases: Array<[string[], string[]]> = [
      [['ROU,2025,TIP_VIC,_T,_T,_T,_T,100,A,F,'], ['CHANGE_WITHOUT_COMMENT@2']], // against the warehouse
      [['ROU,2025,FA_SEIZED,_T,_T,_T,_T,100,A,F,', 'ROU,2024,FA_SEIZED,_T,_T,_T,_T,10,A,F,'], ['CHANGE_WITHOUT_COMMENT@2']], // within the file
      [['ROU,2025,COR_OFF,_T,_T,_T,_T,100,A,F,'], []], // its year before is nowhere (2023 is two years before)
    ];
    for (const [lines, expected] of cases) {
      const path = write([HEADER, ...lines].join('\n') + '\n');
      const gated = text((await validatePath(session, path, { previous: 'previous_values' })).issues);
      expect(gated).toEqual(text((await validatePath(session, path, { previous: 'previous_values', isUngated: true })).issues));
      expect(gated.map((i) => i.split(':')[0])).toEqual(expected);
    }
  });
});

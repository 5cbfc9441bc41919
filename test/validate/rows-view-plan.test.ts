import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { dropValidation, validateFile, type ValidationSession } from '../../src/validate/index.js';
import { prefilter } from '../../src/validate/row-prefilter.js';
import type { RuleContext } from '../../src/validate/rule-context.js';
import { tempDir } from '../helpers/warehouse.js';
import { openSession } from './validate-helper.js';

// A large file's typed rows are a view over the cells as read, and every rule's pass is a query of it: a query that
// reads some columns must not compute the others. DuckDB computes a subexpression that repeats within the view's
// select (a trim in both of COMMENT's tests) once for every row, ahead of the CASE that guards it, in every query of
// the view: COMMENT's NA and #N/A tests once put 0.4 s on each of eight passes over a million rows.

let store: Store;
let session: ValidationSession;
beforeAll(async () => ({ store, session } = await openSession()));
afterAll(() => store?.close());

describe('the rows view of a large file', () => {
  it('computes COMMENT only for a query that reads it (the plan of a count by REF_AREA holds no trim and no regular expression), reads it without a join, and reads a year and a value typed once', async () => {
    const header = 'REF_AREA,TIME_PERIOD,INDICATOR,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE,OBS_STATUS,CONF_STATUS,COMMENT';
    const comments = ['NA', ' nan\t', '#N/A', 'police records', ''];
    const lines = Array.from({ length: 12_000 }, (_, i) => `ROU,${2000 + (i % 26)},TIP_VIC,_T,_T,_T,_T,${i},,,${comments[i % comments.length]}`);
    const path = join(tempDir(), 'ROU_2025.csv');
    writeFileSync(path, `${[header, ...lines].join('\n')}\n`);
    const validation = await validateFile(session, path, { displayName: 'ROU_2025.csv', now: new Date('2026-03-01T00:00:00Z'), changeWarning: { percent: 50, units: 20 } });
    const plan = (await store.all<{ explain_value: string }>(`explain select ref_area, count(*) from ${validation.rowsTable} where ref_area is not null group by ref_area`))
      .map((r) => r.explain_value).join('\n');
    // the year was typed as the file was read: a pass that reads it casts nothing
    const yearPlan = (await store.all<{ explain_value: string }>(`explain select count(*) from ${validation.rowsTable} where time_period between 1990 and 2026`))
      .map((r) => r.explain_value).join('\n');
    const [years] = await store.all<{ n: number; first: number }>(`select count(distinct time_period)::integer as n, min(time_period) as first from ${validation.rowsTable}`);
    // so was OBS_VALUE: a pass that reads the number casts nothing and matches no pattern
    const valuePlan = (await store.all<{ explain_value: string }>(`explain select count(*) from ${validation.rowsTable} where obs_value >= 0`))
      .map((r) => r.explain_value).join('\n');
    const [values] = await store.all<{ total: number; top: number }>(`select sum(obs_value)::bigint::integer as total, max(obs_value) as top from ${validation.rowsTable}`);
    // nor does reading COMMENT join anything: DuckDB turns an IN list of constants into a join with the list, which
    // made the insert of a million rows 0.33 s slower and 75 MB larger
    const commentPlan = (await store.all<{ explain_value: string }>(`explain select line, comment from ${validation.rowsTable} where not is_blank`))
      .map((r) => r.explain_value).join('\n');
    const [comment] = await store.all<{ empty: number; kept: number }>(
      `select count(*) filter (where comment is null)::integer as empty, count(*) filter (where comment = 'police records')::integer as kept from ${validation.rowsTable}`,
    );
    await dropValidation(session, validation);
    expect(plan).toMatch(/SEQ_SCAN/); // the plan was read
    expect(plan).not.toMatch(/regexp|trim/i);
    expect(commentPlan).toMatch(/SEQ_SCAN/);
    expect(commentPlan).not.toMatch(/JOIN/);
    expect(yearPlan).toMatch(/SEQ_SCAN/);
    expect(yearPlan).not.toMatch(/cast|regexp/i);
    expect(years).toEqual({ n: 26, first: 2000 });
    expect(valuePlan).toMatch(/SEQ_SCAN/);
    expect(valuePlan).not.toMatch(/cast|regexp/i);
    expect(values).toEqual({ total: 71_994_000, top: 11_999 }); // 0 + 1 + … + 11,999
    // and COMMENT still reads the marks as empty: 4 in 5 rows (NA, nan with a tab, #N/A, the empty cell), the words kept
    expect(comment).toEqual({ empty: 9_600, kept: 2_400 });
  });

  it('reads a decimal comma as the file is read in a file delimited by semicolons (12,5 is 12.5), and text that is no number as none, its cell kept', async () => {
    const header = 'REF_AREA;TIME_PERIOD;INDICATOR;SEX;AGE;COUNTERPART_AREA;BREAKDOWN;OBS_VALUE;OBS_STATUS;CONF_STATUS;COMMENT';
    const values = ['12,5', ' 7 ', 'n/a', '1e3'];
    const lines = Array.from({ length: 12_000 }, (_, i) => `ROU;${2000 + (i % 26)};TIP_VIC;_T;_T;_T;_T;${values[i % values.length]};;;`);
    const path = join(tempDir(), 'ROU_2025.csv');
    writeFileSync(path, `${[header, ...lines].join('\n')}\n`);
    const validation = await validateFile(session, path, { displayName: 'ROU_2025.csv', now: new Date('2026-03-01T00:00:00Z'), changeWarning: { percent: 50, units: 20 } });
    const read = await store.all<{ value_in: string; value: number | null; n: number }>(
      `select obs_value_in as value_in, obs_value as value, count(*)::integer as n from ${validation.rowsTable} group by all order by value_in`,
    );
    await dropValidation(session, validation);
    expect(read).toEqual([
      { value_in: '12,5', value: 12.5, n: 3_000 },
      { value_in: '1e3', value: null, n: 3_000 },
      { value_in: '7', value: 7, n: 3_000 },
      { value_in: 'n/a', value: null, n: 3_000 },
    ]);
  });

  it('keeps the rows a rule could report on (a negative zero, every B, a year that is none) in one pass that joins nothing', async () => {
    const header = 'REF_AREA,TIME_PERIOD,INDICATOR,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE,OBS_STATUS,CONF_STATUS,COMMENT';
    const lines = [
      'ROU,2024,TIP_VIC,_T,_T,_T,_T,12,A,F,', // clean: not kept
      'ROU,2024,TIP_VIC,F,_T,_T,_T,-0,A,F,', // a negative zero
      'ROU,2024,TIP_VIC,M,_T,_T,_T,-5,A,F,', // a negative count
      'ROU,2024,TIP_VIC,_T,_T,_T,SEX_EXPL,7,B,F,a new law', // every B is kept, with its comment too
      'ROU,1989,TIP_VIC,_T,_T,_T,FORCED_LAB,3,A,F,', // a year out of bounds
      'ROU,24,TIP_VIC,_T,_T,_T,ORGAN,3,A,F,', // no year
      'ROU,2024,TIP_VIC,_T,_T,_T,CANNABIS,3,A,F,', // a breakdown of another list
      'ROU,2024,COR_OFF,_T,Y15T17,_T,_T,3,A,F,', // an age for an indicator without AGE
      'ROU,2024,TIP_OFF,_T,_T,_T,OTHER,3,M,F,', // a missing figure
    ];
    const path = join(tempDir(), 'ROU_2024.csv');
    writeFileSync(path, `${[header, ...lines].join('\n')}\n`);
    const validation = await validateFile(session, path, { displayName: 'ROU_2024.csv', now: new Date('2026-03-01T00:00:00Z'), changeWarning: { percent: 50, units: 20 } });
    const ctx = { dimensions: session.dimensions, maxYear: 2026, year: 2024 } as RuleContext;
    const query = `select line from ${validation.rowsTable} as p where ${prefilter(ctx)} order by line`;
    const plan = (await store.all<{ explain_value: string }>(`explain ${query}`)).map((r) => r.explain_value).join('\n');
    const kept = (await store.all<{ line: number }>(query)).map((r) => r.line);
    await dropValidation(session, validation);
    // an IN list of constants is planned as a join with the list: 0.08 s more per million rows
    expect(plan).toMatch(/SEQ_SCAN/);
    expect(plan).not.toMatch(/JOIN/);
    expect(kept).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

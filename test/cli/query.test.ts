import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryAction } from '../../src/cli/query.js';
import { createContext } from '../../src/context.js';
import { PipelineError } from '../../src/errors.js';
import { openStore } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { insertObservations, openTestWarehouse, tempDir } from '../helpers/warehouse.js';

let dir: string;
let warehouse: string;

beforeAll(async () => {
  dir = tempDir('query-');
  warehouse = join(dir, 'warehouse.duckdb');
  const store = await openTestWarehouse(warehouse);
  await insertObservations(store, [
    { ref_area: 'ROU', time_period: 2024, indicator: 'TIP_VIC', obs_value: 596 },
    { ref_area: 'ROU', time_period: 2024, indicator: 'DRG_SEIZ_KG', obs_value: 0.1 },
    { ref_area: 'ROU', time_period: 2024, indicator: 'FA_SEIZED', obs_value: 201, comment: 'line one\nline two\tand a tab \u001b[31mred\u001b[0m' },
  ]);
  await store.run('checkpoint');
  store.close();
});

/** Bytes, size and modification time of every file in the warehouse's folder (a WAL or a stray file shows up too). */
function fingerprint(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).map((name) => {
      const path = join(dir, name);
      const stat = statSync(path);
      const hash = stat.isFile() ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'dir';
      return [name, `${hash} ${stat.size} ${stat.mtimeMs}`];
    }),
  );
}

/** Runs queryAction in-process and returns what it printed, or the error it threw. */
async function query(sql: string | undefined, options: Record<string, unknown> = {}): Promise<{ out: string; error?: PipelineError }> {
  let out = '';
  const ctx = createContext({ out: (text) => (out += text) });
  try {
    await queryAction(ctx, sql, { format: 'table', warehouse, ...options });
    return { out };
  } catch (error) {
    if (!(error instanceof PipelineError)) throw error;
    return { out, error };
  }
}

describe('crimetrends query: the warehouse cannot be written', () => {
  const side = (name: string): string => join(tempDir('query-side-'), name);
  const copyTarget = side('copy.csv');
  const attachTarget = side('other.duckdb');
  const exportTarget = side('exported');
  const blocked: Array<[string, string, RegExp]> = [
    ['DROP', 'drop table observation', /DROP would change the schema/],
    ['DELETE', 'delete from observation', /DELETE would change rows/],
    ['INSERT', 'insert into observation select * from observation', /INSERT would change rows/],
    ['UPDATE', 'update observation set obs_value = 0', /UPDATE would change rows/],
    ['CREATE TABLE', 'create table t as select 1 as x', /CREATE would change the schema/],
    ['CREATE TEMP TABLE', 'create temp table t as select 1 as x', /CREATE would change the schema/],
    ['CREATE VIEW', 'create view v as select 1 as x', /CREATE would change the schema/],
    ['CREATE MACRO', 'create macro m(x) as x + 1', /CREATE would change the schema/],
    ['ALTER', 'alter table observation add column x integer', /ALTER would change the schema/],
    ['COPY TO', `copy (select * from observation) to '${copyTarget}'`, /COPY would write or read files/],
    ['COPY FROM', `copy observation from '${copyTarget}'`, /COPY would write or read files/],
    ['EXPORT DATABASE', `export database '${exportTarget}'`, /EXPORT would write or read files/],
    ['ATTACH', `attach '${attachTarget}' as other`, /ATTACH would attach another database/],
    ['DETACH', 'detach memory', /DETACH would detach a database/],
    ['USE', 'use memory', /USE would switch to another database/],
    ['EXPLAIN of a DROP', 'explain drop table observation', /DROP would change the schema/],
    ['EXPLAIN ANALYZE of an INSERT', 'explain analyze insert into observation select * from observation', /INSERT would change rows/],
    ['INSTALL', 'install httpfs', /INSTALL would install or load an extension/],
    ['LOAD', 'load httpfs', /LOAD would install or load an extension/],
    ['SET', "set enable_external_access = true", /SET would change a setting/],
    ['RESET', 'reset lock_configuration', /RESET would change a setting/],
    ['PRAGMA', 'pragma enable_profiling', /PRAGMA would run a pragma \(for the catalogue, select from duckdb_tables\(\)/],
    ['CALL', 'call pragma_version()', /CALL would run a command/],
    ['CHECKPOINT', 'checkpoint', /CHECKPOINT would run a command/],
    ['VACUUM', 'vacuum', /VACUUM would run a command/],
    ['BEGIN', 'begin transaction', /BEGIN would run a command/],
    ['WITH … INSERT', 'with a as (select * from observation) insert into observation select * from a', /a statement that is not a SELECT/],
    ['a write after a SELECT', 'select 1; drop table observation', /a statement that is not a SELECT/],
    ['a commented DROP', '/* harmless */ -- really\n  DROP TABLE observation', /DROP would change the schema/],
  ];

  it.each(blocked)('refuses %s with a clear message and leaves every file as it was', async (_name, sql, reason) => {
    const before = fingerprint();
    const { out, error } = await query(sql);
    expect(error?.code).toBe('QUERY_NOT_READ_ONLY');
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toMatch(/^query is read-only: /);
    expect(error?.message).toMatch(reason);
    expect(error?.message).toMatch(/only a single SELECT query can run$/);
    expect(out).toBe('');
    expect(fingerprint()).toEqual(before);
    for (const target of [copyTarget, attachTarget, exportTarget]) expect(existsSync(target), target).toBe(false);
  });

  it('reaches no file besides the warehouse, and installs no extension, even from a SELECT', async () => {
    const before = fingerprint();
    const csv = join(dir, 'lookup.csv');
    const local = await query(`select * from read_csv('${csv}')`);
    expect(local.error?.code).toBe('QUERY_FAILED');
    expect(local.error?.message).toMatch(/Permission Error: .*file system operations are disabled/);
    const remote = await query("select * from read_parquet('https://example.org/x.parquet')");
    expect(remote.error?.code).toBe('QUERY_FAILED');
    expect(fingerprint()).toEqual(before);
  });

  it('still answers a SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE and EXPLAIN [ANALYZE] of a SELECT', async () => {
    const answer = async (sql: string): Promise<Array<Record<string, unknown>>> => {
      const { out, error } = await query(sql, { format: 'json' });
      expect(error, sql).toBeUndefined();
      return JSON.parse(out) as Array<Record<string, unknown>>;
    };
    // the three observations of beforeAll
    expect(await answer('select count(*) as n from observation')).toEqual([{ n: 3 }]);
    expect(await answer('with t as (select 1 as x) select * from t')).toEqual([{ x: 1 }]);
    expect(await answer('from observation_current limit 1')).toMatchObject([{ ref_area: 'ROU', time_period: 2024, source: 'RETURN' }]);
    expect((await answer('describe observation')).map((c) => c.column_name)).toEqual([
      'submission_id', 'line', 'ref_area', 'time_period', 'indicator', 'sex', 'age', 'counterpart_area', 'breakdown',
      'obs_value', 'obs_status', 'conf_status', 'comment', 'source', 'is_current', 'published_text',
    ]);
    expect((await answer('show tables')).map((t) => t.name)).toEqual(expect.arrayContaining(['observation', 'observation_current', 'population', 'submission', 'validation_issue']));
    expect(await answer('summarize select 1 as x')).toMatchObject([{ column_name: 'x', column_type: 'INTEGER', min: '1', max: '1', count: 1, null_percentage: 0 }]);
    const [plan] = await answer('explain select * from observation');
    expect(plan).toMatchObject({ explain_key: 'physical_plan' });
    expect(plan!.explain_value).toMatch(/SEQ_SCAN[\s\S]*warehouse\.main\.observation[\s\S]*~3 rows/);
    const [analyzed] = await answer('-- timing\nEXPLAIN ANALYZE select count(*) from observation');
    expect(analyzed).toMatchObject({ explain_key: 'analyzed_plan' });
    expect(analyzed!.explain_value).toContain('Query Profiling Information');
  });

  it('refuses an empty query, two queries, a query both as argument and --file, and none at all', async () => {
    const empty = join(dir, 'empty.sql');
    writeFileSync(empty, '-- nothing to run\n');
    const refusal = async (sql: string | undefined, options: Record<string, unknown> = {}) => {
      const { out, error } = await query(sql, options);
      expect(out).toBe('');
      return { code: error?.code, exitCode: error?.exitCode, message: error?.message, hint: error?.hint };
    };
    const readOnly = 'query reads only: write a SELECT (or WITH … SELECT, FROM …, DESCRIBE, SHOW, SUMMARIZE); use export for files';
    expect(await refusal(undefined, { file: empty })).toEqual({ code: 'QUERY_EMPTY', exitCode: 2, message: 'the query is empty: expected one SELECT statement', hint: readOnly });
    expect(await refusal('select 1; select 2')).toEqual({ code: 'QUERY_MULTIPLE_STATEMENTS', exitCode: 2, message: 'expected one SELECT statement, found 2', hint: 'run one query at a time' });
    expect(await refusal('select 1', { file: empty })).toEqual({ code: 'QUERY_TWICE', exitCode: 2, message: 'give the query either as an argument or with --file, not both', hint: undefined });
    expect(await refusal(undefined)).toEqual({
      code: 'QUERY_MISSING', exitCode: 2, message: 'expected a query: crimetrends query "select …" or --file q.sql', hint: 'crimetrends query --schema lists what can be queried',
    });
    expect(await refusal('select 1', { format: 'parquet' })).toEqual({ code: 'OUT_REQUIRED', exitCode: 2, message: '--format parquet writes a file: add --out FILE.parquet', hint: undefined });
  });

  it('says in words why a --file cannot be read, with a hint (was: Node\'s "ENOENT: no such file or directory, open \'/abs/q.sql\'")', async () => {
    const missing = (await query(undefined, { file: join(dir, 'nofile.sql') })).error;
    expect(missing).toMatchObject({ code: 'QUERY_FILE_UNREADABLE', exitCode: 2, hint: 'check the path; --file names a file holding the query' });
    expect(missing?.message).toMatch(/^cannot read .*nofile\.sql: no such file$/);
    const folder = (await query(undefined, { file: dir })).error;
    expect(folder?.message).toMatch(/^cannot read .*: a folder, not a file$/);
    // a folder had no hint
    expect(folder?.hint).toBe('check the path; --file names a file holding the query');
  });
});

describe('crimetrends query through the CLI', () => {
  it('shows DuckDB\'s message with LINE and a caret under the position, exit 1, no stack trace', async () => {
    const result = await runCli(['query', '--warehouse', warehouse, 'select ref_area, nope from observation_current']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n');
    expect(lines[0]).toMatch(/^error: Binder Error: Referenced column "nope" not found in FROM clause! \[QUERY_FAILED\]$/);
    const at = lines.findIndex((l) => l.startsWith('LINE 1: '));
    expect(lines[at]).toBe('LINE 1: select ref_area, nope from observation_current');
    expect(lines[at + 1]!.indexOf('^')).toBe(lines[at]!.indexOf('nope'));
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('locates an error in a --file query at its file and line', async () => {
    const file = join(dir, 'broken.sql');
    writeFileSync(file, 'select ref_area,\n  count(*) as n\nfrom observation_current\ngroup by ref_aera\n');
    const result = await runCli(['query', '--warehouse', warehouse, '--file', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*broken\.sql:4 column 10: Binder Error: .*"ref_aera".* \[QUERY_FAILED\]/);
    expect(result.stderr).toMatch(/\nLINE 4: group by ref_aera\n\s+\^/);
    // DuckDB's candidates are the columns of FROM's relations only: the hint says where the others are
    expect(result.stderr).toContain('\nhint: crimetrends query --schema lists every view, table and mart with its columns\n');
  });

  it('warns where a state\'s name or a code in small letters is compared with a code column, located, with the code meant (was: no row, exit 0, no word)', async () => {
    const sql = "select ref_area, indicator, obs_value from observation_current\nwhere ref_area in ('Romania', 'ro') and indicator = 'tip_vic' and source <> 'unodc'";
    const result = await runCli(['query', '--warehouse', warehouse, sql]);
    expect(result).toEqual({
      code: 0,
      stdout: 'ref_area  indicator  obs_value\n--------  ---------  ---------\n',
      stderr: [
        "warning: line 2 column 20: no row has ref_area 'Romania': ref_area holds ISO 3166-1 alpha-3 codes (Kosovo XKX), _T, _U or _Z; did you mean 'ROU'?",
        "warning: line 2 column 31: no row has ref_area 'ro': ref_area holds ISO 3166-1 alpha-3 codes (Kosovo XKX), _T, _U or _Z; did you mean 'ROU'?",
        "warning: line 2 column 53: no row has indicator 'tip_vic': indicator holds indicator codes (ref_indicator.code); did you mean 'TIP_VIC'?",
        "warning: line 2 column 77: no row has source 'unodc': source holds RETURN, UNODC, EUROSTAT or WORLDBANK; did you mean 'UNODC'?",
        '',
      ].join('\n'),
    });
    // the codes meant give the figure, and no warning; a name in a comment or a text column is never taken
    const file = join(dir, 'codes.sql');
    writeFileSync(file, "-- Romania's victims\nselect obs_value, 'Romania' as name from observation_current\nwhere ref_area = 'ROU' and indicator = 'TIP_VIC' and counterpart_area in ('_T', 'XKX') and comment is distinct from 'Romania'\n");
    expect(await runCli(['query', '--warehouse', warehouse, '--format', 'csv', '--file', file])).toEqual({ code: 0, stdout: 'obs_value,name\n596,Romania\n', stderr: '' });
    // the code lists of the reference: sex, age, breakdown, statuses, groups
    const lists = await runCli(['query', '--warehouse', warehouse, '--format', 'csv', "select count(*) as n from observation_current where sex = 'f' and breakdown <> 'sex_expl' and conf_status = 'f'"]);
    expect(lists).toEqual({
      code: 0,
      stdout: 'n\n0\n',
      stderr: [
        "warning: line 1 column 59: no row has sex 'f': sex holds _T, F, M or _U; did you mean 'F'?",
        "warning: line 1 column 80: no row has breakdown 'sex_expl': breakdown holds breakdown codes (ref_code) or _T; did you mean 'SEX_EXPL'?",
        "warning: line 1 column 109: no row has conf_status 'f': conf_status holds F, C or N; did you mean 'F'?",
        '',
      ].join('\n'),
    });
    // in a --file, located in the file; a value nothing is near is named with what the column holds
    writeFileSync(file, "select count(*) as n from observation_current\nwhere counterpart_area = 'Atlantis'\n");
    const located = await runCli(['query', '--warehouse', warehouse, '--format', 'csv', '--file', file]);
    expect(located.stdout).toBe('n\n0\n');
    expect(located.stderr).toMatch(/^warning: \S*codes\.sql:2 column 26: no row has counterpart_area 'Atlantis': counterpart_area holds ISO 3166-1 alpha-3 codes \(Kosovo XKX\), _T, _U or _Z\n$/);
  });

  it('gives the column of a syntax error on line 3 of --file, in every format, and of one far along a long line', async () => {
    // it said "broken.sql:3:" and "column": null: the caret alone showed where
    const file = join(dir, 'syntax.sql');
    writeFileSync(file, 'select ref_area,\n  time_period\nfrom from observation_current\nlimit 3\n');
    for (const format of ['table', 'csv', 'json', 'parquet']) {
      const result = await runCli(['query', '--warehouse', warehouse, '--file', file, '--format', format, '--out', join(dir, `syntax.${format}`)]);
      expect(result.code).toBe(1);
      expect(result.stderr.split('\n')[0]).toMatch(/^error: .*syntax\.sql:3 column 6: Parser Error: syntax error at or near "from" \[QUERY_FAILED\]$/);
    }
    const json = await runCli(['query', '--warehouse', warehouse, '--file', file, '--json']);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'QUERY_FAILED', line: 3, column: 6 });
    // DuckDB shows a long line as a window between "...": the column is counted in the query's own line (200 spaces, "1 + 2 b c": c at 209)
    const long = `select 1 as a,\n${' '.repeat(200)}1 + 2 b c from range(3)`;
    const far = JSON.parse((await runCli(['query', '--warehouse', warehouse, '--json', long])).stdout).error;
    expect(far).toMatchObject({ line: 2, column: 209 });
    expect(far.message).toMatch(/syntax error at or near "c"\n\nLINE 2: \.\.\. +1 \+ 2 b c from range\(3\)\n/);
  });

  it('refuses a write with exit 2, one line and a hint, and leaves the warehouse as it was', async () => {
    const before = fingerprint();
    const result = await runCli(['query', '--warehouse', warehouse, 'DROP TABLE observation']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: query is read-only: DROP would change the schema \("DROP TABLE observation"\); only a single SELECT query can run \[QUERY_NOT_READ_ONLY\]\nhint: /);
    expect(fingerprint()).toEqual(before);
  });

  const EXACT = `select 9007199254740993::bigint as big, 170141183460469231731687303715884105727::hugeint as huge,
    0.1::decimal(10,2) + 0.2::decimal(10,2) as dec, 12345678901234567890.123456789::decimal(38,9) as wide,
    0.1::double + 0.2::double as dbl, 1.1::float as flt, 7::integer as int, -2::bigint as neg, null as nothing`;

  it('prints BIGINT, HUGEINT and DECIMAL exactly in a table, never 1n nor float noise', async () => {
    const result = await runCli(['query', '--warehouse', warehouse, EXACT]);
    expect(result.code).toBe(0);
    const [header, rule, row] = result.stdout.split('\n');
    expect(header!.trim().split(/\s+/)).toEqual(['big', 'huge', 'dec', 'wide', 'dbl', 'flt', 'int', 'neg', 'nothing']);
    expect(rule).toMatch(/^-+( +-+)+$/);
    expect(row!.trim().split(/\s+/)).toEqual([
      '9007199254740993', '170141183460469231731687303715884105727', '0.30', '12345678901234567890.123456789',
      '0.30000000000000004', '1.1', '7', '-2', 'NULL',
    ]);
    expect(result.stdout).not.toMatch(/\dn\b/);
  });

  it('prints numbers as JSON numbers where they fit and as strings where a double would lose digits', async () => {
    const result = await runCli(['query', '--warehouse', warehouse, '--format', 'json', EXACT]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"dec":0.3,');
    expect(JSON.parse(result.stdout)).toEqual([
      { big: '9007199254740993', huge: '170141183460469231731687303715884105727', dec: 0.3, wide: '12345678901234567890.123456789', dbl: 0.30000000000000004, flt: 1.1, int: 7, neg: -2, nothing: null },
    ]);
    const rows = JSON.parse((await runCli(['query', '--warehouse', warehouse, '--format', 'json', 'select ref_area, time_period, obs_value from observation order by indicator'])).stdout);
    expect(rows).toEqual([
      { ref_area: 'ROU', time_period: 2024, obs_value: 0.1 },
      { ref_area: 'ROU', time_period: 2024, obs_value: 201 },
      { ref_area: 'ROU', time_period: 2024, obs_value: 596 },
    ]);
    expect((await runCli(['query', '--warehouse', warehouse, '--format', 'json', 'select 1 as x where false'])).stdout).toBe('[]\n');
  });

  it('prints a MAP as DuckDB casts it to text, in a table and in CSV, and as a JSON object (was: node-api\'s {\'a\': 1})', async () => {
    const sql = "select map(['ROU', 'a,b'], [596, 2]) as m, map([2024], [['x y', '']]) as n";
    const table = await runCli(['query', '--warehouse', warehouse, sql]);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n').slice(0, 3).map((line) => line.trimEnd())).toEqual([
      'm                   n',
      '------------------  ----------------',
      "{ROU=596, 'a,b'=2}  {2024=[x y, '']}",
    ]);
    const csv = await runCli(['query', '--warehouse', warehouse, '--format', 'csv', sql]);
    expect(csv.stdout).toBe(`m,n\n"{ROU=596, 'a,b'=2}","{2024=[x y, '']}"\n`);
    const json = await runCli(['query', '--warehouse', warehouse, '--format', 'json', sql]);
    expect(json.stdout).toBe('[\n{"m":{"ROU":596,"a,b":2},"n":{"2024":["x y",""]}}\n]\n');
  });

  it('writes CSV with the exact values and RFC 4180 quoting', async () => {
    const result = await runCli(['query', '--warehouse', warehouse, '--format', 'csv', `${EXACT}, 'a, "b"' as text`]);
    expect(result.stdout).toBe(
      'big,huge,dec,wide,dbl,flt,int,neg,nothing,text\n9007199254740993,170141183460469231731687303715884105727,0.30,12345678901234567890.123456789,0.30000000000000004,1.1,7,-2,,"a, ""b"""\n',
    );
  });

  it('tells a NULL from an empty text in CSV ("" against nothing) and keeps the sign of a negative zero, as DuckDB prints them', async () => {
    const sql = "select null::varchar as missing, '' as empty, -0.0::double as neg_zero, 0.0::double as zero, -1.0::double * 0.0::double as product";
    const result = await runCli(['query', '--warehouse', warehouse, '--format', 'csv', sql]);
    expect(result.stdout).toBe('missing,empty,neg_zero,zero,product\n,"",-0,0,-0\n');
    // read back as DuckDB's own COPY output reads losslessly (allow_quoted_nulls off): a NULL, and an empty text
    const file = join(tempDir('csv-null-'), 'q.csv');
    writeFileSync(file, result.stdout);
    const reader = await openStore(':memory:');
    try {
      const read = await reader.all(`select missing is null as is_null, empty = '' as is_empty from read_csv('${file}', all_varchar = true, allow_quoted_nulls = false)`);
      expect(read).toEqual([{ is_null: true, is_empty: true }]);
    } finally {
      reader.close();
    }
  });

  it('keeps the layout of a piped table: control characters shown, numbers right-aligned, nothing cut', async () => {
    const result = await runCli(['query', '--warehouse', warehouse, 'select indicator, obs_value, comment from observation order by indicator']);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(lines[3]).toContain('line one↵line two·and a tab ·[31mred·[0m');
    const valueEnd = lines[0]!.indexOf('obs_value') + 'obs_value'.length;
    for (const line of lines.slice(2)) expect(line[valueEnd - 1]).toMatch(/\d/);
  });

  it('aligns a table by the columns a terminal shows: a decomposed ü or ї one, a CJK character two, a zero-width space none', async () => {
    const sql = `select * from (values ('Türkiye', 1), ('Tu' || chr(776) || 'rkiye', 2), ('Ки' || chr(1110) || chr(776) || 'в', 3), ('日本', 4), ('ok' || chr(8203), 5)) as t(name, n)`;
    const result = await runCli(['query', '--warehouse', warehouse, sql]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      ['name     n', '-------  -', 'Türkiye  1', 'Tu\u0308rkiye  2', 'Ки\u0456\u0308в     3', '日本     4', 'ok\u200b       5', ''].join('\n'),
    );
  });

  it('--schema --out: a folder or an unwritable path is a usage error, not an internal one; --json names the file on stdout', async () => {
    const folder = tempDir('schema-out-');
    const toFolder = await runCli(['query', '--schema', '--out', folder]);
    expect(toFolder.code).toBe(2);
    expect(toFolder.stderr).toMatch(new RegExp(`^error: --out ${folder}: is a folder; expected a file name \\[OUT_UNWRITABLE\\]\n`));
    const nested = join(folder, 'new', 'schema.txt');
    const written = await runCli(['query', '--schema', '--out', nested]);
    expect({ code: written.code, stdout: written.stdout, stderr: written.stderr }).toEqual({ code: 0, stdout: '', stderr: `wrote the list of relations to ${nested}\n` });
    expect(readFileSync(nested, 'utf8')).toMatch(/^Views and tables are in the warehouse/);
    const json = join(folder, 'schema.json');
    const document = await runCli(['query', '--schema', '--json', '--out', json]);
    expect(JSON.parse(document.stdout)).toEqual({ ok: true, command: 'query', outputs: [json], issues: [] });
    expect(JSON.parse(readFileSync(json, 'utf8')).relations.length).toBeGreaterThan(10);
    expect(readdirSync(folder).sort()).toEqual(['new', 'schema.json']);
    // a workbook's name is refused, a .csv holding the text listing warned of (it was written as either, no word)
    expect(await runCli(['query', '--schema', '--out', join(folder, 'schema.xlsx')])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: --out ${join(folder, 'schema.xlsx')}: query writes no Excel workbook, and Excel does not open a text table under a workbook's name [USAGE_ERROR]\nhint: name it ${join(folder, 'schema.txt')}\n`,
    });
    expect((await runCli(['query', '--schema', '--out', join(folder, 'schema.csv')])).stderr).toBe(
      `warning: --out ${join(folder, 'schema.csv')} holds a text table, not CSV as its name says\nwrote the list of relations to ${join(folder, 'schema.csv')}\n`,
    );
  });

  it('--schema refuses --format csv or parquet and a query beside it (exit 2) instead of ignoring them', async () => {
    const csv = await runCli(['query', '--schema', '--format', 'csv']);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toBe('error: --schema lists the relations as a table or as JSON, not as csv [USAGE_ERROR]\nhint: crimetrends query --schema --format json\n');
    const both = await runCli(['query', '--schema', 'select 1']);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('error: give either a query or --schema, not both [QUERY_TWICE]\n');
  });

  it('answers a PIVOT with an IN list; refuses one without (DuckDB first creates a type) saying how to write it, exit 2', async () => {
    const pivot = "pivot (select indicator, time_period, obs_value from observation) on time_period";
    const refused = await runCli(['query', '--warehouse', warehouse, `${pivot} using sum(obs_value)`]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `error: query is read-only: a PIVOT without an IN list on its ON column first creates a type of the column's values ("${pivot.slice(0, 59)}…"); list the values instead [QUERY_NOT_READ_ONLY]\n` +
        "hint: PIVOT … ON time_period IN (2024, 2025) USING sum(obs_value), or sum(obs_value) FILTER (WHERE time_period = 2025) AS y2025 in a SELECT\n",
    );
    const answered = await runCli(['query', '--warehouse', warehouse, '--format', 'csv', `${pivot} in (2023, 2024) using sum(obs_value) order by indicator`]);
    expect(answered.stderr).toBe('');
    expect(answered.stdout).toBe('indicator,2023,2024\nDRG_SEIZ_KG,,0.1\nFA_SEIZED,,201\nTIP_VIC,,596\n');
  });

  it('prints a table of 300,000 rows whole and aligned (the widths were a spread of every row: stack overflow)', async () => {
    const result = await runCli(['query', '--warehouse', warehouse, "select range as n, repeat('x', (range % 7)::integer) as s from range(300000) order by n"]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toHaveLength(300003); // header, rule, 300,000 rows, and the final line break
    expect(lines.slice(0, 3)).toEqual(['     n  s', '------  ------', '     0']);
    expect(lines[8]).toBe('     6  xxxxxx');
    expect(lines[300001]).toBe('299999'); // 299999 % 7 = 0: an empty cell, the line trimmed
    expect(lines[300002]).toBe('');
  });

  it('shows the first 1000 rows of a longer table on a terminal and says how many there are and how to get them all (it scrolled every row past)', async () => {
    const infos: string[] = [];
    let out = '';
    const ctx = createContext({ out: (text) => (out += text), logger: { info: (m) => infos.push(m), warn: () => undefined, debug: () => undefined } });
    const wasTty = process.stdout.isTTY;
    Object.defineProperty(process.stdout, 'isTTY', { value: true, configurable: true });
    try {
      await queryAction(ctx, 'select range as n from range(2500) order by n', { warehouse });
    } finally {
      Object.defineProperty(process.stdout, 'isTTY', { value: wasTty, configurable: true });
    }
    const lines = out.split('\n');
    expect(lines).toHaveLength(1003);
    expect(lines.slice(0, 3)).toEqual(['  n', '---', '  0']);
    expect(lines[1001]).toBe('999');
    expect(infos).toEqual(['(2500 rows, the first 1000 shown: --out q.csv writes them all, as does a pipe: crimetrends query … | less -S)']);
  });

  it('writes Parquet with --out through DuckDB, readable back, the warehouse unchanged', async () => {
    const before = fingerprint();
    const out = join(tempDir(), 'result.parquet');
    const result = await runCli(['query', '--warehouse', warehouse, '--format', 'parquet', '--out', out, 'select * from observation_current order by indicator;']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/wrote 3 rows to .*result\.parquet/);
    expect(fingerprint()).toEqual(before);
    const reader = await openStore(':memory:');
    const rows = await reader.all(`select indicator, obs_value from read_parquet('${out}')`);
    reader.close();
    expect(rows).toEqual([
      { indicator: 'DRG_SEIZ_KG', obs_value: 0.1 },
      { indicator: 'FA_SEIZED', obs_value: 201 },
      { indicator: 'TIP_VIC', obs_value: 596 },
    ]);
    expect(readdirSync(join(out, '..'))).toEqual(['result.parquet']);
  });

  it('takes the format from the --out file\'s extension when --format is not given (was: a text table named q.parquet)', async () => {
    const folder = tempDir('query-extension-');
    const sql = "select 1 as x, 'a,b' as y";
    const write = (name: string, ...more: string[]) => runCli(['query', '--warehouse', warehouse, '--out', join(folder, name), ...more, sql]);
    expect((await write('q.parquet')).code).toBe(0);
    const reader = await openStore(':memory:');
    const rows = await reader.all(`select * from read_parquet('${join(folder, 'q.parquet')}')`);
    reader.close();
    expect(rows).toEqual([{ x: 1, y: 'a,b' }]);
    expect((await write('Q.CSV', '--json')).code).toBe(0); // --json alone used to put a JSON array in it
    expect(readFileSync(join(folder, 'Q.CSV'), 'utf8')).toBe('x,y\n1,"a,b"\n');
    expect((await write('q.json')).code).toBe(0);
    expect(JSON.parse(readFileSync(join(folder, 'q.json'), 'utf8'))).toEqual([{ x: 1, y: 'a,b' }]);
    expect((await write('q.txt')).code).toBe(0);
    expect(readFileSync(join(folder, 'q.txt'), 'utf8')).toBe('x  y\n-  ---\n1  a,b\n');
    expect((await write('table.csv', '--format', 'table')).code).toBe(0); // --format given wins
    expect(readFileSync(join(folder, 'table.csv'), 'utf8')).toBe('x  y\n-  ---\n1  a,b\n');
  });

  it('refuses a workbook\'s name for --out (Excel opens no text under it) and warns where --format writes another format than the name says', async () => {
    const folder = tempDir('query-named-');
    const run = (...args: string[]) => runCli(['query', '--warehouse', warehouse, ...args, 'select 1 as x']);
    expect(await run('--out', join(folder, 'q.xlsx'))).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: --out ${join(folder, 'q.xlsx')}: query writes no Excel workbook, and Excel does not open a text table under a workbook's name [USAGE_ERROR]\nhint: name it ${join(folder, 'q.csv')}: Excel opens CSV\n`,
    });
    expect((await run('--format', 'json', '--out', join(folder, 'Q.XLS'))).stderr).toMatch(/Excel does not open JSON under a workbook's name \[USAGE_ERROR\]\nhint: name it \S*Q\.json\n$/);
    expect(readdirSync(folder)).toEqual([]);
    expect(await run('--format', 'csv', '--out', join(folder, 'q.json'))).toEqual({
      code: 0,
      stdout: '',
      stderr: `warning: --out ${join(folder, 'q.json')} holds CSV, not JSON as its name says\nwrote 1 row to ${join(folder, 'q.json')}\n`,
    });
    expect(readFileSync(join(folder, 'q.json'), 'utf8')).toBe('x\n1\n');
    expect((await run('--out', join(folder, 'q.csv'))).stderr).toBe(`wrote 1 row to ${join(folder, 'q.csv')}\n`);
  });

  it('checks every --out alike, parquet as csv: a folder, a file on the way, /proc are OUT_UNWRITABLE naming the path (exit 2)', async () => {
    const folder = tempDir('query-out-');
    const file = join(folder, 'a.csv');
    writeFileSync(file, 'keep me');
    const run = (format: string, out: string) => runCli(['query', '--warehouse', warehouse, '--format', format, '--out', out, 'select 1 as x']);
    expect(await run('parquet', folder)).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: --out ${folder}: is a folder; expected a file name [OUT_UNWRITABLE]\nhint: give a file name inside it, e.g. --out ${folder}/out.parquet\n`,
    });
    for (const format of ['parquet', 'csv']) {
      expect(await run(format, join(file, `x.${format}`))).toEqual({
        code: 2,
        stdout: '',
        stderr: `error: --out ${file}/x.${format}: ${file} is not a folder [OUT_UNWRITABLE]\nhint: check the path\n`,
      });
    }
    expect(readdirSync(folder)).toEqual(['a.csv']);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it.skipIf(process.platform !== 'linux')('says a folder that takes no new file (/proc) does, never quoting a temporary name', async () => {
    const result = await runCli(['query', '--warehouse', warehouse, '--format', 'parquet', '--out', '/proc/x.parquet', 'select 1 as x']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: --out /proc/x.parquet: cannot write the file: the folder /proc does not accept new files [OUT_UNWRITABLE]\nhint: check the path and that the folder is writable\n',
    });
  });

  it('creates a missing folder for parquet as for csv; a failing query leaves no file, and its message no temporary name', async () => {
    const folder = tempDir('query-out-');
    const out = join(folder, 'new', 'deeper', 'x.parquet');
    const result = await runCli(['query', '--warehouse', warehouse, '--format', 'parquet', '--out', out, 'select 1 as x']);
    expect(result.code).toBe(0);
    expect(readdirSync(join(folder, 'new', 'deeper'))).toEqual(['x.parquet']);
    const failed = await runCli(['query', '--warehouse', warehouse, '--format', 'parquet', '--out', join(folder, 'bad.parquet'), "select cast('a' as integer) as y"]);
    expect(failed).toEqual({ code: 1, stdout: '', stderr: "error: Conversion Error: Could not convert string 'a' to INT32 [QUERY_FAILED]\n" });
    expect(readdirSync(folder)).toEqual(['new']);
  });

  it('with --json and --out prints the same document as on stdout, the rows left in the file: columns, row_count, outputs', async () => {
    const folder = tempDir('query-json-');
    for (const [format, name] of [['csv', 'q.csv'], ['parquet', 'q.parquet'], ['table', 'q.json']] as const) {
      const out = join(folder, name);
      const result = await runCli(['query', '--warehouse', warehouse, '--json', '--format', format, '--out', out, 'select indicator, obs_value from observation order by indicator']);
      expect(result.code, format).toBe(0);
      expect(JSON.parse(result.stdout), format).toEqual({
        ok: true,
        command: 'query',
        columns: [{ name: 'indicator', type: 'VARCHAR' }, { name: 'obs_value', type: 'DOUBLE' }],
        row_count: 3,
        outputs: [out],
        issues: [],
      });
    }
    expect(readFileSync(join(folder, 'q.csv'), 'utf8')).toBe('indicator,obs_value\nDRG_SEIZ_KG,0.1\nFA_SEIZED,201\nTIP_VIC,596\n');
  });

  it('names a missing warehouse', async () => {
    const result = await runCli(['query', '--warehouse', join(dir, 'none.duckdb'), 'select 1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/none\.duckdb does not exist \[WAREHOUSE_MISSING\]/);
  });

  it('with --json prints one document: the rows inside it, or the error with DuckDB\'s line and no code in the message', async () => {
    const ok = await runCli(['query', '--warehouse', warehouse, '--json', "select indicator, obs_value from observation where indicator = 'TIP_VIC'"]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({
      ok: true,
      command: 'query',
      columns: [{ name: 'indicator', type: 'VARCHAR' }, { name: 'obs_value', type: 'DOUBLE' }],
      rows: [{ indicator: 'TIP_VIC', obs_value: 596 }],
      row_count: 1,
    });
    expect(JSON.parse((await runCli(['query', '--warehouse', warehouse, '--json', 'select 1 as x where false'])).stdout)).toMatchObject({ ok: true, rows: [], row_count: 0 });
    const failed = await runCli(['query', '--warehouse', warehouse, '--json', 'select 1,\n  nope']);
    expect(failed.code).toBe(1);
    const { error } = JSON.parse(failed.stdout);
    expect(error).toMatchObject({ code: 'QUERY_FAILED', line: 2, column: 3, file: null });
    expect(error.message).toMatch(/^Binder Error: Referenced column "nope" was not found/);
    expect(error.message).not.toMatch(/\[QUERY_FAILED\]/);
    const csv = await runCli(['query', '--warehouse', warehouse, '--json', '--format', 'csv', 'select 1']);
    expect(csv.code).toBe(2);
    expect(JSON.parse(csv.stdout).error.code).toBe('OUT_REQUIRED');
  });
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { formatCell, formatJsonRow, formatPlainNumber, neutraliseFormula, toQueryError } from '../../src/analyst/index.js';
import { renderResultTable } from '../../src/cli/render-result-table.js';
import { CellMap, openStore } from '../../src/store/index.js';

describe('neutraliseFormula', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-1+2 after the revision', "'-1+2 after the revision"],
    ['@x', "'@x"],
    ['\tindented', "'\tindented"],
    ['\rreturn', "'\rreturn"],
    ['police data', 'police data'],
    ['', ''],
    ["'quoted already", "'quoted already"],
  ])('%j → %j', (input, expected) => expect(neutraliseFormula(input)).toBe(expected));

  test.prop([fc.string()])('never lets a formula start through, and is idempotent', (text) => {
    const safe = neutraliseFormula(text);
    expect(safe).not.toMatch(/^[=+\-@\t\r]/);
    expect(neutraliseFormula(safe)).toBe(safe);
    expect(safe.endsWith(text)).toBe(true);
  });
});

describe('formatPlainNumber', () => {
  it.each([
    [0.1, '0.1'],
    [596, '596'],
    [12.345, '12.345'],
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [-2.5e-10, '-0.00000000025'],
  ])('%d → %s', (value, expected) => expect(formatPlainNumber(value)).toBe(expected));

  test.prop([fc.double({ noNaN: true, noDefaultInfinity: true })])('reads back as the same double, never with an exponent', (value) => {
    const text = formatPlainNumber(value);
    expect(text).toMatch(/^-?\d+(\.\d+)?$/);
    expect(Number(text)).toBe(value === 0 ? 0 : value);
  });
});

describe('formatJsonRow', () => {
  it('keeps numbers that fit, and turns the rest into exact strings', () => {
    const row = formatJsonRow(
      ['a', 'b', 'c', 'd', 'e', 'f', 'a'],
      ['BIGINT', 'BIGINT', 'DECIMAL(4,2)', 'DECIMAL(38,10)', 'DOUBLE', 'VARCHAR[]', 'INTEGER'],
      [9007199254740991n, -(2n ** 63n), '0.30', '1234567890.1234567890', Infinity, ['x', null], 1],
    );
    expect(row).toBe('{"a":9007199254740991,"b":"-9223372036854775808","c":0.3,"d":"1234567890.1234567890","e":"inf","f":["x",null],"a_2":1}');
  });

  test.prop([fc.array(fc.oneof(fc.bigInt(), fc.double(), fc.string(), fc.boolean(), fc.constant(null)), { maxLength: 6 })])(
    'always prints valid JSON with every column once',
    (cells) => {
      const names = cells.map((_, i) => `c${i % 3}`);
      const parsed = JSON.parse(formatJsonRow(names, cells.map(() => 'VARCHAR'), cells)) as Record<string, unknown>;
      expect(Object.keys(parsed)).toHaveLength(cells.length);
    },
  );
});

describe('exact cells from the store', () => {
  it('reads every kind of value exactly as DuckDB prints it', async () => {
    const store = await openStore(':memory:');
    try {
      const table = await store.table(`select 1.1::float as f, [1.1::float, 2.5::float] as fl, [0.10::decimal(5,2)] as dl,
        date '2024-02-29' as d, timestamp '2024-02-29 13:45:00.5' as ts, interval 3 day as i,
        '00000000-0000-0000-0000-000000000001'::uuid as u, {'k': 1::bigint, 'v': 0.5::decimal(3,1)} as s,
        map {'a': 1} as m, 'x'::varchar as t, true as b, 2::tinyint as ti, 18446744073709551615::ubigint as ub`);
      expect(table.rows[0]).toEqual([1.1, [1.1, 2.5], ['0.10'], '2024-02-29', '2024-02-29 13:45:00.5', '3 days', '00000000-0000-0000-0000-000000000001', { k: 1n, v: '0.5' }, new CellMap([{ key: 'a', value: 1 }]), 'x', true, 2, 18446744073709551615n]);
      expect(table.types.slice(0, 4)).toEqual(['FLOAT', 'FLOAT[]', 'DECIMAL(5,2)[]', 'DATE']);
      expect(table.rows[0]!.map((cell) => formatCell(cell)).slice(0, 3)).toEqual(['1.1', '[1.1, 2.5]', '[0.10]']);
      expect(formatCell(table.rows[0]![7]!)).toBe("{'k': 1, 'v': 0.5}");
    } finally {
      store.close();
    }
  });

  it('prints a text inside a list or struct as DuckDB does, quoted where it would read as something else (was: [a,b, , NULL, NULL])', async () => {
    const store = await openStore(':memory:');
    try {
      const values = [
        "['a,b', '', NULL, 'NULL', 'null', 'plain', 'two words', ' lead', 'trail ', 'it''s', 'c\"d', 'x:y', 'a\\b', 'f(x)', 'k=v', '[1]', '{}']",
        "[['a,b'], ['c']]",
        "{'name': 'Korea, Republic of', 'code': 'KOR', 'n': 1, 'list': ['', 'x']}",
        "{'it''s': 'v'}",
        "[{'a': ''}]",
        "[timestamp '2025-01-31 12:34:56', NULL]",
        "[time '12:00']",
        "[0.10::decimal(5,2), -1.50::decimal(5,2)]",
        "[interval 3 day, interval '-1 hour']",
        "['00000000-0000-0000-0000-000000000001'::uuid]",
        "[true, NULL]",
        "[date '2025-01-31']",
        "['x y'::varchar]",
      ];
      const table = await store.table(`select ${values.map((v, i) => `${v} as v${i}, (${v})::varchar as s${i}`).join(', ')}`);
      const row = table.rows[0]!;
      for (let i = 0; i < values.length; i++) expect(formatCell(row[2 * i]!)).toBe(row[2 * i + 1]);
      expect(formatCell(row[0]!)).toBe("['a,b', '', NULL, 'NULL', 'null', plain, two words, ' lead', 'trail ', 'it\\'s', 'c\"d', 'x:y', a\\b, 'f(x)', 'k=v', '[1]', '{}']");
    } finally {
      store.close();
    }
  });

  it('prints a MAP as DuckDB casts it to text, {k=v, …}, keys and values quoted where they must be (was: {\'a\': 1}, node-api\'s own form)', async () => {
    const store = await openStore(':memory:');
    try {
      const values = [
        "map(['a', 'b'], [1, 2])",
        "map(['a,b', '', 'NULL', ' x', 'k=v', 'it''s', 'two words'], ['x y', 'a=b', NULL, '[1]', '{}', 'q''', ''])",
        'map([1, 2], [[1, 2], [3]])',
        "map([{'x': 1}], [map(['z'], [0.5::double])])",
        "[map(['a'], ['b c'])]",
        "{'s': map(['a'], [1])}",
        'map([1], [2])',
        "map(['d'], [date '2025-01-31'])",
        'map([1.5::decimal(3,1)], [1.1::float])',
        "map(['a'], [NULL::integer])",
        'map()::map(integer, integer)',
      ];
      const table = await store.table(`select ${values.map((v, i) => `${v} as v${i}, (${v})::varchar as s${i}`).join(', ')}`);
      const row = table.rows[0]!;
      for (let i = 0; i < values.length; i++) expect(formatCell(row[2 * i]!)).toBe(row[2 * i + 1]);
      expect(formatCell(row[0]!)).toBe('{a=1, b=2}');
      expect(formatCell(row[2]!)).toBe("{'a,b'=x y, ''='a=b', 'NULL'=NULL, ' x'='[1]', 'k=v'='{}', 'it\\'s'='q\\'', two words=''}");
      expect(formatCell(row[6]!)).toBe("{{'x': 1}={z=0.5}}");
      expect(formatCell(row[16]!)).toBe('{1.5=1.1}');
      expect(table.types[0]).toBe('MAP(VARCHAR, INTEGER)');
      // JSON: an object, as DuckDB's to_json writes a map, each key as its text
      expect(formatJsonRow(['a', 'b', 'c', 'd'], table.types, [row[0]!, row[4]!, row[6]!, row[18]!])).toBe('{"a":{"a":1,"b":2},"b":{"1":[1,2],"2":[3]},"c":{"{\'x\': 1}":{"z":0.5}},"d":{"a":null}}');
    } finally {
      store.close();
    }
  });

  it('streams a large result in chunks with the same values', async () => {
    const store = await openStore(':memory:');
    try {
      const seen: bigint[] = [];
      let chunks = 0;
      const columns = await store.stream('select range as n from range(5000)', (rows) => {
        chunks++;
        for (const row of rows) seen.push(row[0] as bigint);
      });
      expect(columns).toEqual({ names: ['n'], types: ['BIGINT'] });
      expect(chunks).toBeGreaterThan(1);
      expect(seen).toHaveLength(5000);
      expect(seen[4999]).toBe(4999n);
    } finally {
      store.close();
    }
  });
});

describe('toQueryError', () => {
  it('puts the code on the first line, keeps LINE and the caret, and locates a --file query', () => {
    const error = toQueryError(new Error('Binder Error: Referenced column "x" not found\n\nLINE 3: where x = 1\n              ^'), 'q.sql');
    expect(error.code).toBe('QUERY_FAILED');
    expect(error.message).toBe('Binder Error: Referenced column "x" not found [QUERY_FAILED]\n\nLINE 3: where x = 1\n              ^');
    expect(error.location).toEqual({ file: 'q.sql', line: 3, column: 7 });
    expect(toQueryError(new Error('Failed to extract statements: Parser Error: syntax error')).message).toBe('Parser Error: syntax error [QUERY_FAILED]');
  });

  it('says that query reads no file besides the warehouse when DuckDB refuses a read_csv or read_parquet', () => {
    const error = toQueryError(new Error('Permission Error: Cannot access file "x.parquet" - file system operations are disabled by configuration\n\nLINE 1: select * from read_parquet(\'x.parquet\')\n                      ^'));
    expect(error.code).toBe('QUERY_FAILED');
    expect(error.hint).toBe('query reads the warehouse only, never another file; read an export with DuckDB itself (duckdb -c "select … from read_parquet(…)")');
    expect(toQueryError(new Error('Binder Error: x')).hint).toBeUndefined();
  });

  it('points an unknown table at --schema (DuckDB\'s "did you mean" may offer pg_enum for a name nothing is close to)', () => {
    const error = toQueryError(new Error('Catalog Error: Table with name nope does not exist!\nDid you mean "pg_enum"?\n\nLINE 1: select * from nope\n                      ^'));
    expect(error.message).toMatch(/^Catalog Error: Table with name nope does not exist! \[QUERY_FAILED\]\nDid you mean "pg_enum"\?/);
    expect(error.hint).toBe('crimetrends query --schema lists every view, table and mart with its columns');
  });
});

describe('renderResultTable', () => {
  const table = {
    names: ['state', 'comment', 'n'],
    types: ['VARCHAR', 'VARCHAR', 'BIGINT'],
    rows: [
      ['ROU', 'x'.repeat(100), 5n],
      ['SRB', null, 12345n],
    ],
  };

  it('cuts long cells with … for a terminal, and aligns numbers right', () => {
    const lines = renderResultTable(table, 40).split('\n');
    expect(lines[2]).toBe(`ROU    ${'x'.repeat(39)}…      5`);
    expect(lines[3]).toBe(`SRB    NULL${' '.repeat(36)}  12345`);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });

  it('cuts for a terminal by the columns shown, never between a letter and its combining mark', () => {
    const kyiv = 'Ки\u0456\u0308в ';
    const lines = renderResultTable({ names: ['comment', 'n'], types: ['VARCHAR', 'BIGINT'], rows: [[kyiv.repeat(4), 1n], ['日本'.repeat(4), 2n]] }, 12).split('\n');
    expect(lines.slice(2)).toEqual([`${kyiv}${kyiv}К…  1`, '日本日本日…   2']);
  });

  it('cuts nothing when the output is not a terminal', () => {
    expect(renderResultTable(table)).toContain('x'.repeat(100));
  });
});

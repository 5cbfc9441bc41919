import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moveLeadingOptions } from '../../src/cli/move-leading-options.js';
import { runCli } from '../helpers/cli.js';
import { insertObservations, openTestWarehouse, tempDir } from '../helpers/warehouse.js';

describe('the command line as a whole: help, usage errors and their exit codes', () => {
  it('no command is a usage error: the help on stderr, exit 2 (was exit 0); --help and help print it on stdout, exit 0', async () => {
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/^Usage: crimetrends \[options\] \[command\]\n/);
    for (const args of [['--help'], ['help'], ['-h']]) {
      const help = await runCli(args);
      expect({ args, code: help.code, stderr: help.stderr }).toEqual({ args, code: 0, stderr: '' });
      expect(help.stdout).toBe(none.stderr);
    }
    const command = await runCli(['help', 'status']);
    expect(command.code).toBe(0);
    expect(command.stdout).toMatch(/^Usage: crimetrends status \[options\]\n/);
  });

  it('the shared options and no command are no command too (was "unknown option \'--json\'"); --json prints its one document', async () => {
    expect(moveLeadingOptions(['--json'], new Map([['status', new Set(['--json'])]]))).toEqual([]);
    expect(moveLeadingOptions(['--warehouse', 'w.duckdb', '--debug'], new Map([['status', new Set(['--warehouse', '--debug'])]]))).toEqual([]);
    const debug = await runCli(['--debug']);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/^Usage: crimetrends /);
    const json = await runCli(['--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({
      ok: false, command: '', error: { code: 'USAGE_ERROR', message: 'no command given', file: null, line: null, column: null, hint: 'run with --help for usage' }, issues: [],
    });
  });

  it('a mistyped option, a missing value, an option given twice with two values: one line, exit 2, no stack', async () => {
    const cases: Array<[string[], string]> = [
      [['status', '--warehous', 'x.duckdb'], "error: unknown option '--warehous'\n(Did you mean --warehouse?)\n(run with --help for usage)\n"],
      [['status', '--year'], "error: option '--year <yyyy>' argument missing\n(run with --help for usage)\n"],
      // commander kept the last value silently: status --year 2025 --year 2024 listed 2024
      [['status', '--year', '2025', '--year', '2024'], `error: option '--year <yyyy>' argument '2024' is invalid. --year was given twice, as "2025" and as "2024": give it once\n(run with --help for usage)\n`],
      [['--warehouse', 'a.duckdb', 'status', '--warehouse', 'b.duckdb'], `error: option '--warehouse <path>' argument 'b.duckdb' is invalid. --warehouse was given twice, as "a.duckdb" and as "b.duckdb": give it once\n(run with --help for usage)\n`],
      [['compare', '--source', 'unodc', '--source', 'EUROSTAT'], `error: option '--source <source>' argument 'EUROSTAT' is invalid. --source was given twice, as "unodc" and as "EUROSTAT": give it once\n(run with --help for usage)\n`],
      [['compare', '--source', 'bad'], "error: option '--source <source>' argument 'bad' is invalid. Allowed choices are unodc, eurostat.\n(run with --help for usage)\n"],
    ];
    for (const [args, stderr] of cases) {
      const result = await runCli(args);
      expect({ args, code: result.code, stderr: result.stderr, stdout: result.stdout }).toEqual({ args, code: 2, stderr, stdout: '' });
    }
    // the same value twice is the value
    const same = await runCli(['template', '--state', 'ROU', '--state', 'ROU', '--year', '2025']);
    expect(same.code).toBe(0);
  });

  it('a fixed choice is taken in any case (dictionary --format HTML, query --format JSON); another value is a usage error listing the choices', async () => {
    // was "error: option '--format <format>' argument 'HTML' is invalid. Allowed choices are md, html.", exit 2
    const html = await runCli(['dictionary', '--format', 'HTML']);
    expect({ code: html.code, stderr: html.stderr }).toEqual({ code: 0, stderr: '' });
    expect(html.stdout).toBe((await runCli(['dictionary', '--format', 'html'])).stdout);
    expect(html.stdout).toMatch(/^<!doctype html>\n/);
    const markdown = await runCli(['dictionary', '--format', 'Md']);
    expect(markdown.stdout).toBe((await runCli(['dictionary'])).stdout);
    const warehouse = join(tempDir(), 'w.duckdb');
    const store = await openTestWarehouse(warehouse);
    await insertObservations(store, [{ ref_area: 'ROU', time_period: 2024, indicator: 'TIP_VIC', obs_value: 596 }]);
    store.close();
    const json = await runCli(['query', '--warehouse', warehouse, '--format', 'JSON', 'select ref_area, obs_value from observation']);
    expect({ code: json.code, stderr: json.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(json.stdout)).toEqual([{ ref_area: 'ROU', obs_value: 596 }]);
    for (const [args, stderr] of [
      [['dictionary', '--format', 'XML'], "error: option '--format <format>' argument 'XML' is invalid. Allowed choices are md, html.\n(run with --help for usage)\n"],
      [['query', '--warehouse', warehouse, '--format', 'TSV', 'select 1'], "error: option '--format <format>' argument 'TSV' is invalid. Allowed choices are table, csv, json, parquet.\n(run with --help for usage)\n"],
    ] as const) {
      const result = await runCli([...args]);
      expect({ args, code: result.code, stderr: result.stderr, stdout: result.stdout }).toEqual({ args, code: 2, stderr, stdout: '' });
    }
  });

  it('a --config that is a folder is CONFIG_INVALID, exit 2 (was an internal error, EISDIR, exit 3)', async () => {
    const result = await runCli(['status', '--config', tempDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: config file \S+ is a folder, not a config file \[CONFIG_INVALID\]\nhint: pass --config the JSON file itself \(data\/crimetrends\.config\.json by default\)\n$/);
  });
});

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moveLeadingOptions } from '../../src/cli/move-leading-options.js';
import { protectSqlArgument } from '../../src/cli/protect-sql-argument.js';
import { BIN, runCli } from '../helpers/cli.js';
import { openTestWarehouse, tempDir } from '../helpers/warehouse.js';

/** Runs `line` in bash, as a user types it (the variables in `env`), returning its exit code and output. */
function runShell(line: string, env: Record<string, string>): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync('bash', ['-c', line], { env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', ...env }, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const SHARED = new Set(['--warehouse', '--config', '--json', '--debug']);
const COMMANDS = new Map([['status', SHARED], ['validate', SHARED], ['query', SHARED], ['template', new Set(['--config', '--json', '--debug'])]]);

describe('the options every command takes, written before the command', () => {
  it('are moved after the command name, with their values, in both spellings', () => {
    expect(moveLeadingOptions(['--warehouse', 'w.duckdb', '--json', 'status', '--year', '2025'], COMMANDS)).toEqual(['status', '--warehouse', 'w.duckdb', '--json', '--year', '2025']);
    expect(moveLeadingOptions(['--config=c.json', '--debug', 'query', 'select 1'], COMMANDS)).toEqual(['query', '--config=c.json', '--debug', 'select 1']);
  });

  it('leave anything else for the parser to report: an unknown option, a missing value, no command', () => {
    expect(moveLeadingOptions(['--bogus', 'status'], COMMANDS)).toEqual(['--bogus', 'status']);
    expect(moveLeadingOptions(['--warehouse'], COMMANDS)).toEqual(['--warehouse']);
    expect(moveLeadingOptions(['--json', 'nosuch'], COMMANDS)).toEqual(['--json', 'nosuch']);
    expect(moveLeadingOptions(['--help'], COMMANDS)).toEqual(['--help']);
    // a value that looks like a command is the option's value, not the command
    expect(moveLeadingOptions(['--warehouse', 'status', 'validate', 'x.csv'], COMMANDS)).toEqual(['validate', '--warehouse', 'status', 'x.csv']);
  });

  it('work through the CLI: `crimetrends --warehouse W status` reads W, and --json before the command prints its document', async () => {
    const missing = await runCli(['--warehouse', '/nonexistent/w.duckdb', 'status', '--year', '2025']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.split('\n')[0]).toBe('error: warehouse /nonexistent/w.duckdb does not exist [WAREHOUSE_MISSING]');
    const json = await runCli(['--json', '--warehouse', '/nonexistent/w.duckdb', 'status', '--year', '2025']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, command: 'status', error: { code: 'WAREHOUSE_MISSING' } });
    const unknown = await runCli(['--bogus', 'status']);
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toContain("unknown option '--bogus'");
  });

  it('are named in `crimetrends --help`, with examples, as the README promises of every command', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('\n\nEvery command also takes --warehouse <path>, --config <path>, --json and --debug, after its name or before it\n'
      + '(template and dictionary read no warehouse: they ignore a --warehouse given before their name).\n\nExamples:\n'
      + '  $ crimetrends run --year 2025\n  $ crimetrends --warehouse w.duckdb status --year 2025\n  $ crimetrends validate --help\n');
    expect(result.stderr).toBe('');
  });

  it('drop a leading --warehouse before a command that reads no warehouse (template, dictionary), so one alias serves all', async () => {
    expect(moveLeadingOptions(['--warehouse', 'w.duckdb', '--json', 'template', '--state', 'ROU'], COMMANDS)).toEqual(['template', '--json', '--state', 'ROU']);
    expect(moveLeadingOptions(['--warehouse=w.duckdb', 'template'], COMMANDS)).toEqual(['template']);
    const template = await runCli(['--warehouse', '/nonexistent/w.duckdb', 'template', '--state', 'ROU', '--year', '2025']);
    expect(template.code).toBe(0);
    expect(template.stdout.split('\n')[0]).toBe('REF_AREA,TIME_PERIOD,INDICATOR,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE,OBS_STATUS,CONF_STATUS,COMMENT');
    expect((await runCli(['--warehouse', 'w.duckdb', 'dictionary'])).code).toBe(0);
  });
});

describe('a query given as an argument that starts with - (an SQL comment, a minus)', () => {
  const VALUES = new Set(['--format', '--out', '--file', '--warehouse', '--config']);

  it('is moved behind -- when it holds white space, which no option does; option values and --name=value stay', () => {
    expect(protectSqlArgument(['query', '-- coverage\nselect 1 as x'], VALUES)).toEqual(['query', '--', '-- coverage\nselect 1 as x']);
    expect(protectSqlArgument(['query', '-1 as x', '--format', 'csv'], VALUES)).toEqual(['query', '--format', 'csv', '--', '-1 as x']);
    expect(protectSqlArgument(['query', '--out', '-my file.csv', 'select 1'], VALUES)).toEqual(['query', '--out', '-my file.csv', 'select 1']);
    expect(protectSqlArgument(['query', '--out=my file.csv', 'select 1'], VALUES)).toEqual(['query', '--out=my file.csv', 'select 1']);
    expect(protectSqlArgument(['query', '--', '-- already\nselect 1'], VALUES)).toEqual(['query', '--', '-- already\nselect 1']);
    expect(protectSqlArgument(['query', '--bogus'], VALUES)).toEqual(['query', '--bogus']);
    expect(protectSqlArgument(['validate', '-- x y'], VALUES)).toEqual(['validate', '-- x y']);
  });

  it('runs through the CLI, as the README cookbook queries start; a dashed word without a space gets a hint', async () => {
    const query = await runCli(['--json', 'query', '--warehouse', '/nonexistent/w.duckdb', '-- coverage\nselect 1 as x']);
    expect(JSON.parse(query.stdout)).toMatchObject({ ok: false, command: 'query', error: { code: 'WAREHOUSE_MISSING' } });
    const unknown = await runCli(['query', '-x']);
    expect(unknown).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: unknown option '-x'\n(run with --help for usage)\nhint: a query that starts with - (a -- comment line, the query on the next) goes after --, as in crimetrends query -- $'-- a note\\nselect 1 as x', or in a file: --file q.sql\n",
    });
    // the hint's example, typed into bash as it stands (its "-1 as x" was no query: a parser error)
    const example = /as in (crimetrends query .*), or in a file/.exec(unknown.stderr)![1]!;
    const warehouse = join(tempDir(), 'w.duckdb');
    (await openTestWarehouse(warehouse)).close();
    const typed = runShell(example.replace(/^crimetrends query /, `"$NODE" "$BIN" query --warehouse "$WAREHOUSE" --format csv `), { NODE: process.execPath, BIN, WAREHOUSE: warehouse });
    expect(typed).toEqual({ code: 0, stdout: 'x\n1\n', stderr: '' });
    // a mistyped long option is no query starting with -: the hint about one sent the user the wrong way
    expect(await runCli(['query', '--sql', 'select 1'])).toEqual({ code: 2, stdout: '', stderr: "error: unknown option '--sql'\n(run with --help for usage)\n" });
  });
});

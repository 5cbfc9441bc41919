import { describe, expect, it } from 'vitest';
import { moveLeadingOptions } from '../../src/cli/move-leading-options.js';
import { runCli } from '../helpers/cli.js';

const COMMANDS = new Set(['status', 'validate', 'query']);

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
});

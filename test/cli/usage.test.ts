import { describe, expect, it } from 'vitest';
import { moveLeadingOptions } from '../../src/cli/move-leading-options.js';
import { runCli } from '../helpers/cli.js';

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
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { exited, spawnCli } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/warehouse.js';
import { fixture } from '../validate/validate-helper.js';

const HEADER = 'REF_AREA,TIME_PERIOD,INDICATOR,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE,OBS_STATUS,CONF_STATUS,COMMENT';

describe('crimetrends validate (the CLI, as a focal point runs it)', () => {
  it('exits 0 for a valid return and says so', async () => {
    const result = await runCli(['validate', fixture('validate-valid'), '--state', 'ROU', '--year', '2025']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/ROU_2025\.csv: 7 rows, 0 errors, 0 warnings — valid/);
  });

  it('exits 1 with a located error, no colour, no stack trace', async () => {
    const result = await runCli(['validate', fixture('validate-value-not-integer')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/ROU_2025\.csv:3 column OBS_VALUE: expected a whole number for TIP_OFF \(a count, unit NR\), found "12\.5" \[VALUE_NOT_INTEGER\]/);
    expect(result.stdout + result.stderr).not.toMatch(/\u001b\[/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints exactly one JSON document with --json', async () => {
    const result = await runCli(['validate', '--json', fixture('validate-valid'), fixture('validate-duplicate-conflict')]);
    expect(result.code).toBe(1);
    const document = JSON.parse(result.stdout);
    expect(Object.keys(document)).toEqual(['ok', 'command', 'files']);
    expect(document.ok).toBe(false);
    expect(document.files[0]).toMatchObject({ state: 'ROU', year: 2025, rows: 7, errors: 0, warnings: 0, issues: [] });
    expect(document.files[1].issues).toEqual([
      {
        code: 'DUPLICATE_CONFLICT',
        severity: 'error',
        line: 4,
        column: 'OBS_VALUE',
        value: '13',
        message: 'expected each series once, found it again with a different value: "13" here, "12" at line 3',
        hint: 'keep the row with the right value and delete the other',
      },
    ]);
  });

  it('shows the first 20 issues of a rule and counts the rest', async () => {
    const rows = Array.from({ length: 26 }, (_, i) => `ROU,${1995 + i},TIP_OFF,_T,_T,_T,_T,-${i + 1},A,F,`);
    const path = join(tempDir(), 'ROU_2025.csv');
    writeFileSync(path, `${HEADER}\n${rows.join('\n')}\n`);
    const result = await runCli(['validate', path]);
    expect(result.stdout.match(/\[VALUE_NEGATIVE\]/g)).toHaveLength(20);
    expect(result.stdout).toMatch(/… and 6 more VALUE_NEGATIVE/);
  });

  it('exits 2 for usage errors: a missing file, no file, an unknown option', async () => {
    const missing = await runCli(['validate', 'no/such/file.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no\/such\/file\.csv: no such file or folder \[SOURCE_MISSING\]/);
    expect((await runCli(['validate'])).code).toBe(2);
    expect((await runCli(['validate', '--bogus', fixture('validate-valid')])).code).toBe(2);
    expect((await runCli(['validate', '--year', '25', fixture('validate-valid')])).code).toBe(2);
  });

  it('shows help with examples and exits 0', async () => {
    const result = await runCli(['validate', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Examples:\n\s+\$ crimetrends validate ROU_2025\.csv/);
  });

  it('writes a template that names the state and year', async () => {
    const out = join(tempDir(), 'template.csv');
    const result = await runCli(['template', '--state', 'ALB', '--year', '2025', '--out', out]);
    expect(result.code).toBe(0);
    const text = (await import('node:fs')).readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe(HEADER);
    expect(text).toMatch(/^ALB,2025,TIP_VIC,_T,_T,_T,_T,,,,$/m);
  });

  it('documents every indicator and rule in the dictionary, escaped in HTML', async () => {
    const md = await runCli(['dictionary']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/\| DRG_OFF \| Drug trafficking \|.*\| 06012 \|/);
    expect(md.stdout).toMatch(/\| THOUSANDS_SEPARATOR \| error \|/);
    const page = await runCli(['dictionary', '--format', 'html']);
    expect(page.stdout).toMatch(/<th scope="row"><code>TIP_VIC<\/code><\/th>/);
    expect(page.stdout).toContain('victim&#39;s or offender&#39;s citizenship');
  });

  it('stops quietly, exit code kept, when its reader closes the pipe early (| head)', async () => {
    // 4,000 unknown indicators: about 1.5 MB of JSON, far more than a pipe holds
    const path = join(tempDir(), 'ROU_2025.csv');
    writeFileSync(path, `${HEADER}\n${Array.from({ length: 4000 }, (_, i) => `ROU,2025,XX_${i},_T,_T,_T,_T,1,A,F,`).join('\n')}\n`);
    const child = spawnCli(['validate', '--json', path]);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let first = '';
    child.stdout!.once('data', (chunk: Buffer) => {
      first = chunk.toString();
      child.stdout!.destroy();
    });
    const { code } = await exited(child);
    expect(first.split('\n')[0]).toBe('{');
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });
});

import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { runCli } from '../helpers/cli.js';
import { openTestWarehouse, tempDir } from '../helpers/warehouse.js';

const HINT = 'hint: see the README section "Configuration" for every key and its default\n';

/** Runs `status` with a config file holding `text`; returns exit code and stderr. */
async function withConfig(text: string | Buffer): Promise<{ code: number | null; stderr: string; file: string }> {
  const file = join(tempDir('config-'), 'crimetrends.config.json');
  writeFileSync(file, text);
  const result = await runCli(['status', '--year', '2025', '--config', file]);
  return { code: result.code, stderr: result.stderr, file };
}

describe('the config file: one line naming the file and the key, exit 2, no stack trace', () => {
  it('names the key and the value found, and suggests a misspelt key', async () => {
    const cases: Array<[string, string]> = [
      ['{"warehouse": 1}', 'key warehouse: expected a string, found 1'],
      ['{"deadlin": "01-31"}', 'key deadlin: expected one of the keys warehouse, archive, reference, deadline, group, trendYears, populationSource, smallCountThreshold, confidentialInTotals, confidentialMinStates, confidentialDominanceP, changeWarning, found an unknown key; did you mean deadline?'],
      ['{"changeWarning": {"percnt": 30}}', 'key changeWarning.percnt: expected one of the keys percent, units, found an unknown key; did you mean changeWarning.percent?'],
      ['{"deadline": "31-01"}', 'key deadline: expected a day that every year has: month 01-12 and a day within it (February up to 28), e.g. "01-31", found "31-01"'],
      ['{"deadline": "1-31"}', 'key deadline: expected MM-DD, e.g. "01-31", found "1-31"'],
      ['{"populationSource": "WB"}', 'key populationSource: expected one of "WORLDBANK", "RETURN", found "WB"'],
      ['{"trendYears": 4.5}', 'key trendYears: expected a whole number, found 4.5'],
      ['{"smallCountThreshold": 2.5}', 'key smallCountThreshold: expected a whole number, found 2.5'],
      ['{"confidentialMinStates": 1}', 'key confidentialMinStates: expected at least 2: the confidential part of a total of one state\'s values is that state\'s value, found 1'],
      ['{"confidentialMinStates": 3.5}', 'key confidentialMinStates: expected a whole number of states, at least 2, e.g. 3, found 3.5'],
      ['{"confidentialMinStates": "3"}', 'key confidentialMinStates: expected a number, found "3"'],
      ['{"confidentialDominanceP": 0}', 'key confidentialDominanceP: expected a percentage above 0 and at most 100, e.g. 10, found 0'],
      ['{"confidentialDominanceP": 150}', 'key confidentialDominanceP: expected a percentage above 0 and at most 100, e.g. 10, found 150'],
      ['[1]', 'key (the whole file): expected an object of settings like {"deadline": "01-31"}, found an array [1]'],
    ];
    for (const [text, message] of cases) {
      const { code, stderr, file } = await withConfig(text);
      expect(code).toBe(2);
      expect(stderr).toBe(`error: ${file} ${message} [CONFIG_INVALID]\n${HINT}`);
    }
  }, 60_000);

  it('gives the line and column of malformed JSON, and reads a file with a BOM', async () => {
    const trailing = await withConfig('{\n  "deadline": "02-10",\n}\n');
    expect(trailing.code).toBe(2);
    // it read "expected JSON, found expected double-quoted property name"
    expect(trailing.stderr).toBe(`error: ${trailing.file}:3: expected double-quoted property name, found '}' at column 1 [CONFIG_INVALID]\n`
      + 'hint: keys and strings in double quotes, no comma after the last key, no comments; see the README section "Configuration"\n');
    const colon = await withConfig('{\n  "deadline" "02-10"\n}\n');
    expect(colon.stderr.split('\n')[0]).toBe(`error: ${colon.file}:2: expected ':' after property name, found '"' at column 14 [CONFIG_INVALID]`);
    const empty = await withConfig('');
    expect(empty.stderr.split('\n')[0]).toBe(`error: ${empty.file}:1: expected JSON, found the end of the file before the JSON closes at column 1 [CONFIG_INVALID]`);
    // Notepad's UTF-8 has a BOM: read, so status gets as far as the (missing) warehouse
    const bom = await withConfig(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"warehouse": "/nonexistent/w.duckdb", "group": "wb6", "changeWarning": {"percent": 30}}')]));
    expect(bom.code).toBe(1);
    expect(bom.stderr.split('\n')[0]).toBe('error: warehouse /nonexistent/w.duckdb does not exist [WAREHOUSE_MISSING]');
  }, 60_000);

  it('a missing config file given with --config is CONFIG_MISSING, exit 2', async () => {
    const file = join(tempDir(), 'nope.json');
    const result = await runCli(['status', '--year', '2025', '--config', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: config file ${file} does not exist [CONFIG_MISSING]\n`);
  }, 30_000);

  it('an unknown group names where it came from, the config or --group, in every command that checks it (GROUP_UNKNOWN, exit 2)', async () => {
    const dir = tempDir('config-');
    const config = join(dir, 'crimetrends.config.json');
    writeFileSync(config, '{"group": "xyz"}');
    const returns = join(dir, 'returns');
    mkdirSync(returns);
    copyFileSync(join(PROJECT_ROOT, 'data/sample/returns/ALB_2025.csv'), join(returns, 'ALB_2025.csv'));
    const built = join(dir, 'built.duckdb');
    (await openTestWarehouse(built)).close();
    const warehouse = join(dir, 'w.duckdb');
    const commands = [
      ['status'], ['status', '--year', '2025'], ['report', '--year', '2025', '--out', join(dir, 'review')],
      ['run', '--year', '2025', '--returns', returns, '--out', join(dir, 'review')],
    ];
    const fromConfig = 'error: config group XYZ: expected one of BSEC, SEECP, WB6 [GROUP_UNKNOWN]\nhint: set "group" in the config to one of BSEC, SEECP, WB6\n';
    // build and ingest take no --group: the config's is theirs
    for (const command of [...commands, ['build'], ['ingest', returns]]) {
      const result = await runCli([...command, '--warehouse', command[0] === 'build' ? built : warehouse, '--config', config]);
      expect({ command, code: result.code, stderr: result.stderr.replace(/^(no returns folder|ingesting).*\n/gm, '') }).toEqual({ command, code: 2, stderr: fromConfig });
    }
    // --group given: it is the one named, with no hint at the config (whose group is valid here)
    writeFileSync(config, '{"group": "wb6"}');
    for (const command of commands) {
      const result = await runCli([...command, '--group', 'abc', '--warehouse', warehouse, '--config', config]);
      expect({ command, code: result.code, stderr: result.stderr }).toEqual({ command, code: 2, stderr: 'error: --group ABC: expected one of BSEC, SEECP, WB6 [GROUP_UNKNOWN]\n' });
    }
    // run and ingest check the groups before they ingest anything, or create the warehouse (run made an empty one)
    expect(existsSync(warehouse)).toBe(false);
  }, 120_000);
});

import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';

const SAMPLE = join(PROJECT_ROOT, 'data/sample/returns');

describe('a coordinator\'s inbox: files named as ministries name them', () => {
  it('reads a state\'s name in a file name as its code: Greece\'s rows in "Romania 2025.csv" are flagged, and Romania is listed as a state that did send a file', async () => {
    const inbox = tempDir('inbox-');
    copyFileSync(join(SAMPLE, 'GRC_2025.csv'), join(inbox, 'Romania 2025.csv'));
    copyFileSync(join(SAMPLE, 'MDA_2025.csv'), join(inbox, 'Return_Moldova_2025 (final) v2.csv'));
    copyFileSync(join(SAMPLE, 'UKR_2025.csv'), join(inbox, 'ukr_2025.csv.csv'));
    const warehouse = join(tempDir(), 'w.duckdb');
    const ingest = await runCli(['ingest', '.', '--warehouse', warehouse, '--received-at', '2026-01-20'], { cwd: inbox });
    expect(ingest.code).toBe(0);
    expect(ingest.stdout.split('\n').filter((l) => l !== '')).toEqual([
      'Return_Moldova_2025 (final) v2.csv: 246 rows, 0 errors, 0 warnings — accepted as submission 1 (MDA, 2025)',
      'Romania 2025.csv: 259 rows, 0 errors, 0 warnings — accepted as submission 2 (GRC, 2025); the name says ROU, the rows GRC: check that this is the file the state meant to send',
      'ukr_2025.csv.csv: 250 rows, 0 errors, 0 warnings — accepted as submission 3 (UKR, 2025)',
    ]);

    const status = await runCli(['status', '--year', '2025', '--warehouse', warehouse]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^ROU +Romania +missing /m);
    expect(status.stdout.slice(status.stdout.indexOf('\nMissing, though')).split('\n')).toEqual([
      '',
      'Missing, though a file named for them arrived: its rows were another state\'s or year\'s',
      'ROU Romania 2025.csv (submission 2, received 2026-01-20) was taken as GRC, 2025 (accepted): ask ROU for its own 2025 return',
      '',
    ]);
    const json = JSON.parse((await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--json'])).stdout);
    const rou = json.states.find((s: { ref_area: string }) => s.ref_area === 'ROU');
    expect(rou).toMatchObject({ status: 'missing', named_files: [{ submission_id: 2, file_name: 'Romania 2025.csv', ref_area: 'GRC', reporting_year: 2025 }] });
  }, 120_000);
});

import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';

const SAMPLE = join(PROJECT_ROOT, 'data/sample/returns');

// Two versions of Georgia's return received at one moment are ranked by file name: the first version (drug seizures
// in grams) won over the correction. Once Georgia said which it sent last, the coordinator could not record it: the
// same bytes offered again were a no-op, --received-at never reached them. --correct-receipt records it.
describe('correcting a receipt time: ingest FILE --received-at TIME --correct-receipt', () => {
  it('records the new time, keeps the old one in receipt_correction, ranks the versions again and says what changed', async () => {
    const inbox = tempDir('inbox-');
    copyFileSync(join(SAMPLE, 'GEO_2025.csv'), join(inbox, 'GEO_2025.csv'));
    copyFileSync(join(SAMPLE, 'GEO_2025_v2.csv'), join(inbox, 'GEO_2025 (corrected).csv'));
    const warehouse = join(tempDir(), 'w.duckdb');
    const cli = (args: string[]) => runCli([...args, '--warehouse', warehouse], { cwd: inbox });
    const query = async (sql: string): Promise<string> => (await cli(['query', sql, '--format', 'csv'])).stdout;
    const versions = "select submission_id, file_name, received_at, outcome, superseded_by from submission order by submission_id";
    const seized = "select obs_value, submission_id from observation_current where ref_area = 'GEO' and time_period = 2025 and indicator = 'DRG_SEIZ_KG' and breakdown = '_T' and counterpart_area = '_T'";
    expect((await cli(['ingest', '.', '--received-at', '2026-01-20'])).code).toBe(0);
    // the tie went to the greater file name: the first version, in grams, is in force
    expect(await query(seized)).toBe('obs_value,submission_id\n1042700,2\n');

    // the same bytes again, without --correct-receipt: still a no-op, and the line says how to settle the tie
    const same = await cli(['ingest', 'GEO_2025 (corrected).csv', '--received-at', '2026-01-20T15:00:00Z']);
    expect(same.code).toBe(0);
    expect(same.stdout).toBe('GEO_2025 (corrected).csv: already in the warehouse as submission 1 (GEO_2025 (corrected).csv, received 2026-01-20), an older version: '
      + 'submission 2 (GEO_2025.csv, received 2026-01-20) stays in force; nothing recorded; received at the same moment, it lost the tie on the file name; '
      + 'if GEO says it sent this version last, correct its receipt: crimetrends ingest FILE --received-at TIME --correct-receipt, TIME when it was sent\n');
    expect(await query('select count(*) as n from receipt_correction')).toBe('n\n0\n');
    // validate --warehouse gives the same advice (it said to ask the state for a new version)
    const checked = await cli(['validate', 'GEO_2025 (corrected).csv']);
    expect(checked.stdout).toContain('stays in force; ingest would record nothing; received at the same moment, it lost the tie on the file name; '
      + 'if GEO says it sent this version last, correct its receipt: crimetrends ingest FILE --received-at TIME --correct-receipt, TIME when it was sent\n');

    // Georgia says the correction came at 15:00: its receipt is corrected, and it is in force
    const corrected = await cli(['ingest', 'GEO_2025 (corrected).csv', '--received-at', '2026-01-20T15:00:00Z', '--correct-receipt']);
    expect(corrected.code).toBe(0);
    expect(corrected.stdout).toBe('GEO_2025 (corrected).csv: already in the warehouse (submission 1, same bytes); receipt corrected from 2026-01-20T00:00:00Z to '
      + '2026-01-20T15:00:00Z (the time before is kept in receipt_correction): submission 1 (GEO_2025 (corrected).csv) is now in force, where submission 2 (GEO_2025.csv) was\n');
    expect(await query(versions)).toBe([
      'submission_id,file_name,received_at,outcome,superseded_by',
      '1,GEO_2025 (corrected).csv,2026-01-20 15:00:00,accepted,',
      '2,GEO_2025.csv,2026-01-20 00:00:00,superseded,1',
      '',
    ].join('\n'));
    expect(await query(seized)).toBe('obs_value,submission_id\n1042.7,1\n');
    expect(await query('select submission_id, received_at_before, received_at_after, in_force_before, in_force_after from receipt_correction')).toBe(
      'submission_id,received_at_before,received_at_after,in_force_before,in_force_after\n1,2026-01-20 00:00:00,2026-01-20 15:00:00,2,1\n',
    );
    // the history says the time was corrected, and from what
    const history = (await cli(['status', '--year', '2025', '--history'])).stdout.split('\n');
    const geo = history.indexOf('GEO versions:');
    expect(history.slice(geo + 3, geo + 6).map((l) => l.trim().replace(/ {2,}/g, ' | '))).toEqual([
      '2 | GEO_2025.csv | 2026-01-20 00:00:00 | superseded | 243 | 0 | 0',
      '1 | GEO_2025 (corrected).csv | 2026-01-20 15:00:00 | accepted | 243 | 0 | 0',
      expect.stringMatching(/^submission 1: receipt corrected from 2026-01-20 00:00:00 to 2026-01-20 15:00:00 on \d{4}-\d\d-\d\d$/),
    ]);
    const status = await cli(['status', '--year', '2025']);
    expect(status.stdout.split('\n').filter((l) => l.startsWith('GEO '))).toEqual([
      'GEO    Georgia             accepted  2026-01-20  on time      243       0         0         2',
      'GEO GEO_2025 (corrected).csv (submission 1, received 2026-01-20) is in force; it supersedes GEO_2025.csv (submission 2, received 2026-01-20)',
    ]);

    // corrected again to the same time: nothing to do, nothing recorded
    const again = await cli(['ingest', 'GEO_2025 (corrected).csv', '--received-at', '2026-01-20T15:00:00Z', '--correct-receipt']);
    expect(again.stdout).toBe('GEO_2025 (corrected).csv: already in the warehouse (submission 1, same bytes): nothing to do\n');
    // one time for a whole folder, or no time, is refused before anything is written (exit 2)
    const folder = await cli(['ingest', '.', '--received-at', '2026-01-21', '--correct-receipt']);
    expect([folder.code, folder.stderr.split('\n')[0]]).toEqual([2, 'error: --correct-receipt: expected the files whose receipt to correct, found the folder . [USAGE_ERROR]']);
    const untimed = await cli(['ingest', 'GEO_2025.csv', '--correct-receipt']);
    expect([untimed.code, untimed.stderr.split('\n')[0]]).toEqual([2, 'error: --correct-receipt: expected --received-at, the time the state sent the file, found none [USAGE_ERROR]']);
    expect(await query('select count(*) as n from receipt_correction')).toBe('n\n1\n');

    // corrected back (--json): the first version is in force again, and both corrections are kept
    const back = JSON.parse((await cli(['ingest', 'GEO_2025.csv', '--received-at', '2026-01-20T16:00:00Z', '--correct-receipt', '--json'])).stdout);
    expect(back.files[0]).toMatchObject({
      outcome: 'duplicate', submission_id: 2, in_force: null,
      receipt_corrected: {
        submission_id: 2, from: '2026-01-20T00:00:00Z', to: '2026-01-20T16:00:00Z',
        in_force_before: { submission_id: 1, file_name: 'GEO_2025 (corrected).csv' }, in_force_after: { submission_id: 2, file_name: 'GEO_2025.csv' },
      },
    });
    expect(await query(seized)).toBe('obs_value,submission_id\n1042700,2\n');
    expect(await query('select submission_id, received_at_before, received_at_after from receipt_correction order by corrected_at, submission_id')).toBe(
      'submission_id,received_at_before,received_at_after\n1,2026-01-20 00:00:00,2026-01-20 15:00:00\n2,2026-01-20 00:00:00,2026-01-20 16:00:00\n',
    );
  }, 120_000);
});

// data_quality reads the receipt times: a correction that puts no other version in force changed no outcome, and the
// marts built before it passed for current while their timeliness said "on time".
describe('marts built before a receipt correction', () => {
  it('are out of date until the next build, which gives the corrected timeliness', { timeout: 180_000 }, async () => {
    const warehouse = join(tempDir('corrected-marts-'), 'w.duckdb');
    const cli = (args: string[]) => runCli([...args, '--warehouse', warehouse]);
    const quality = "select days_late, timeliness from data_quality where ref_area = 'ALB' and time_period = 2025";
    expect((await cli(['ingest', join(SAMPLE, 'ALB_2025.csv'), '--received-at', '2026-01-20'])).code).toBe(0);
    expect((await cli(['build'])).code).toBe(0);
    expect((await cli(['query', quality, '--format', 'csv'])).stdout).toBe('days_late,timeliness\n-11,on_time\n');

    expect((await cli(['ingest', join(SAMPLE, 'ALB_2025.csv'), '--received-at', '2026-02-10', '--correct-receipt'])).code).toBe(0);
    const stale = await cli(['query', quality, '--format', 'csv']);
    expect(stale.stderr).toBe('warning: the marts are out of date: the submissions changed after the last build (a version put in or out of force, a receipt time corrected), '
      + 'and their figures do not show it; run "crimetrends build" for current figures [MARTS_OUTDATED]\n');
    expect((await cli(['build'])).code).toBe(0);
    const built = await cli(['query', quality, '--format', 'csv']);
    expect([built.stdout, built.stderr]).toEqual(['days_late,timeliness\n10,late\n', '']);
  });
});

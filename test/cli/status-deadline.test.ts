import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';

const SAMPLE = join(PROJECT_ROOT, 'data/sample/returns');

// The deadline's edges: receipts logged in local time with an offset, in UTC, without a zone; a state whose only file
// was rejected; a deadline set in the config, and the deadline day itself.
describe('status around the deadline (31 January, to the end of the day, UTC)', () => {
  it('judges each logged receipt in UTC, a rejected-only state neither on time nor late, and a configured deadline', async () => {
    const inbox = tempDir('deadline-');
    for (const code of ['MDA', 'GEO', 'ALB', 'ARM']) copyFileSync(join(SAMPLE, `${code}_2025.csv`), join(inbox, `${code}_2025.csv`));
    // Bulgaria's return, sent early, with a negative count: rejected, nothing of it in force
    writeFileSync(join(inbox, 'BGR_2025.csv'), readFileSync(join(SAMPLE, 'BGR_2025.csv'), 'utf8').replace(/^(BGR,2025,TIP_OFF,_T,_T,_T,_T,)\d+/m, '$1-1'));
    writeFileSync(join(inbox, '_received.csv'), [
      'file,received_at',
      'MDA_2025.csv,2026-01-31T23:30:00+02:00', // 23:30 in Chisinau: 21:30 UTC, on time
      'GEO_2025.csv,2026-01-31T23:30:00Z', // on time
      'ALB_2025.csv,2026-02-01T00:30:00', // no zone: UTC, half an hour late
      'ARM_2025.csv,2026-02-02T01:00:00+02:00', // 2 February in local time, 1 February 23:00 UTC: 1 day late
      'BGR_2025.csv,2026-01-10',
      '',
    ].join('\n'));
    const warehouse = join(tempDir(), 'w.duckdb');
    expect((await runCli(['ingest', '.', '--warehouse', warehouse], { cwd: inbox })).code).toBe(1);

    const status = await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--history']);
    expect(status.code).toBe(0);
    const lines = status.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Returns for 2025 — BSEC (13 members), deadline 2026-01-31',
      '5 returned (4 accepted, 1 rejected only), 8 missing, 2 late',
      // "2 late" counts the returns that came late; those with nothing in force are late too, which it did not say
      'the deadline (2026-01-31) has passed: 8 missing states and 1 whose files were all rejected have no 2025 return in force',
    ]);
    expect(lines.filter((l) => /^(MDA|GEO|ALB|ARM|BGR) {2,}/.test(l)).map((l) => l.split(/ {2,}/).slice(0, 5).join(' | '))).toEqual([
      // was "on time": nothing of Bulgaria's return is in (data_quality's timeliness "rejected"), only its file was sent on time
      'BGR | Bulgaria | rejected | 2026-01-10 | sent on time',
      'ALB | Albania | accepted | 2026-02-01 | late (1 d)',
      'ARM | Armenia | accepted | 2026-02-01 | late (1 d)',
      'GEO | Georgia | accepted | 2026-01-31 | on time',
      'MDA | Moldova | accepted | 2026-01-31 | on time',
    ]);
    // the versions give the time as recorded, which says it is UTC
    const mda = lines.indexOf('MDA versions:');
    expect(lines.slice(mda + 1, mda + 4).map((l) => l.trim().split(/ {2,}/).slice(0, 3).join(' | '))).toEqual([
      'submission | file | received (UTC)', '---------- | ------------ | -------------------', '5 | MDA_2025.csv | 2026-01-31 21:30:00',
    ]);
    const json = JSON.parse((await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--json'])).stdout);
    const bgr = json.states.find((s: { ref_area: string }) => s.ref_area === 'BGR');
    expect(bgr).toMatchObject({ status: 'rejected', is_on_time: null, days_late: 0, first_received_at: '2026-01-10T00:00:00Z' });
    expect(json.late).toBe(2);
    const every = await runCli(['status', '--warehouse', warehouse]);
    expect(every.stdout.split('\n')[3]).toBe('2025  2026-01-31   5 of 13         4              1        8     2                   0');

    // a deadline set in the config: 2 February, so Albania and Armenia are on time
    const config = join(inbox, 'config.json');
    writeFileSync(config, '{"deadline": "02-02"}');
    const configured = await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--config', config]);
    expect(configured.stdout.split('\n').slice(0, 2)).toEqual(['Returns for 2025 — BSEC (13 members), deadline 2026-02-02', '5 returned (4 accepted, 1 rejected only), 8 missing, 0 late']);
    expect(configured.stdout).toMatch(/^ARM +Armenia +accepted +2026-02-01 +on time /m);

    // Bulgaria's file was logged on the wrong day: corrected, the rejected file says when it was sent, nothing else recorded
    const corrected = await runCli(['ingest', 'BGR_2025.csv', '--warehouse', warehouse, '--received-at', '2026-02-05', '--correct-receipt'], { cwd: inbox });
    expect(corrected.code).toBe(1);
    // the sample's BGR_2025.csv: 253 lines, the header and 252 rows; the one error is its TIP_OFF of -1
    expect(corrected.stdout.split('\n')[0]).toBe('BGR_2025.csv: 252 rows, 1 error, 0 warnings — already offered and rejected (submission 3, 2026-01-10); it still has errors: nothing recorded; '
      + 'receipt corrected from 2026-01-10T00:00:00Z to 2026-02-05T00:00:00Z (the time before is kept in receipt_correction)');
    const after = await runCli(['status', '--year', '2025', '--warehouse', warehouse]);
    expect(after.stdout).toMatch(/^BGR +Bulgaria +rejected +2026-02-05 +sent late \(5 d\) /m);
    expect(after.stdout.split('\n')[1]).toBe('5 returned (4 accepted, 1 rejected only), 8 missing, 2 late');
    expect((await runCli(['query', 'select count(*) as n from submission', '--warehouse', warehouse, '--format', 'csv'])).stdout).toBe('n\n5\n');
  }, 120_000);

  it('on the deadline day itself, says the missing states are not late yet (the day runs to its end), where it counted the day as past', async () => {
    // a deadline of today's month and day makes today the deadline of last year's returns
    const today = new Date().toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4)) - 1;
    const inbox = tempDir('deadline-day-');
    writeFileSync(join(inbox, `ALB_${year}.csv`), readFileSync(join(SAMPLE, 'ALB_2025.csv'), 'utf8').replace(/^ALB,2025,/gm, `ALB,${year},`));
    const config = join(inbox, 'config.json');
    writeFileSync(config, JSON.stringify({ deadline: today.slice(5) }));
    const warehouse = join(tempDir(), 'w.duckdb');
    expect((await runCli(['ingest', '.', '--warehouse', warehouse, '--config', config, '--received-at', `${year}-12-20`], { cwd: inbox })).code).toBe(0);
    const status = await runCli(['status', '--year', String(year), '--warehouse', warehouse, '--config', config]);
    expect(status.stdout.split('\n').slice(0, 3)).toEqual([
      `Returns for ${year} — BSEC (13 members), deadline ${today}`,
      '1 returned (1 accepted, 0 rejected only), 12 missing, 0 late',
      `the deadline (${today}) is today, to the end of the day (UTC): the 12 missing states are not late yet`,
    ]);
    const every = await runCli(['status', '--warehouse', warehouse, '--config', config]);
    expect(every.stdout).toContain(`(${year}: the deadline (${today}) is today, to the end of the day (UTC): the 12 missing states are not late yet)\n`);
  }, 120_000);
});

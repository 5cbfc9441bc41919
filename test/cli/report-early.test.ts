import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { earlyReview } from '../../src/cli/early-review.js';
import { runCli } from '../helpers/cli.js';
import { insertObservations, openTestWarehouse, tempDir } from '../helpers/warehouse.js';

// A review of 2025 written from a warehouse whose latest file came in on 20 November 2025: `report` warned on stderr
// that twelve members had sent no return yet, while `report --json`, which a script publishing the review reads,
// said nothing of it.

const WARNING = 'the review of 2025 rests on files all received before 2025 was over (the latest on 2025-11-20), and 12 members have sent no return yet (the review says so); report again once the returns are in';

let warehouse: string;
beforeAll(async () => {
  warehouse = join(tempDir('report-early-'), 'warehouse.duckdb');
  const store = await openTestWarehouse(warehouse);
  await insertObservations(store, [{ ref_area: 'ARM', time_period: 2025, indicator: 'TIP_VIC', obs_value: 20 }], { received_at: '2025-11-20 10:00:00' });
  await insertObservations(store, [{ ref_area: 'ARM', time_period: 2024, indicator: 'TIP_VIC', obs_value: 19 }], { received_at: '2025-01-20 10:00:00' });
  store.close();
  expect((await runCli(['build', '--warehouse', warehouse])).code).toBe(0);
}, 180_000);

describe('report of a year not over, members yet to return', () => {
  it('warns on stderr, and --json carries the warning as early_review', async () => {
    const text = await runCli(['report', '--year', '2025', '--warehouse', warehouse, '--out', join(tempDir(), 'text')]);
    expect(text.code).toBe(0);
    expect(text.stderr).toContain(`warning: ${WARNING}\n`);
    const json = await runCli(['report', '--year', '2025', '--warehouse', warehouse, '--out', join(tempDir(), 'json'), '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, command: 'report', early_review: { latest_receipt: '2025-11-20', members_without_return: 12, warning: WARNING } });
    expect(json.stderr).toContain(`warning: ${WARNING}\n`);
  }, 180_000);

  it('has early_review null for a year whose files came in after it was over', async () => {
    const json = await runCli(['report', '--year', '2024', '--warehouse', warehouse, '--out', join(tempDir(), 'past'), '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ early_review: null });
    expect(json.stderr).not.toContain('rests on files');
  }, 180_000);
});

describe('run of a year not over, members yet to return', () => {
  it('warns as report does, and --json carries early_review', async () => {
    // Romania's 2025 return, received on 20 November 2025: a run then wrote the review and listed twelve members
    // missing, with nothing saying the year was not over
    const dir = tempDir('run-early-');
    const returns = join(dir, 'returns');
    mkdirSync(returns);
    copyFileSync(join(PROJECT_ROOT, 'data/sample/returns/ROU_2025.csv'), join(returns, 'ROU_2025.csv'));
    writeFileSync(join(returns, '_received.csv'), 'file,received_at\nROU_2025.csv,2025-11-20T10:00:00Z\n');
    const result = await runCli(['run', '--year', '2025', '--returns', returns, '--warehouse', join(dir, 'warehouse.duckdb'), '--out', join(dir, 'review'), '--json']);
    expect(result.code).toBe(0);
    const warning = 'the review of 2025 rests on files all received before 2025 was over (the latest on 2025-11-20), and 12 members have sent no return yet (the review says so); report again once the returns are in';
    expect(JSON.parse(result.stdout)).toMatchObject({ command: 'run', early_review: { latest_receipt: '2025-11-20', members_without_return: 12, warning } });
    expect(result.stderr).toContain(`warning: ${warning}\n`);
  }, 180_000);
});

describe('earlyReview of files all from the years before', () => {
  it('says they came in before the year began, not "before 2025 was over"', () => {
    // the review of 2025 resting on files all received in January 2024: true that 2025 was not over, but odd
    expect(earlyReview(2025, { beforeDeadline: '2024-01-20', notReceived: 13 })?.warning).toBe(
      'the review of 2025 rests on files all received before 2025 began (the latest on 2024-01-20), and 13 members have sent no return yet (the review says so); report again once the returns are in');
    expect(earlyReview(2025, { beforeDeadline: '2025-01-01', notReceived: 1 })?.warning).toMatch(/^the review of 2025 rests on files all received before 2025 was over \(the latest on 2025-01-01\), and 1 member has sent/);
  });
});

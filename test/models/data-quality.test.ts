import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataQuality } from '../../src/schema/marts.js';
import type { Store } from '../../src/store/index.js';
import { buildAll, configWith, insertObservations, openFixtureWarehouse, rowsOf } from './helpers.js';

let store: Store;
const obs = (ref_area: string, indicator: string, extra = {}) => ({ ref_area, time_period: 2023, indicator, obs_value: 10, ...extra });

beforeAll(async () => {
  store = await openFixtureWarehouse(async (s) => {
    // ALB: on time (deadline 2024-01-31), 5 totals: one provisional, one estimated, one confidential, one break
    const alb = await insertObservations(
      s,
      [
        obs('ALB', 'TIP_VIC', { obs_status: 'P' }), obs('ALB', 'TIP_OFF'), obs('ALB', 'SOM_OFF', { obs_status: 'E' }),
        obs('ALB', 'COR_OFF', { conf_status: 'C' }), obs('ALB', 'FA_SEIZED', { obs_status: 'B' }),
        obs('ALB', 'FA_OFF', { obs_value: null, obs_status: 'M' }), // missing: not reported
        obs('ALB', 'CYB_OFF', { sex: 'F' }), // only a part: no total
        { ...obs('ALB', 'TIP_OFF'), time_period: 2022 }, // a revision of 2022 counts for 2022, not 2023
      ],
      { received_at: '2024-01-20 09:00:00', reporting_year: 2023 },
    );
    await s.run('update submission set warnings = 2 where submission_id = $id', { id: alb });
    // an imported value is not the state's return
    await insertObservations(s, [obs('ALB', 'DRG_OFF', { source: 'UNODC' })], { ref_area: null, reporting_year: null, received_at: '2023-06-01 00:00:00' });
    // SRB: late by 10 days, with 1 warning; a corrected file sent later was rejected, so the first stays in force
    const srb = await insertObservations(s, [obs('SRB', 'TIP_VIC')], { received_at: '2024-02-10 12:00:00', reporting_year: 2023 });
    await s.run('update submission set warnings = 1 where submission_id = $id', { id: srb });
    await s.run(`insert into submission values (5002, 'RETURN', null, 'SRB', 2023, 'SRB_2023_v2.csv', 'y', 0, '2024-02-20 00:00:00', 'rejected',
      null, 12, 0, 2, 4, 'test', null, null)`);
    // SRB's 2022 return makes 2022 a reporting year: ALB sent none for it, though its 2023 return revises TIP_OFF 2022
    await insertObservations(s, [{ ...obs('SRB', 'TIP_VIC'), time_period: 2022 }], { received_at: '2023-01-20 09:00:00', reporting_year: 2022 });
    // MKD: one file, rejected
    await s.run(`insert into submission values (5001, 'RETURN', null, 'MKD', 2023, 'MKD_2023.csv', 'x', 0, '2024-01-05 00:00:00', 'rejected',
      null, 40, 0, 3, 1, 'test', null, null)`);
  });
  await buildAll(store);
});
afterAll(() => store.close());

const quality = async (ref_area: string): Promise<DataQuality> => (await rowsOf<DataQuality>(store, 'data_quality', `ref_area = '${ref_area}' and time_period = 2023`))[0]!;

describe('data_quality', () => {
  it('has one row per member state for each year with a return, missing states included', async () => {
    const rows = await rowsOf<DataQuality>(store, 'data_quality');
    expect(rows).toHaveLength(36); // every state of states.csv is a member of some group; two reporting years
    expect(rows.every((r) => [2022, 2023].includes(r.time_period) && r.series_expected === 39)).toBe(true);
    expect(rows.filter((r) => r.timeliness === 'missing' && r.time_period === 2023).map((r) => r.ref_area)).not.toContain('MKD');
  });

  it('counts no series as reported for a year without a return of its own, and gives the revisions a later return made apart', async () => {
    // was: ALB 2022 "missing" with series_reported 1 (the TIP_OFF 2022 its 2023 return revised), 1 of 39 reported
    expect((await rowsOf<DataQuality>(store, 'data_quality', "ref_area = 'ALB' and time_period = 2022"))[0]).toMatchObject({
      has_accepted_return: false, return_outcome: null, versions: 0, timeliness: 'missing',
      series_reported: 0, share_reported: 0, share_provisional: null, series_confidential: 0, series_from_other_returns: 1,
    });
    // a year with its own return counts the series of it; nothing from other returns apart
    expect(await quality('ALB')).toMatchObject({ series_reported: 5, series_from_other_returns: 0 });
  });

  it('measures the series reported and their flags from the return', async () => {
    expect(await quality('ALB')).toMatchObject({
      has_accepted_return: true,
      return_outcome: 'accepted',
      versions: 1,
      first_received_at: '2024-01-20T09:00:00Z',
      deadline_date: '2024-01-31',
      days_late: -11,
      timeliness: 'on_time',
      series_reported: 5,
      share_reported: 5 / 39,
      share_provisional: 1 / 5,
      share_estimated: 1 / 5,
      series_confidential: 1,
      series_break: 1,
      warnings_accepted: 2,
    });
  });

  it('flags a late return, a rejected one and a missing one', async () => {
    // the warnings are the accepted return's in force (1), not the rejected resend's (4)
    expect(await quality('SRB')).toMatchObject({
      timeliness: 'late', days_late: 10, series_reported: 1, share_provisional: 0, return_outcome: 'rejected', versions: 2, has_accepted_return: true, warnings_accepted: 1,
    });
    // a return whose only file was rejected is "rejected", not on time: nothing of it was taken in (was: on_time); when
    // its file came stays in days_late (5 January 2024, 26 days before the deadline)
    expect(await quality('MKD')).toMatchObject({
      has_accepted_return: false, return_outcome: 'rejected', versions: 1, timeliness: 'rejected', days_late: -26, first_received_at: '2024-01-05T00:00:00Z',
      series_reported: 0, share_provisional: null, warnings_accepted: null, series_from_other_returns: 0,
    });
    expect(await quality('TUR')).toMatchObject({
      has_accepted_return: false, return_outcome: null, versions: 0, first_received_at: null, days_late: null, timeliness: 'missing', series_reported: 0, share_reported: 0,
    });
  });

  it('follows the configured deadline', async () => {
    await buildAll(store, configWith({ deadline: '01-15' }));
    expect(await quality('ALB')).toMatchObject({ deadline_date: '2024-01-15', days_late: 5, timeliness: 'late' });
    await buildAll(store);
  });
});

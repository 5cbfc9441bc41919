import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { readReceived } from '../../src/ingest/read-received.js';
import { openStore, type Store } from '../../src/store/index.js';
import { tempDir } from '../helpers/warehouse.js';

/** The ingest's clock: every time in these logs is before it. */
const NOW = new Date('2026-03-01T12:00:00Z');

describe('readReceived: the receipt log _received.csv', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(':memory:');
  });
  afterAll(() => store.close());

  const logIn = (text: string): string => {
    const dir = tempDir();
    writeFileSync(join(dir, '_received.csv'), text);
    return dir;
  };

  it('honours an offset, reads a time without one and a date as UTC, and returns every time in UTC', async () => {
    const dir = logIn(
      'file,received_at\n' +
        'ROU_2025.csv,2026-01-31T23:30:00+02:00\n' + // 21:30 UTC, still the 31st
        'MDA_2025.csv,2026-02-01T01:15:00+0300\n' + // 22:15 UTC on the 31st: on time for a deadline of 31 January
        'GEO_2025.csv,2026-01-20T10:00:00\n' +
        'ARM_2025.csv,2026-01-20\n' +
        'TUR_2025.csv,2026-01-31T20:00:00-05:00\n', // 1 February, 01:00 UTC
    );
    expect(Object.fromEntries(await readReceived(store, dir, NOW))).toEqual({
      'ROU_2025.csv': '2026-01-31T21:30:00Z',
      'MDA_2025.csv': '2026-01-31T22:15:00Z',
      'GEO_2025.csv': '2026-01-20T10:00:00Z',
      'ARM_2025.csv': '2026-01-20T00:00:00Z',
      'TUR_2025.csv': '2026-02-01T01:00:00Z',
    });
  });

  it('refuses a day the calendar does not have at its line, never rolling it into the next month', async () => {
    const dir = logIn('file,received_at\nROU_2025.csv,2026-01-20\nMDA_2025.csv,2026-02-30T10:00:00+02:00\n');
    const error = await readReceived(store, dir, NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('MANIFEST_INVALID');
    expect((error as ConfigError).message).toBe(
      `${join(dir, '_received.csv')}:3 column received_at: expected an ISO date like 2026-01-20 or a date-time like 2026-01-20T10:00:00+02:00, found "2026-02-30T10:00:00+02:00": 2026-02-30 is not a day: February 2026 has 28 days`,
    );
    expect((error as ConfigError).hint).toBe('correct the day or time MDA_2025.csv was received (the calendar has no 2026-02-30T10:00:00+02:00)');
  });

  const refusal = async (dir: string) => {
    const error = await readReceived(store, dir, NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const { code, message, hint } = error as ConfigError;
    return { code, message, hint };
  };

  it('reads a log Excel saved with semicolons, BOM and CRLF, as the sample\'s commas', async () => {
    const dir = logIn('\ufefffile;received_at\r\nROU_2025.csv;2026-01-20T10:00:00Z\r\nROU_2025_v2.csv;2026-02-03\r\n');
    // was: MANIFEST_INVALID 'expected columns file and received_at, found file;received_at', nothing ingested
    expect(Object.fromEntries(await readReceived(store, dir, NOW))).toEqual({ 'ROU_2025.csv': '2026-01-20T10:00:00Z', 'ROU_2025_v2.csv': '2026-02-03T00:00:00Z' });
  });

  it('skips the rows of empty cells Excel leaves below the table, and names a line with a file and no time', async () => {
    // was: MANIFEST_INVALID at line 5 'found ""', for the ';;;' Excel saved, and nothing ingested
    const dir = logIn('sep=;\r\nfile;received_at;;\r\nROU_2025.csv;2026-01-20T10:00:00Z;;\r\nROU_2025_v2.csv;2026-02-03 10:15;;\r\n;;;\r\n;;;\r\n');
    expect(Object.fromEntries(await readReceived(store, dir, NOW))).toEqual({ 'ROU_2025.csv': '2026-01-20T10:00:00Z', 'ROU_2025_v2.csv': '2026-02-03T10:15:00Z' });
    expect(await refusal(logIn('file,received_at\nROU_2025.csv,\n'))).toMatchObject({
      code: 'MANIFEST_INVALID', message: expect.stringMatching(/_received\.csv:2 column received_at: .*, found ""$/), hint: 'give the time ROU_2025.csv was received, or remove the line',
    });
    expect(await refusal(logIn('file,received_at\n,2026-01-20\n'))).toMatchObject({
      code: 'MANIFEST_INVALID', message: expect.stringMatching(/_received\.csv:2 column file: expected the name of a file in the folder, found ""$/),
    });
  });

  it('names an empty log as such', async () => {
    // was: 'expected columns file and received_at, found ' and nothing after it
    expect(await refusal(logIn(''))).toEqual({
      code: 'MANIFEST_INVALID', message: expect.stringMatching(/_received\.csv: expected columns file and received_at, found an empty file$/), hint: 'the first line names the columns: file,received_at',
    });
  });

  it('gives a name logged twice the latest of its times, whatever the order of the lines', async () => {
    // the corrected file saved over the first, its receipt logged on a line of its own, above the first (a sorted log):
    // the last line won, 2026-01-20, and the correction lost to any version received between the two
    const dir = logIn('file,received_at\nROU_2025.csv,2026-02-10T09:00:00Z\nROU_2025_v2.csv,2026-02-03\nROU_2025.csv,2026-01-20T10:00:00Z\n');
    expect(Object.fromEntries(await readReceived(store, dir, NOW))).toEqual({ 'ROU_2025.csv': '2026-02-10T09:00:00Z', 'ROU_2025_v2.csv': '2026-02-03T00:00:00Z' });
  });

  it('refuses a time after now at its line: a mistyped year would put that file in force over every correction', async () => {
    const dir = logIn('file,received_at\nROU_2025.csv,2026-01-20\nROU_2025_v2.csv,2027-02-03T10:00:00Z\n');
    expect(await refusal(dir)).toEqual({
      code: 'MANIFEST_INVALID',
      message: `${join(dir, '_received.csv')}:3 column received_at: expected a time not after now (2026-03-01T12:00:00Z), found "2027-02-03T10:00:00Z"`,
      hint: expect.stringMatching(/^a file is received before it is ingested: check the year/),
    });
  });

  it('takes a date alone once that day has begun anywhere on Earth (UTC+14), recorded as its midnight UTC; a later day is refused at its line', async () => {
    // 12:00 UTC on 1 March is 02:00 on 2 March in Kiritimati (UTC+14): a coordinator there logs today's date, 2026-03-02
    const dir = logIn('file,received_at\nROU_2025.csv,2026-03-02\n');
    // it was "expected a time not after now (2026-03-01T12:00:00Z), found "2026-03-02""
    expect(Object.fromEntries(await readReceived(store, dir, NOW))).toEqual({ 'ROU_2025.csv': '2026-03-02T00:00:00Z' });
    expect(await refusal(logIn('file,received_at\nROU_2025.csv,2026-03-02\nMDA_2025.csv,2026-03-03\n'))).toEqual({
      code: 'MANIFEST_INVALID',
      message: expect.stringMatching(/_received\.csv:3 column received_at: expected a date not after today \(2026-03-02 in the time zone furthest ahead, UTC\+14\), found "2026-03-03"$/),
      hint: expect.stringMatching(/^a file is received before it is ingested: check the year/),
    });
    // a date-time is a moment: after now is after now, wherever the user is
    expect((await refusal(logIn('file,received_at\nROU_2025.csv,2026-03-02T00:00:00Z\n'))).message).toMatch(/:2 column received_at: expected a time not after now \(2026-03-01T12:00:00Z\), found "2026-03-02T00:00:00Z"$/);
  });

  it('refuses a spreadsheet\'s date at its line with a hint to write the year first, guessing neither order', async () => {
    const dir = logIn('file,received_at\nROU_2025.csv,31/01/2026 10:15\n');
    expect(await refusal(dir)).toMatchObject({
      code: 'MANIFEST_INVALID',
      message: expect.stringMatching(/_received\.csv:2 column received_at: expected an ISO date like 2026-01-20 .*, found "31\/01\/2026 10:15"$/),
      hint: expect.stringMatching(/^write the year first \(2026-01-31T10:15\)/),
    });
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { readReceived } from '../../src/ingest/read-received.js';
import { openStore, type Store } from '../../src/store/index.js';
import { tempDir } from '../helpers/warehouse.js';

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
    expect(Object.fromEntries(await readReceived(store, dir))).toEqual({
      'ROU_2025.csv': '2026-01-31T21:30:00Z',
      'MDA_2025.csv': '2026-01-31T22:15:00Z',
      'GEO_2025.csv': '2026-01-20T10:00:00Z',
      'ARM_2025.csv': '2026-01-20T00:00:00Z',
      'TUR_2025.csv': '2026-02-01T01:00:00Z',
    });
  });

  it('refuses a day the calendar does not have at its line, never rolling it into the next month', async () => {
    const dir = logIn('file,received_at\nROU_2025.csv,2026-01-20\nMDA_2025.csv,2026-02-30T10:00:00+02:00\n');
    const error = await readReceived(store, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('MANIFEST_INVALID');
    expect((error as ConfigError).message).toBe(
      `${join(dir, '_received.csv')}:3 column received_at: expected an ISO date like 2026-01-20 or a date-time like 2026-01-20T10:00:00+02:00, found "2026-02-30T10:00:00+02:00"`,
    );
  });
});

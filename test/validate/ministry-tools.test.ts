import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import type { ValidationSession } from '../../src/validate/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';
import { openSession, validatePath } from './validate-helper.js';

// returns as the tools ministries use write them, byte for byte (a new user's sweep of validate)

let store: Store;
let session: ValidationSession;
beforeAll(async () => ({ store, session } = await openSession()));
afterAll(() => store.close());

const dir = tempDir();
let counter = 0;
function file(bytes: string | Buffer, name = `SRB_2025_${++counter}.csv`): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}
const HEADER = 'REF_AREA,TIME_PERIOD,INDICATOR,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE,OBS_STATUS,CONF_STATUS,COMMENT';
const brief = (issues: Array<{ code: string; line: number | null; column: string | null; value?: string | null }>): string[] =>
  issues.map((i) => `${i.code}@${i.line ?? ''}:${i.column ?? ''}=${i.value ?? ''}`);
const row = (indicator: string, value: string, { area = 'SRB', year = '2025' } = {}): string => `${area},${year},${indicator},_T,_T,_T,_T,${value},,,`;

describe('UTF-16 without a byte-order mark', () => {
  it('is decoded as UTF-16 (little- or big-endian, tab or comma, CR LF or LF), not read as NUL bytes', async () => {
    const text = (sep: string, eol: string): string =>
      [HEADER, row('TIP_VIC', '12'), 'SRB,2025,COR_OFF,_T,_T,_T,_T,87,P,F,Провизорни подаци'].map((l) => l.replaceAll(',', sep)).join(eol) + eol;
    for (const [encoding, sep, eol] of [['utf16le', '\t', '\r\n'], ['utf16be', '\t', '\r\n'], ['utf16le', ',', '\n']] as const) {
      const path = file(iconv.encode(text(sep, eol), encoding));
      const result = await validatePath(session, path);
      expect(brief(result.issues), `${encoding} ${JSON.stringify(sep)}`).toEqual([`ENCODING_CONVERTED@:=${encoding === 'utf16le' ? 'UTF-16LE' : 'UTF-16BE'}`]);
      expect(result).toMatchObject({ rows: 2, accepted: 2, errors: 0, state: 'SRB', encoding: encoding === 'utf16le' ? 'utf-16le' : 'utf-16be' });
    }
  });

  it('through the CLI: a clean pass with the conversion warning, exit 0', async () => {
    const path = file(iconv.encode(`${HEADER}\r\n${row('TIP_VIC', '12')}\r\n`, 'utf16le'));
    const result = await runCli(['validate', '--json', path]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.files[0]).toMatchObject({ rows: 1, accepted: 1, errors: 0, warnings: 1, encoding: 'utf-16le' });
  });
});

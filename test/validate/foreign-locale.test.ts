import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import type { ValidationSession } from '../../src/validate/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';
import { briefAt, fileWriter, openSession, storedRows, validatePath } from './validate-helper.js';

let store: Store;
let session: ValidationSession;
beforeAll(async () => ({ store, session } = await openSession()));
afterAll(() => store.close());

const file = fileWriter(tempDir(), 'f');
const HEADER = 'REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT';

describe('a return saved in the code page of a computer set to another language than its state\'s', () => {
  // Excel's "CSV (Comma delimited)" on a Russian-locale PC writes windows-1251 whatever the state: was refused,
  // "found bytes that no code page reads plausibly (the likeliest, windows-1251, reads "Данные предварительные")"
  const rou = iconv.encode(`${HEADER}\r\nROU,2025,SOM_OFF,10,Данные предварительные\r\nROU,2025,FA_OFF,11,Пересмотрено Министерством внутренних дел\r\n`, 'windows-1251');

  it('a Romanian return with Russian comments is valid, both rows stored with their comments as written, one warning', async () => {
    const result = await validatePath(session, file(rou));
    expect(briefAt(result.issues)).toEqual(['ENCODING_CONVERTED@:']);
    expect(result.issues[0]).toMatchObject({ severity: 'warning', value: 'windows-1251' });
    expect(result.acceptedLines).toEqual([2, 3]);
    const rows = await storedRows(session, file(rou));
    expect(rows.map((r) => [r.line, r.comment])).toEqual([[2, 'Данные предварительные'], [3, 'Пересмотрено Министерством внутренних дел']]);
  });

  it('the CLI says so and exits 0; a Greek return\'s "Tahmini değer", which windows-1250 reads "deđer", is refused naming both, exit 1', async () => {
    const good = file(rou, 'ROU_2025.csv');
    const ambiguous = file(iconv.encode(`${HEADER}\r\nGRC,2025,SOM_OFF,10,Tahmini değer\r\n`, 'windows-1254'), 'GRC_2025.csv');
    const read = await runCli(['validate', good]);
    expect(read.stderr).toBe('');
    expect(read.code).toBe(0);
    expect(read.stdout).toContain(': 2 rows, 0 errors, 1 warning — valid, with warnings (ROU, 2025)\n');
    expect(read.stdout).toContain(
      'ROU_2025.csv: expected UTF-8, found windows-1251 (detected with 100% confidence), as a computer set to another language saves it: not windows-1250, the code page of ROU\'s returns (windows-1250 reads the words as "Äŕííűĺ ďđĺäâŕđčňĺëüíűĺ Ďĺđĺńěîňđĺíî"); the file was converted [ENCODING_CONVERTED]\n',
    );
    const refused = await runCli(['validate', ambiguous]);
    expect(refused.stderr).toBe('');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(
      'GRC_2025.csv:2 column COMMENT: expected text in UTF-8 or a code page of the region, found words that several code pages read as letters (the likeliest, windows-1250, reads "deđer"); the file was not converted, to keep names from being garbled [ENCODING_UNDECODABLE]\n',
    );
    expect(refused.stdout).toContain(
      'hint: the words read as letters in windows-1250 ("deđer") and in windows-1254 ("değer") (not windows-1253, the code page of GRC\'s returns), and nothing tells which is right: save the file as "CSV UTF-8" from your spreadsheet program (File > Save As > CSV UTF-8)\n',
    );
  });
});

import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { checkImportMappings } from '../../src/ingest/import/index.js';
import { readReference } from '../../src/io/read-reference.js';
import { openStore, type Store } from '../../src/store/index.js';
import { loadTestReference, tempDir } from '../helpers/warehouse.js';

let store: Store;
beforeEach(async () => {
  store = await openStore(':memory:');
});
afterEach(() => store.close());

/** Returns a copy of data/reference with `line` appended to `file`, and the new line's number. */
function referenceWith(file: string, line: string): { dir: string; lineNumber: number } {
  const dir = join(tempDir(), 'reference');
  cpSync(join(PROJECT_ROOT, 'data/reference'), dir, { recursive: true });
  const text = readFileSync(join(dir, file), 'utf8');
  writeFileSync(join(dir, file), `${text}${line}\n`);
  return { dir, lineNumber: text.trimEnd().split('\n').length + 1 };
}

describe('import mapping tables', () => {
  it('the shipped tables pass the cross-check against the catalogue', async () => {
    const reference = await loadTestReference();
    expect(() => checkImportMappings(reference, join(PROJECT_ROOT, 'data/reference'))).not.toThrow();
  });

  it('a mapped row without a breakdown is a located error when the reference is read', async () => {
    const { dir, lineNumber } = referenceWith('unodc_mapping.csv', 'GLOTIP,Persons convicted,Total,Total,*,*,TIP_CNV,*,_T,,_T,');
    await expect(readReference(store, dir, dir)).rejects.toMatchObject({
      code: 'REFERENCE_INVALID', exitCode: 2, location: { file: 'unodc_mapping.csv', line: lineNumber, column: 'breakdown' },
    });
  });

  it('a row without a code needs a note saying why', async () => {
    const { dir, lineNumber } = referenceWith('eurostat_mapping.csv', 'ICCS0102,,,');
    await expect(readReference(store, dir, dir)).rejects.toMatchObject({ location: { file: 'eurostat_mapping.csv', line: lineNumber, column: 'note' } });
  });

  it.each([
    ['unodc_mapping.csv', 'GLOTIP,Persons convicted,by form of exploitation,Begging,*,*,TIP_CNV,*,_T,PISTOL,_T,', 'breakdown', /TIP_CNV's breakdown list TIP_FORM, found "PISTOL"/],
    ['unodc_mapping.csv', 'GLOTIP,Persons convicted,Total,Total,Total,0 to 17 years,TIP_CNV,_T,Y_LT18,_T,_T,', 'age_code', /AGE is not a dimension of TIP_CNV/],
    ['unodc_mapping.csv', 'IAFQ,Arms seized,by origin,*,*,*,FA_AMMO,*,*,_T,citizenship,', 'counterpart', /COUNTERPART_AREA is not a dimension of FA_AMMO/],
    ['eurostat_mapping.csv', 'ICCS0104,HOMICIDE,_T,', 'code', /expected an indicator of indicators.csv, found "HOMICIDE"/],
    ['eurostat_mapping.csv', 'ICCS0703,COR_OFF,_T,again', 'iccs', /each ICCS code once/],
    ['eurostat_flags.csv', 'x,X,unknown status', 'obs_status', /OBS_STATUS list, found "X"/],
  ])('%s: %s is refused by the cross-check at its line and column', async (file, line, column, message) => {
    const { dir, lineNumber } = referenceWith(file, line);
    const reference = await readReference(store, dir, dir);
    let error: unknown;
    try {
      checkImportMappings(reference, dir, dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'REFERENCE_INVALID', exitCode: 2, location: { file, line: lineNumber, column }, message: expect.stringMatching(message) });
  });
});

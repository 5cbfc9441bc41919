import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import type { ValidationSession } from '../../src/validate/index.js';
import { tempDir } from '../helpers/warehouse.js';
import { fileWriter, HEADER, openSession, validatePath } from './validate-helper.js';

// a column asking "confidential?" filled with yes and no: never mapped to the codes (a column asking "may be
// published?" is answered with the same words the other way round), an error naming the codes instead

let store: Store;
let session: ValidationSession;
beforeAll(async () => ({ store, session } = await openSession()));
afterAll(() => store.close());

const file = fileWriter(tempDir(), 'SRB_2025_conf_');
const CODES_HINT = 'write a code in place of each yes or no: C for a confidential figure (never published), N for internal use only, F or an empty cell for free (may be published); a yes or no is not read, since "may be published?" is answered with the same words the other way round';

describe('a confidentiality column of yes and no', () => {
  it('CONFIDENTIALITY of Yes/No is a MISSING_COLUMN error naming the codes (was: an UNKNOWN_COLUMN warning, every row free to publish)', async () => {
    const header = HEADER.replace('CONF_STATUS', 'CONFIDENTIALITY');
    const result = await validatePath(session, file(`${header}\nSRB,2025,TIP_VIC,_T,_T,_T,_T,10,A,No,\nSRB,2025,TIP_VIC,F,_T,_T,_T,4,A,Yes,\nSRB,2025,TIP_VIC,M,_T,_T,_T,6,A,,\n`));
    const missing = result.issues.filter((i) => i.code === 'MISSING_COLUMN');
    expect(missing).toEqual([expect.objectContaining({
      severity: 'error',
      line: 1,
      column: 'CONF_STATUS',
      value: 'CONFIDENTIALITY',
      message: 'expected a column CONF_STATUS in the header, found "CONFIDENTIALITY", whose cells hold a yes or no ("No", "Yes"; "No" at line 2): its values would be ignored, every row read as CONF_STATUS F (free: may be published)',
      hint: `rename the column "CONFIDENTIALITY" to CONF_STATUS and ${CODES_HINT}`,
    })]);
  });

  it('the same for Y/N, true/false, 1/0 and yes and no in the region\'s languages, under a name in English or theirs', async () => {
    const cases: Array<[string, string, string]> = [
      ['Confidential (Y/N)', 'N', 'Y'], ['CONF', 'false', 'true'], ['Confidential', '0', '1'], ['Поверљиво', 'Не', 'Да'], ['Gizli', 'Hayır', 'Evet'],
      ['Confidențial', 'Nu', 'Da'], ['Konfidenciale', 'Jo', 'Po'], ['Εμπιστευτικό', 'Όχι', 'Ναι'],
    ];
    for (const [name, no, yes] of cases) {
      const header = HEADER.replace('CONF_STATUS', name.includes(' ') ? `"${name}"` : name);
      const result = await validatePath(session, file(`${header}\nSRB,2025,TIP_VIC,_T,_T,_T,_T,10,A,${no},\nSRB,2025,TIP_VIC,F,_T,_T,_T,4,A,${yes},\nSRB,2025,TIP_VIC,M,_T,_T,_T,6,A,${no},\n`));
      const missing = result.issues.filter((i) => i.code === 'MISSING_COLUMN');
      expect(missing.map((i) => [i.line, i.column, i.value]), name).toEqual([[1, 'CONF_STATUS', name]]);
      expect(missing[0]!.message, name).toContain(`whose cells hold a yes or no ("${no}", "${yes}"; "${no}" at line 2)`);
      expect(missing[0]!.hint, name).toBe(`rename the column "${name}" to CONF_STATUS and ${CODES_HINT}`);
      expect(result.errors, name).toBe(1);
    }
  });

  it('a column of yes and no under another name is left as an unknown column; C and N are still said to be CONF_STATUS\'s codes', async () => {
    const verified = await validatePath(session, file(`${HEADER.replace('CONF_STATUS', 'VERIFIED')}\nSRB,2025,TIP_VIC,_T,_T,_T,_T,10,A,Yes,\n`));
    expect(verified.issues.map((i) => [i.code, i.column])).toEqual([['UNKNOWN_COLUMN', 'VERIFIED']]);
    const codes = await validatePath(session, file(`${HEADER.replace('CONF_STATUS', 'CONFIDENTIALITY')}\nSRB,2025,TIP_VIC,_T,_T,_T,_T,10,A,F,\nSRB,2025,TIP_VIC,F,_T,_T,_T,4,A,C,\n`));
    expect(codes.issues.find((i) => i.code === 'MISSING_COLUMN')!.message).toMatch(/whose cells hold its codes \(C at line 3\)/);
  });

  it('a yes or no in CONF_STATUS itself, in any of the region\'s languages, is UNKNOWN_CODE at its line with the codes in the hint', async () => {
    const words = ['Yes', 'No', 'TRUE', 'Evet', 'Hayır', 'HAYIR', 'Ναι', 'Όχι', 'Да', 'Нет', 'Так', 'Ні', 'Po', 'Jo', 'Nu', 'Bəli', 'Xeyr'];
    const text = `${HEADER}\n${words.map((w, i) => `SRB,${2001 + i},TIP_VIC,_T,_T,_T,_T,10,A,${w},\n`).join('')}`;
    const result = await validatePath(session, file(text));
    const unknown = result.issues.filter((i) => i.code === 'UNKNOWN_CODE');
    expect(unknown.map((i) => [i.line, i.column, i.value])).toEqual(words.map((w, i) => [i + 2, 'CONF_STATUS', w]));
    for (const issue of unknown) {
      expect(issue.hint, issue.value!).toBe('CONF_STATUS takes a code, not a yes or no: write C if the figure is confidential (never published), N if for internal use only, else leave the cell empty, which reads as F (free: may be published)');
    }
  });

  it('N in a CONF_STATUS column that also holds Y is the answer no, an error as the Y is (was: read silently as N, internal use only)', async () => {
    const result = await validatePath(session, file(`${HEADER}\nSRB,2025,TIP_VIC,_T,_T,_T,_T,10,A,Y,\nSRB,2025,TIP_VIC,F,_T,_T,_T,4,A,N,\nSRB,2025,TIP_VIC,M,_T,_T,_T,6,A, n ,\nSRB,2025,TIP_OFF,_T,_T,_T,_T,3,A,,\n`));
    const unknown = result.issues.filter((i) => i.code === 'UNKNOWN_CODE');
    expect(unknown.map((i) => [i.severity, i.line, i.column, i.value])).toEqual([
      ['error', 2, 'CONF_STATUS', 'Y'], ['error', 3, 'CONF_STATUS', 'N'], ['error', 4, 'CONF_STATUS', ' n '],
    ]);
    expect(unknown[1]).toEqual(expect.objectContaining({
      message: 'expected a CONF_STATUS code, found "N" in a column that also holds "Y": the no of a yes or no, not read as N (internal use only)',
      hint: 'CONF_STATUS takes a code, not a yes or no: write C if the figure is confidential (never published), N if for internal use only, else leave the cell empty, which reads as F (free: may be published); an N answering "confidential?" would keep a free figure from publication',
    }));
    expect(result.issues.map((i) => i.code)).toEqual(['UNKNOWN_CODE', 'UNKNOWN_CODE', 'UNKNOWN_CODE']);
  });

  it('so is N beside a yes in a language of the region (Да, Evet) or Yes; N beside C and F, with no yes, is the code N as before', async () => {
    for (const yes of ['Да', 'Evet', 'Yes', 'true']) {
      const result = await validatePath(session, file(`${HEADER}\nSRB,2025,TIP_VIC,_T,_T,_T,_T,10,A,N,\nSRB,2025,TIP_VIC,F,_T,_T,_T,4,A,${yes},\n`));
      expect(result.issues.map((i) => [i.code, i.line, i.value]), yes).toEqual([['UNKNOWN_CODE', 2, 'N'], ['UNKNOWN_CODE', 3, yes]]);
      expect(result.issues[0]!.message, yes).toBe(`expected a CONF_STATUS code, found "N" in a column that also holds "${yes}": the no of a yes or no, not read as N (internal use only)`);
    }
    const codes = await validatePath(session, file(`${HEADER}\nSRB,2025,TIP_VIC,_T,_T,_T,_T,10,A,N,\nSRB,2025,TIP_VIC,F,_T,_T,_T,4,A,C,\nSRB,2025,TIP_VIC,M,_T,_T,_T,6,A,F,\n`));
    expect(codes.issues).toEqual([]);
    // a no without a yes is said to be a yes or no, as before; its N cells stay the code N
    const noOnly = await validatePath(session, file(`${HEADER}\nSRB,2025,TIP_VIC,_T,_T,_T,_T,10,A,N,\nSRB,2025,TIP_VIC,F,_T,_T,_T,4,A,No,\n`));
    expect(noOnly.issues.map((i) => [i.code, i.line, i.value])).toEqual([['UNKNOWN_CODE', 3, 'No']]);
  });
});

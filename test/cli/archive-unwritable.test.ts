import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { openWarehouse } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { importFixture } from '../helpers/import.js';
import { tempDir } from '../helpers/warehouse.js';

const RETURN = join(PROJECT_ROOT, 'data/sample/returns/ALB_2025.csv');
const HINT = 'hint: every file ingest, import and run read is copied to the archive: the config key archive (by default archive/ beside the warehouse file) must name a folder the user may write, on a disk with room\n';

/** Returns the submissions the warehouse at `path` records. */
async function submissions(path: string): Promise<unknown[]> {
  const store = await openWarehouse(path, { isReadOnly: true });
  try {
    return await store.all('select submission_id from submission');
  } finally {
    store.close();
  }
}

describe('an archive folder that cannot be made: one line naming it and why, exit 1, nothing recorded', () => {
  it('a file on the way, or a folder that takes no new entry (/proc: Node\'s mkdir -p never returned), for ingest and import', async () => {
    const dir = tempDir();
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello\n');
    const cases: Array<[string, string]> = [
      // was: "internal error: ENOTDIR: not a directory, mkdir '…/notes.txt/archive'" (exit 3)
      [join(text, 'archive'), `${text} is a file, not a folder`],
      // was: no answer, 100 % of a core until killed
      ['/proc/self/x/archive', 'the folder /proc/self takes no new file'],
    ];
    for (const [i, [archive, why]] of cases.entries()) {
      if (archive.startsWith('/proc') && !existsSync('/proc/self')) continue;
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ archive }));
      const warehouse = join(dir, `w${i}.duckdb`);
      const common = ['--warehouse', warehouse, '--config', join(dir, 'config.json')];
      const expected = { code: 1, stderr: `error: cannot create archive ${archive}: ${why} [ARCHIVE_UNWRITABLE]\n${HINT}` };
      const ingest = await runCli(['ingest', RETURN, ...common]);
      expect({ code: ingest.code, stderr: ingest.stderr }).toEqual(expected);
      const imported = await runCli(['import', 'worldbank', importFixture('worldbank', 'population.csv'), ...common]);
      expect({ code: imported.code, stderr: imported.stderr }).toEqual(expected);
      // each file is archived before its transaction: neither was recorded
      expect(await submissions(warehouse)).toEqual([]);
    }
    // a missing folder on the way is made, as mkdir -p would
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ archive: join(dir, 'new', 'folder', 'archive') }));
    const made = await runCli(['ingest', RETURN, '--warehouse', join(dir, 'w.duckdb'), '--config', join(dir, 'config.json')]);
    expect(made.code).toBe(0);
    expect(readdirSync(join(dir, 'new', 'folder', 'archive'))).toHaveLength(1);
  }, 90_000);
});

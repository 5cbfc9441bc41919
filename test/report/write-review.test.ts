import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../src/errors.js';
import type { ReviewFile } from '../../src/report/read-assets.js';
import { writeReview } from '../../src/report/write.js';
import { tempDir } from '../helpers/warehouse.js';

/** A review as writeReview takes it: an index.html crimetrends wrote, a state page, a figure's CSV. */
function review(edition: string, states = ['ROU']): ReviewFile[] {
  return [
    { path: 'index.html', content: `<html><head><meta name="generator" content="crimetrends 0.1.0"></head><body>${edition}</body></html>\n` },
    ...states.map((iso3) => ({ path: `states/${iso3}.html`, content: `${iso3} ${edition}\n` })),
    { path: 'data/fig-1-1.csv', content: `year,value\n2025,${edition.length}\n` },
  ];
}

/** Returns every file under `dir` with its content, hidden names included, sorted by path. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name).slice(dir.length + 1)] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
}

/** Returns the hidden entries under `dirs` (a staging or set-aside folder left behind). */
const hidden = (...dirs: string[]): string[] => dirs.flatMap((dir) => (existsSync(dir) ? readdirSync(dir).filter((name) => name.startsWith('.')) : []));

describe('writeReview: the review appears whole or not at all', () => {
  it('replaces an earlier review whole (a state page it no longer has goes) and keeps the user\'s own files in the folder', () => {
    const parent = tempDir();
    const out = join(parent, 'review');
    writeReview(out, review('first', ['ROU', 'SRB']));
    writeFileSync(join(out, 'notes.txt'), 'my notes\n');
    const written = writeReview(out, review('second'));
    expect(written).toEqual([join(out, 'index.html'), join(out, 'states/ROU.html'), join(out, 'data/fig-1-1.csv')]);
    expect(tree(out)).toEqual({
      'data/fig-1-1.csv': 'year,value\n2025,6\n',
      'index.html': '<html><head><meta name="generator" content="crimetrends 0.1.0"></head><body>second</body></html>\n',
      'notes.txt': 'my notes\n',
      'states/ROU.html': 'ROU second\n',
    });
    expect(readdirSync(parent)).toEqual(['review']);
    // and without a file of the user's, the folder itself is swapped: the same files
    const other = join(tempDir(), 'review');
    writeReview(other, review('first', ['ROU', 'SRB']));
    writeReview(other, review('second'));
    const { 'notes.txt': _notes, ...reviewFiles } = tree(out);
    expect(tree(other)).toEqual(reviewFiles);
  });

  it('a write failing partway leaves the earlier review whole and no temporary folder (it deleted the old files first)', () => {
    const parent = tempDir();
    const out = join(parent, 'review');
    writeReview(out, review('first', ['ROU', 'SRB']));
    const before = tree(out);
    for (const withNotes of [false, true]) {
      if (withNotes) writeFileSync(join(out, 'notes.txt'), 'my notes\n');
      // the third file's folder is the second file: no folder can be made there, whoever runs it (root too)
      const broken = [...review('second'), { path: 'data/fig-1-1.csv/part.csv', content: 'x\n' }];
      expect(() => writeReview(out, broken)).toThrow(PipelineError);
      try {
        writeReview(out, broken);
      } catch (error) {
        expect((error as PipelineError).code).toBe('OUT_UNWRITABLE');
        // (the temporary folder it happened in is gone, and never named)
        expect((error as PipelineError).message).toBe(`--out ${out}: cannot write the review: a file is where a folder is needed; the folder is as it was`);
      }
      expect(tree(out)).toEqual(withNotes ? { ...before, 'notes.txt': 'my notes\n' } : before);
      expect(hidden(parent, out)).toEqual([]);
    }
    // a new folder that cannot be written is not left behind, empty or half-written
    const fresh = join(parent, 'fresh');
    expect(() => writeReview(fresh, [...review('x'), { path: 'index.html/y', content: '' }])).toThrow(/; nothing was written$/);
    expect(readdirSync(parent).sort()).toEqual(['review']);
  });

  it('a swap that fails puts the earlier review back', () => {
    const parent = tempDir();
    const out = join(parent, 'review');
    writeReview(out, review('first'));
    const before = tree(out);
    // where the old folder is renamed aside, a file: a folder cannot be renamed onto it, whoever runs it. Leftovers
    // are swept before the write, so the file is put there while the review is being written (as its first file is read)
    const files = review('second');
    const original = files[0]!;
    files[0] = {
      path: original.path,
      get content() {
        writeFileSync(join(parent, `.review.replaced-${process.pid}`), 'in the way\n');
        return original.content;
      },
    };
    expect(() => writeReview(out, files)).toThrow(/^--out .*: cannot write the review: .*; the folder is as it was$/);
    expect(tree(out)).toEqual(before);
    expect(readdirSync(parent).sort()).toEqual([`.review.replaced-${process.pid}`, 'review']);
  });

  it('a staging folder a killed write left beside the folder is removed, never published; a running writer\'s is left alone', () => {
    const parent = tempDir();
    const out = join(parent, 'review');
    writeReview(out, review('first'));
    const dead = findDeadPid();
    mkdirSync(join(parent, `.review.writing-${dead}`, 'states'), { recursive: true });
    writeFileSync(join(parent, `.review.writing-${dead}`, 'index.html'), 'half written\n');
    mkdirSync(join(parent, `.review.writing-${process.ppid}`));
    writeReview(out, review('second'));
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('second');
    expect(readdirSync(parent).sort()).toEqual([`.review.writing-${process.ppid}`, 'review']);
  });

  it('a folder given as a link is written through: the link stays, the folder it names holds the review', () => {
    const parent = tempDir();
    mkdirSync(join(parent, 'real'));
    symlinkSync(join(parent, 'real'), join(parent, 'link'));
    writeReview(join(parent, 'link'), review('first'));
    writeReview(join(parent, 'link'), review('second'));
    expect(lstatSync(join(parent, 'link')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(parent, 'real', 'states', 'ROU.html'), 'utf8')).toBe('ROU second\n');
    expect(readdirSync(parent).sort()).toEqual(['link', 'real']);
  });
});

/** Returns a process id no process has now. */
function findDeadPid(): number {
  for (let pid = 4_000_000; ; pid--) {
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return pid;
    }
  }
}

import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { readReference } from '../io/read-reference.js';
import { buildDictionaryHtml, buildDictionaryMarkdown } from '../report/build-dictionary.js';
import { openStore } from '../store/index.js';
import { toJson } from './output.js';
import type { CommonOptions } from './program.js';
import { resolveSetup } from './setup.js';

/** `crimetrends dictionary [--format md|html] [--out FILE]`: documents the return format from the reference data. */
export async function dictionaryAction(ctx: Context, options: CommonOptions & { format: 'md' | 'html'; out?: string }): Promise<number> {
  const setup = await resolveSetup(ctx, options);
  const store = await openStore(':memory:');
  try {
    const reference = await readReference(store, setup.reference, ctx.cwd);
    const text = options.format === 'html' ? buildDictionaryHtml(reference) : buildDictionaryMarkdown(reference);
    if (options.out === undefined) ctx.out(options.json ? toJson({ ok: true, command: 'dictionary', outputs: [], text }) : text);
    else {
      await writeFile(resolve(ctx.cwd, options.out), text);
      if (options.json) ctx.out(toJson({ ok: true, command: 'dictionary', outputs: [resolve(ctx.cwd, options.out)] }));
    }
    return 0;
  } finally {
    store.close();
  }
}

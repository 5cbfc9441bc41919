import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { readReference } from '../io/read-reference.js';
import { buildDictionaryHtml, buildDictionaryMarkdown } from '../report/build-dictionary.js';
import { openStore } from '../store/index.js';
import { writeOutputFile } from './open-output.js';
import { toJson } from './output.js';
import type { CommonOptions } from './program.js';
import { displayPath, resolveSetup } from './setup.js';

/** `crimetrends dictionary [--format md|html] [--out FILE [--force]]`: documents the return format from the reference data. */
export async function dictionaryAction(ctx: Context, options: CommonOptions & { format: 'md' | 'html'; out?: string; force?: boolean }): Promise<number> {
  const setup = await resolveSetup(ctx, options);
  const store = await openStore(':memory:');
  try {
    const reference = await readReference(store, setup.reference, ctx.cwd);
    const text = options.format === 'html' ? buildDictionaryHtml(reference) : buildDictionaryMarkdown(reference);
    if (options.out === undefined) ctx.out(options.json ? toJson({ ok: true, command: 'dictionary', outputs: [], text }) : text);
    else {
      const path = await writeOutputFile(ctx, resolve(ctx.cwd, options.out), text, { mayReplace: options.force === true, createFolder: false });
      if (options.json) ctx.out(toJson({ ok: true, command: 'dictionary', outputs: [path] }));
      else ctx.logger.info(`wrote the data dictionary (${options.format === 'html' ? 'HTML' : 'Markdown'}) to ${displayPath(ctx, path)}`);
    }
    return 0;
  } finally {
    store.close();
  }
}

import { extname, resolve } from 'node:path';
import type { Context } from '../context.js';
import { ConfigError } from '../errors.js';
import { readReference } from '../io/read-reference.js';
import { buildDictionaryHtml, buildDictionaryMarkdown } from '../report/build-dictionary.js';
import { openStore } from '../store/index.js';
import { writeOutputFile } from './open-output.js';
import { toJson } from './output.js';
import type { CommonOptions } from './program.js';
import { displayPath, resolveSetup } from './setup.js';

type DictionaryFormat = 'md' | 'html';

/** The formats an --out file's extension names (any case). */
const FORMAT_OF_EXTENSION: Record<string, DictionaryFormat> = { '.html': 'html', '.htm': 'html', '.md': 'md', '.markdown': 'md' };
const FORMAT_NAME: Record<DictionaryFormat, string> = { md: 'Markdown', html: 'HTML' };

/**
 * Returns the format to write: --format as given, else the one the --out file's extension names (`dictionary.html`
 * is the HTML page, not Markdown under that name), else Markdown. A --format the extension contradicts is refused.
 */
function chooseFormat(options: { format?: DictionaryFormat; out?: string }): DictionaryFormat {
  const extension = options.out === undefined ? '' : extname(options.out);
  const named = FORMAT_OF_EXTENSION[extension.toLowerCase()];
  if (options.format !== undefined && named !== undefined && named !== options.format) {
    throw new ConfigError('USAGE_ERROR', `--out ${options.out}: ${named === 'html' ? 'an' : 'a'} ${FORMAT_NAME[named]} file's name, but --format ${options.format} writes ${FORMAT_NAME[options.format]}`, {
      hint: `name it ${options.out!.slice(0, -extension.length)}.${options.format}, or leave out --format: the file's extension chooses it`,
    });
  }
  return options.format ?? named ?? 'md';
}

/** `crimetrends dictionary [--format md|html] [--out FILE [--force]]`: documents the return format from the reference data. */
export async function dictionaryAction(ctx: Context, options: CommonOptions & { format?: DictionaryFormat; out?: string; force?: boolean }): Promise<number> {
  const format = chooseFormat(options);
  const setup = await resolveSetup(ctx, options);
  const store = await openStore(':memory:');
  try {
    const reference = await readReference(store, setup.reference, ctx.cwd);
    const text = format === 'html' ? buildDictionaryHtml(reference) : buildDictionaryMarkdown(reference);
    if (options.out === undefined) ctx.out(options.json ? toJson({ ok: true, command: 'dictionary', outputs: [], text }) : text);
    else {
      const path = await writeOutputFile(ctx, resolve(ctx.cwd, options.out), text, {
        mayReplace: options.force === true, createFolder: false, exampleName: `dictionary.${format}`,
      });
      if (options.json) ctx.out(toJson({ ok: true, command: 'dictionary', outputs: [path] }));
      else ctx.logger.info(`wrote the data dictionary (${FORMAT_NAME[format]}) to ${displayPath(ctx, path)}`);
    }
    return 0;
  } finally {
    store.close();
  }
}

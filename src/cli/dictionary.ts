import type { Context } from '../context.js';
import { PipelineError } from '../errors.js';

/** Placeholder until the command lands. */
export async function dictionaryAction(_ctx: Context, ..._args: unknown[]): Promise<number> {
  throw new PipelineError('NOT_AVAILABLE', 'the dictionary command is not available yet');
}

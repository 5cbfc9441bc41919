import type { Context } from '../context.js';
import { PipelineError } from '../errors.js';

/** Placeholder until the command lands. */
export async function runAction(_ctx: Context, ..._args: unknown[]): Promise<number> {
  throw new PipelineError('NOT_AVAILABLE', 'the run command is not available yet');
}

import type { Context } from '../context.js';
import { PipelineError } from '../errors.js';

/** Placeholder until the command lands. */
export async function buildAction(_ctx: Context, ..._args: unknown[]): Promise<number> {
  throw new PipelineError('NOT_AVAILABLE', 'the build command is not available yet');
}

import type { Context } from '../context.js';
import { PipelineError } from '../errors.js';

/** Placeholder until the command lands. */
export async function reportAction(_ctx: Context, ..._args: unknown[]): Promise<number> {
  throw new PipelineError('NOT_AVAILABLE', 'the report command is not available yet');
}

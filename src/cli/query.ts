import type { Context } from '../context.js';
import { PipelineError } from '../errors.js';

/** Placeholder until the command lands. */
export async function queryAction(_ctx: Context, ..._args: unknown[]): Promise<number> {
  throw new PipelineError('NOT_AVAILABLE', 'the query command is not available yet');
}

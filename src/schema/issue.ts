import { z } from 'zod';

/** One validation finding, located at a physical line (header = 1) and column of a file. */
export const Issue = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  severity: z.enum(['error', 'warning']),
  file: z.string(),
  line: z.number().int().positive().nullable(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
  hint: z.string().nullable(),
});
export type Issue = z.infer<typeof Issue>;

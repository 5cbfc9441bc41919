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
  /** The sheet of a return sent as a workbook (its rows are the lines). */
  sheet: z.string().optional(),
  /** The cell as Excel names it (`H12`), for an issue of a workbook's return at a row and a named column. */
  cell: z.string().optional(),
});
export type Issue = z.infer<typeof Issue>;

/** The fewest consecutive lines reported alike that human output shows as one entry. */
export const ALIKE_RUN = 3;

/**
 * An issue as human output shows it: alone (`through` its own line, `alike` 1), or the first of a run of consecutive
 * lines reported alike, `through` the run's last line and standing for `alike` issues.
 */
export type IssueEntry = Issue & { through: number | null; alike: number };

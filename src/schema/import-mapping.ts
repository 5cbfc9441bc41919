import { z } from 'zod';

/**
 * The mapping tables of `import` (reference data in `data/reference/`): how the rows of a published download become
 * catalogue series. A row whose `code` is empty maps to nothing on purpose, and its `note` says why; the rows it
 * matches are listed as unmapped with that reason.
 */

const pattern = z.string().trim().min(1, 'expected a value or * (any)');
const optionalCode = z.string().regex(/^([A-Z_][A-Z0-9_]*)?$/, 'expected an upper-case code (A-Z, 0-9, _) or nothing');
const codeOrAny = z.string().regex(/^(\*|[A-Z_][A-Z0-9_]*)?$/, 'expected a code, * (translate the source label) or nothing');

const requireNoteWhenUnmapped = (row: { code: string; note: string }, ctx: z.RefinementCtx): void => {
  if (row.code === '' && row.note.trim() === '') {
    ctx.addIssue({ code: 'custom', path: ['note'], message: 'expected a note saying why rows without a code are not imported' });
  }
};

/**
 * `data/reference/unodc_mapping.csv`: (dataset, Indicator, Dimension, Category, Sex, Age) of a dataUNODC download →
 * catalogue indicator and dimensions. Text matches ignoring case and repeated spaces; `*` matches anything; the most
 * specific matching row wins (then the earliest). `sex_code`/`age_code` `*` translates the row's Sex/Age through
 * `unodc_labels.csv`; `counterpart` `citizenship` resolves the Category as a country (its citizens).
 */
export const UnodcMapping = z
  .object({
    dataset: pattern,
    indicator: pattern,
    dimension: pattern,
    category: pattern,
    sex: pattern,
    age: pattern,
    code: optionalCode,
    sex_code: codeOrAny,
    age_code: codeOrAny,
    breakdown: optionalCode,
    counterpart: z.string().regex(/^(citizenship|_T|_U|_Z)?$/, 'expected _T, _U, _Z, citizenship or nothing'),
    note: z.string(),
  })
  .superRefine((row, ctx) => {
    requireNoteWhenUnmapped(row, ctx);
    if (row.code === '') return;
    for (const key of ['sex_code', 'age_code', 'breakdown', 'counterpart'] as const) {
      if (row[key] === '') ctx.addIssue({ code: 'custom', path: [key], message: 'expected a value for a row that maps to a code' });
    }
  });
export type UnodcMapping = z.infer<typeof UnodcMapping>;

/** `data/reference/unodc_labels.csv`: a Sex or Age label of UNODC downloads → SEX or AGE code (empty: no code). */
export const UnodcLabel = z
  .object({
    column: z.enum(['Sex', 'Age']),
    label: pattern,
    code: optionalCode,
    note: z.string(),
  })
  .superRefine(requireNoteWhenUnmapped);
export type UnodcLabel = z.infer<typeof UnodcLabel>;

/** `data/reference/eurostat_mapping.csv`: an ICCS code of Eurostat's crime tables → catalogue indicator and breakdown. */
export const EurostatMapping = z
  .object({
    iccs: z.string().regex(/^ICCS\d{4,6}$/, 'expected an ICCS code as Eurostat writes it, e.g. ICCS0703'),
    code: optionalCode,
    breakdown: optionalCode,
    note: z.string(),
  })
  .superRefine((row, ctx) => {
    requireNoteWhenUnmapped(row, ctx);
    if (row.code !== '' && row.breakdown === '') ctx.addIssue({ code: 'custom', path: ['breakdown'], message: 'expected a breakdown code (_T for the total)' });
  });
export type EurostatMapping = z.infer<typeof EurostatMapping>;

/** `data/reference/eurostat_flags.csv`: a Eurostat observation flag → OBS_STATUS; earlier rows win when a cell has several. */
export const EurostatFlag = z.object({
  flag: z.string().regex(/^[a-z]$/, 'expected one lower-case letter'),
  obs_status: z.string().regex(/^[A-Z]$/, 'expected an OBS_STATUS code'),
  label: z.string().min(1),
});
export type EurostatFlag = z.infer<typeof EurostatFlag>;

import { z } from 'zod';
import { TREND_MIN_POINTS } from './marts.js';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Returns whether "MM-DD" is a day of every year: "02-30" would otherwise roll over to 1 March and "13-01" stop the
 * build in data_quality (the deadline is the day in the year after each reference year; 29 February is not in every year).
 */
function isMonthDay(text: string): boolean {
  const [month, day] = text.split('-').map(Number) as [number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]!;
}

/**
 * The configuration file (`data/crimetrends.config.json` by default, `--config PATH` to choose another). Every key is
 * optional; unknown keys are an error so that a misspelt setting never goes unnoticed.
 */
export const ConfigInput = z
  .object({
    /** Warehouse file, relative to the project root. */
    warehouse: z.string().min(1).optional(),
    /** Folder for archived raw files, relative to the project root. */
    archive: z.string().min(1).optional(),
    /** Reference data folder. */
    reference: z.string().min(1).optional(),
    /** Deadline for a return, as month-day in the year after the reference year. */
    deadline: z
      .string()
      .regex(/^\d\d-\d\d$/, 'expected MM-DD, e.g. "01-31"')
      .refine(isMonthDay, 'expected a day that every year has: month 01-12 and a day within it (February up to 28), e.g. "01-31"')
      .optional(),
    /** The group whose members the coordinator chases and the review covers. */
    group: z.string().regex(/^[A-Za-z0-9_]+$/, 'expected a group code such as "BSEC", "SEECP" or "WB6"').optional(),
    /** Years in a trend window: at least TREND_MIN_POINTS, or no trend could ever get a direction. */
    trendYears: z
      .number()
      .int()
      .min(TREND_MIN_POINTS, `expected at least ${TREND_MIN_POINTS}: a trend needs ${TREND_MIN_POINTS} points for a direction, so a shorter window reads "insufficient data" everywhere`)
      .max(30)
      .optional(),
    /** Which population wins where both exist. */
    populationSource: z.enum(['WORLDBANK', 'RETURN']).optional(),
    /** Counts below this are shown as "<N" in published output (0 turns it off). */
    smallCountThreshold: z.number().int().min(0).optional(),
    /** What happens to a regional total that includes confidential or internal values. */
    confidentialInTotals: z.enum(['suppress', 'flag']).optional(),
    /**
     * With confidentialInTotals "flag": the fewest states whose confidential values a published total may hold (the
     * minimum-frequency rule); a total, or a combination of totals, with fewer is withheld.
     */
    confidentialMinStates: z
      .number()
      .min(2, 'expected at least 2: the confidential part of a total of one state\'s values is that state\'s value')
      // a refinement, not .int(), whose message the config's reader gives as "expected a int"
      .refine(Number.isInteger, 'expected a whole number of states, at least 2, e.g. 3')
      .optional(),
    /**
     * With confidentialInTotals "flag": the p of the p % dominance rule; a total whose confidential values other than
     * the two largest come to less than p % of the largest is withheld.
     */
    confidentialDominanceP: z
      .number()
      .positive('expected a percentage above 0 and at most 100, e.g. 10')
      .max(100, 'expected a percentage above 0 and at most 100, e.g. 10')
      .optional(),
    /** Year-on-year change that needs a COMMENT (validate --warehouse). */
    /** Either key may be given alone; the other keeps its default. */
    changeWarning: z.object({ percent: z.number().positive().optional(), units: z.number().nonnegative().optional() }).strict().optional(),
  })
  .strict();
export type ConfigInput = z.infer<typeof ConfigInput>;

/** The normalized configuration every phase reads. */
export const Config = z.object({
  warehouse: z.string(),
  archive: z.string(),
  reference: z.string(),
  deadline: z.string(),
  group: z.string(),
  trendYears: z.number().int(),
  populationSource: z.enum(['WORLDBANK', 'RETURN']),
  smallCountThreshold: z.number().int(),
  confidentialInTotals: z.enum(['suppress', 'flag']),
  confidentialMinStates: z.number().int(),
  confidentialDominanceP: z.number(),
  changeWarning: z.object({ percent: z.number(), units: z.number() }),
});
export type Config = z.infer<typeof Config>;

/** Defaults for every key of the configuration. */
export const DEFAULT_CONFIG: Config = {
  warehouse: 'data/warehouse.duckdb',
  archive: 'data/archive',
  reference: 'data/reference',
  deadline: '01-31',
  group: 'BSEC',
  trendYears: 5,
  populationSource: 'WORLDBANK',
  smallCountThreshold: 5,
  confidentialInTotals: 'suppress',
  confidentialMinStates: 3,
  confidentialDominanceP: 10,
  changeWarning: { percent: 50, units: 20 },
};

import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { EurostatFlag, EurostatMapping, UnodcLabel, UnodcMapping } from './import-mapping.js';

const list = (separator: string) =>
  z.string().transform((value) =>
    value
      .split(separator)
      .map((part) => part.trim())
      .filter((part) => part !== ''),
  );
const code = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an upper-case code (A-Z, 0-9, _)');
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');
const optionalInt = z
  .string()
  .regex(/^\d*$/, 'expected a whole number or nothing')
  .transform((value) => (value === '' ? null : Number(value)));

/** Dimensions of the return format besides the reporting state, year and indicator. */
export const DIMENSIONS = ['SEX', 'AGE', 'COUNTERPART_AREA', 'BREAKDOWN'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** `data/reference/states.csv`: a state of the region, its codes, names and memberships. */
export const State = z.object({
  iso3: z.string().regex(/^[A-Z]{3}$/, 'expected ISO 3166-1 alpha-3'),
  iso2: z.string().regex(/^[A-Z]{2}$/, 'expected ISO 3166-1 alpha-2'),
  numeric: z.string().regex(/^(\d{3})?$/, 'expected a 3-digit ISO numeric code or nothing'),
  name_en: z.string().min(1),
  names_native: list('|'),
  aliases: list('|'),
  groups: list(' '),
});
export type State = z.infer<typeof State>;

/** `data/reference/groups.csv`: a grouping of states (BSEC, SEECP, WB6). */
export const Group = z.object({ group_code: code, name: z.string().min(1), description: z.string() });
export type Group = z.infer<typeof Group>;

/**
 * Checks that `group` (named by `subject` in the message: `--group`, `config group`) is one of the reference groups.
 *
 * @throws ConfigError `GROUP_UNKNOWN` (exit 2) listing the groups, with `hint` when given.
 */
export function checkGroup(groups: readonly Group[], group: string, subject: string, hint?: (codes: string) => string): void {
  const codes = groups.map((g) => g.group_code).join(', ');
  if (!groups.some((g) => g.group_code === group)) {
    throw new ConfigError('GROUP_UNKNOWN', `${subject} ${group}: expected one of ${codes}`, { hint: hint?.(codes) });
  }
}

/**
 * Checks the config's `group` (the group chased and reviewed, and the panel of the marts' regional medians).
 *
 * @throws ConfigError `GROUP_UNKNOWN` (exit 2): `config group XYZ: expected one of …`, hinting at the config key.
 */
export function checkConfigGroup(groups: readonly Group[], configured: string): void {
  checkGroup(groups, configured.toUpperCase(), 'config group', (codes) => `set "group" in the config to one of ${codes}`);
}

/**
 * Returns the group a command works on, upper-cased and checked: `--group` when given, else the config's `group`.
 * An unknown group is named by where it came from, so that the user knows what to change.
 *
 * @example resolveGroup(groups, 'wb6', 'BSEC') // 'WB6'
 * @throws ConfigError `GROUP_UNKNOWN` (exit 2): `--group ABC: …`, or `config group XYZ: …` (see checkConfigGroup).
 */
export function resolveGroup(groups: readonly Group[], option: string | undefined, configured: string): string {
  if (option === undefined) {
    checkConfigGroup(groups, configured);
    return configured.toUpperCase();
  }
  checkGroup(groups, option.toUpperCase(), '--group');
  return option.toUpperCase();
}

/** `data/reference/areas.csv`: a crime area, the report chapter it belongs to and its colour. */
export const Area = z.object({
  area: code,
  name: z.string().min(1),
  chapter: z.string().regex(/^[a-z]+$/),
  sort_order: z.string().regex(/^\d+$/).transform(Number),
  colour: z.string().regex(/^#[0-9a-f]{6}$/i, 'expected a colour like #1b4f72'),
});
export type Area = z.infer<typeof Area>;

/** `data/reference/stages.csv`: what an indicator counts; `cj_order` ranks the criminal-justice stages. */
export const Stage = z.object({ stage: code, name: z.string().min(1), cj_order: optionalInt });
export type Stage = z.infer<typeof Stage>;

/** `data/reference/indicators.csv`: one indicator of the catalogue. */
export const Indicator = z.object({
  code,
  area: code,
  name: z.string().min(1),
  definition: z.string().min(1),
  iccs: z.string().regex(/^(\d{4,5})?$/, 'expected an ICCS code of 4 or 5 digits, or nothing'),
  unit: z.enum(['NR', 'KG', 'ROUNDS']),
  stage: code,
  dimensions: list(' ').pipe(z.array(z.enum(DIMENSIONS))),
  breakdown_list: z.string().regex(/^([A-Z_][A-Z0-9_]*)?$/),
  counterpart_meaning: z.string(),
  is_headline: flag,
});
export type Indicator = z.infer<typeof Indicator>;

/** `data/reference/codelists.csv`: one code of a code list (SEX, AGE, OBS_STATUS, each BREAKDOWN list, …). */
export const Code = z.object({ codelist: code, code, label: z.string().min(1), description: z.string() });
export type Code = z.infer<typeof Code>;

/** `data/reference/country_aliases.csv`: a country name as statistical publishers write it (UN M49 style) that the
 * country packages lack or share between two countries. */
export const CountryAlias = z.object({ name: z.string().min(1), iso3: z.string().regex(/^[A-Z]{3}$/), note: z.string() });
export type CountryAlias = z.infer<typeof CountryAlias>;

/** `data/reference/demonyms.csv`: what a country's citizens are called in a language (ISO 639-2) where the country
 * packages have no word (Spanish: `argentino`, `argentina`) or give it to two countries (English `Indian`). */
export const Demonym = z.object({
  iso3: z.string().regex(/^[A-Z]{3}$/),
  language: z.enum(['eng', 'fra', 'spa']),
  masculine: z.string().min(1),
  feminine: z.string().min(1),
  note: z.string(),
});
export type Demonym = z.infer<typeof Demonym>;

/** Every reference file, parsed; `hash` identifies their content for the report's data snapshot. */
export interface Reference {
  states: State[];
  groups: Group[];
  areas: Area[];
  stages: Stage[];
  indicators: Indicator[];
  codes: Code[];
  countryAliases: CountryAlias[];
  demonyms: Demonym[];
  unodcMapping: UnodcMapping[];
  unodcLabels: UnodcLabel[];
  eurostatMapping: EurostatMapping[];
  eurostatFlags: EurostatFlag[];
  hash: string;
}

/** The reference files and the schema each row must satisfy, in load order. */
export const REFERENCE_FILES = {
  groups: { file: 'groups.csv', schema: Group },
  states: { file: 'states.csv', schema: State },
  areas: { file: 'areas.csv', schema: Area },
  stages: { file: 'stages.csv', schema: Stage },
  indicators: { file: 'indicators.csv', schema: Indicator },
  codes: { file: 'codelists.csv', schema: Code },
  countryAliases: { file: 'country_aliases.csv', schema: CountryAlias },
  demonyms: { file: 'demonyms.csv', schema: Demonym },
  unodcMapping: { file: 'unodc_mapping.csv', schema: UnodcMapping },
  unodcLabels: { file: 'unodc_labels.csv', schema: UnodcLabel },
  eurostatMapping: { file: 'eurostat_mapping.csv', schema: EurostatMapping },
  eurostatFlags: { file: 'eurostat_flags.csv', schema: EurostatFlag },
} as const;

/**
 * The storyline of the synthetic returns: who did not send what, the flags, comments, revisions, the late returns and
 * the resubmission. Everything here is invented for the demo data.
 */

/** First and last reporting year of the sample. */
export const SAMPLE_YEARS = { first: 2016, last: 2025 } as const;

/** The default seed of `npm run sample`. */
export const SAMPLE_SEED = 20260131;

/** State-years without any return (the coordinator's status view lists them as missing). */
export const MISSING_RETURNS: ReadonlySet<string> = new Set(['RUS_2023', 'RUS_2024', 'RUS_2025', 'UKR_2022', 'AZE_2025']);

/** States whose returns leave OBS_STATUS and CONF_STATUS empty when they are the defaults (A, F). */
export const STATES_LEAVING_DEFAULTS_EMPTY: ReadonlySet<string> = new Set(['ARM', 'MKD']);

/** Indicators a state never reports, or reports only from a given year (`code: firstYear`). */
export const NOT_REPORTED: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  ALB: {},
  ARM: { ML_CNV: 2018 },
  AZE: { CYB_REQ_RECV: Infinity, SOM_CNV: Infinity, FA_FOUND: Infinity, FA_SURR: Infinity, FA_PARTS: Infinity },
  BGR: {},
  GEO: { FA_SURR: Infinity },
  GRC: { FA_SURR: Infinity },
  MDA: {},
  MKD: {},
  ROU: { FA_SURR: Infinity },
  RUS: {
    CYB_REQ_SENT: Infinity, CYB_REQ_RECV: Infinity, COR_LEO_INV: Infinity, FA_FOUND: Infinity, FA_SURR: Infinity,
    FA_PARTS: Infinity, ML_CNV: Infinity,
  },
  SRB: {},
  TUR: { COR_LEO_INV: Infinity, FA_SURR: Infinity, FA_PARTS: Infinity, CYB_REQ_SENT: 2019, CYB_REQ_RECV: 2019 },
  UKR: {},
};
/** Indicators only some states collect: integrity tests (from the given year); firearm parts from 2019 everywhere. */
export const INTEGRITY_TESTING: Readonly<Record<string, number>> = { ALB: 2016, ARM: 2016, GEO: 2016, MDA: 2016, MKD: 2017, ROU: 2016, SRB: 2016, UKR: 2018 };
export const FIREARM_PARTS_FROM = 2019;

/** Exceptional events that change the figures themselves, with the comment the state adds. */
export const EVENTS = {
  firearmsDepot: {
    state: 'SRB', year: 2021, weapons: 2_316,
    comment: 'Includes 2,316 firearms seized in a single operation against an illegal arms depot',
    afterComment: 'Decrease after the exceptional single seizure of 2021',
  },
  firearmsWar: {
    state: 'UKR', from: 2023, factor: 1.6,
    comment: 'Includes weapons trafficked out of the combat zone; no return could be sent for 2022',
  },
  launderingBreak: {
    state: 'MDA', year: 2019, factor: 1.6,
    comment: 'Break in series: from 2019 self-laundering is recorded as a separate offence (amended Criminal Code); not comparable with earlier years',
  },
  censusBreak: {
    state: 'MKD', year: 2021, population: 1_837_000,
    comment: 'Break in series: population from the 2021 census; earlier years are estimates based on the 2002 census and are not comparable',
  },
  convictionsBacklog: {
    state: 'ALB', year: 2023,
    comment: 'Convictions include persons prosecuted in earlier years (backlog cleared after the justice reform)',
  },
} as const;

/** Comments defining what a state counts, repeated on the indicator's total every year. */
export const DEFINITION_COMMENTS: ReadonlyArray<{ state: string; indicator: string; years?: readonly number[]; comment: string }> = [
  { state: 'ROU', indicator: 'TIP_VIC', comment: 'Victims identified by the national anti-trafficking agency, including presumed victims' },
  { state: 'GRC', indicator: 'SOM_OFF', comment: 'Offences under the migration code recorded by the Hellenic Police and the Coast Guard' },
  { state: 'TUR', indicator: 'FA_SEIZED', comment: 'Includes blank-firing pistols converted to fire live ammunition' },
  {
    state: 'MDA', indicator: 'CYB_OFF', years: [2016, 2017],
    comment: 'Offences against computer systems (Criminal Code, chapter XI) and "cyber-fraud" cases flagged by the police',
  },
  { state: 'BGR', indicator: 'DRG_SEIZ_KG', years: [2024], comment: 'Cannabis includes plants, weighed fresh' },
  { state: 'SRB', indicator: 'COR_OFF', years: [2018], comment: 'From 2018 includes cases of the special anti-corruption departments of the prosecution' },
];

/** Comments a state gives for a large change from the previous year, by crime area and direction. */
export const CHANGE_REASONS: Readonly<Record<string, { up: string; down: string }>> = {
  TIP: {
    up: 'Increase reflects more proactive identification by labour inspectors and NGOs',
    down: 'Decrease: fewer victims identified; several large cases were closed the year before',
  },
  SOM: { up: 'Increase in line with more irregular crossings on the route', down: 'Decrease in line with fewer irregular crossings' },
  DRG: { up: 'Increase reflects a few large consignments intercepted', down: 'Decrease: no large consignment was intercepted this year' },
  FA: { up: 'Increase reflects intensified border and road controls', down: 'Decrease after the large seizures of the year before' },
  CYB: { up: 'Increase reflects the growth of online fraud and easier online reporting', down: 'Decrease: fewer mass phishing campaigns reported' },
  COR: { up: 'Increase reflects a targeted operation of the anti-corruption prosecutor', down: 'Decrease: fewer cases opened' },
  CTX: { up: 'Revised population estimate', down: 'Revised population estimate' },
};
export const COVID_COMMENT = 'Decrease reflects COVID-19 movement restrictions';

/** Figures sent first as provisional or wrong and revised in the next year's return. */
export const REVISIONS: ReadonlyArray<{ state: string; indicator: string; revisedIn: number | 'every'; rate: number; comment: string }> = [
  { state: 'GRC', indicator: 'POP', revisedIn: 'every', rate: 0, comment: 'Revised mid-year estimate replacing the provisional figure of the last return' },
  {
    state: 'ROU', indicator: 'TIP_VIC', revisedIn: 2021, rate: 0.93,
    comment: 'Revised: victims identified in 2021 whose exploitation ended in 2020 added to 2020',
  },
  { state: 'BGR', indicator: 'CYB_OFF', revisedIn: 2024, rate: 0.9, comment: 'Revised after reclassification of online fraud cases' },
];

/** Observation-status and confidentiality flags: which rows, and the comment on the block's total. */
export const FLAGS: ReadonlyArray<{
  state: string;
  indicator: string | RegExp;
  years: readonly number[];
  status?: 'P' | 'E';
  conf?: 'C' | 'N';
  /** Only rows with this counterpart / breakdown code (`*` any non-total code). */
  counterpart?: string;
  breakdown?: string;
  comment?: string;
}> = [
  { state: 'GRC', indicator: 'POP', years: range(2016, 2025), status: 'P', comment: 'Provisional estimate' },
  { state: 'TUR', indicator: /_CNV$/, years: [2025], status: 'P', comment: 'Provisional: court statistics for 2025 are not final yet' },
  { state: 'UKR', indicator: 'POP', years: [2023, 2024, 2025], status: 'E', comment: 'Estimate: no census or register data since February 2022' },
  { state: 'AZE', indicator: 'FA_AMMO', years: [2019, 2020, 2021], status: 'E', comment: 'Estimated from the weight of the ammunition seized' },
  { state: 'ARM', indicator: 'COR_INTEGRITY_TESTS', years: [2018, 2019, 2020], breakdown: 'FAILED', conf: 'C' },
  { state: 'AZE', indicator: 'COR_LEO_INV', years: [2024], conf: 'C', comment: 'Internal security statistics, not for publication' },
  { state: 'TUR', indicator: 'FA_SEIZED', years: [2022, 2023, 2024, 2025], counterpart: '*', conf: 'N' },
];

/** Dates of receipt: late returns (after the 31 January deadline) and the resubmission. */
export const LATE_RETURNS: Readonly<Record<string, string>> = {
  TUR_2017: '2018-02-12T14:05:00Z',
  RUS_2019: '2020-03-04T10:31:00Z',
  AZE_2021: '2022-03-11T08:47:00Z',
  UKR_2023: '2024-02-19T16:20:00Z',
  SRB_2024: '2025-02-07T11:02:00Z',
};
export const RESUBMISSION = {
  state: 'GEO', year: 2025, firstReceived: '2026-01-20T09:40:00Z', secondReceived: '2026-02-03T13:15:00Z',
  comment: 'Corrected return: the version of 20 January gave drug seizures in grams instead of kilograms',
} as const;

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

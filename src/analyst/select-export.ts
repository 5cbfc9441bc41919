import { givesBackWithheldSql } from './gives-back-withheld.js';

/** The formats `crimetrends export` writes. */
export type ExportFormat = 'csv' | 'parquet' | 'sdmx-csv';

export interface ExportOptions {
  format: ExportFormat;
  /** Only this TIME_PERIOD. */
  year?: number | undefined;
  /** Keep CONF_STATUS C (confidential) and N (internal) values. */
  includeConfidential: boolean;
}

/**
 * The SDMX dataflow an SDMX-CSV export belongs to: agency `CT` (crimetrends, the working group's secretariat),
 * dataflow `AAT` (Annual Assessment of transnational crime trends: member-state returns), version 1.0.0 — the
 * dimensions and attributes are the return format's (src/schema/return-format.ts).
 */
export const SDMX_DATAFLOW = 'CT:AAT(1.0.0)';

/** Return-format columns every export carries, in order: the series key, the value and its attributes. */
const OBSERVATION_COLUMNS = [
  'ref_area as REF_AREA',
  'time_period as TIME_PERIOD',
  'indicator as INDICATOR',
  'sex as SEX',
  'age as AGE',
  'counterpart_area as COUNTERPART_AREA',
  'breakdown as BREAKDOWN',
  'obs_value as OBS_VALUE',
  'obs_status as OBS_STATUS',
  'conf_status as CONF_STATUS',
  'comment as COMMENT',
];

/** A public value that would give a confidential or withheld one of its series back (see givesBackWithheldSql). */
const LINKED_TO_WITHHELD = givesBackWithheldSql('o');

/**
 * Returns the query behind an export: `observation_current` (the value of every series that the marts use), one row
 * per series, ordered by the series key so that the same warehouse gives the same bytes.
 *  - csv and parquet: every source, with a SOURCE column (RETURN, UNODC, EUROSTAT);
 *  - sdmx-csv: member-state returns only (source RETURN): the CT:AAT dataflow is the states' own data, and a file
 *    re-ingested as a return must not turn UNODC's figures into a state's;
 *  - CONF_STATUS C and N left out unless `includeConfidential`, and with them the values of the same state, year and
 *    indicator that would give one (or a value withheld as Q) back: a confidential total's parts, a confidential
 *    part's sibling parts.
 */
export function selectExport(options: ExportOptions): { sql: string; params: Record<string, number> } {
  const where = [
    ...(options.year === undefined ? [] : ['time_period = $year']),
    ...(options.includeConfidential ? [] : ["conf_status = 'F'", `not ${LINKED_TO_WITHHELD}`]),
    ...(options.format === 'sdmx-csv' ? ["source = 'RETURN'"] : []),
  ];
  const columns =
    options.format === 'sdmx-csv'
      ? ["'dataflow' as STRUCTURE", `'${SDMX_DATAFLOW}' as STRUCTURE_ID`, "'I' as ACTION", ...OBSERVATION_COLUMNS]
      : [...OBSERVATION_COLUMNS, 'source as SOURCE'];
  const sql = `select ${columns.join(', ')}
from observation_current as o
${where.length === 0 ? '' : `where ${where.join(' and ')}\n`}order by ref_area, time_period, indicator, sex, age, counterpart_area, breakdown`;
  return { sql, params: options.year === undefined ? {} : { year: options.year } };
}

/**
 * Returns how many current values an export leaves out, and why: confidential or internal (C, N) values without
 * `includeConfidential`; the public values of a return left out with them (`linked`, beside a withheld value of the
 * same return's series); and, in SDMX-CSV, every imported value (`imported`), whatever else would have left it out.
 */
export function selectExportCounts(options: ExportOptions): { sql: string; params: Record<string, number> } {
  const isSdmx = options.format === 'sdmx-csv';
  const linked = options.includeConfidential ? '0' : `count(*) filter (where conf_status = 'F' and ${LINKED_TO_WITHHELD})`;
  const sql = `select
  count(*) filter (where conf_status <> 'F')::integer as confidential,
  ${linked}::integer as linked,
  ${isSdmx ? `count(*) filter (where source <> 'RETURN'${options.includeConfidential ? '' : " and conf_status = 'F'"})` : '0'}::integer as imported
from observation_current as o
${options.year === undefined ? '' : 'where time_period = $year'}`;
  return { sql, params: options.year === undefined ? {} : { year: options.year } };
}

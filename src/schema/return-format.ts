/**
 * The return format: one observation per row, modelled on SDMX-CSV. This table drives the header check, the
 * defaults, the template and the data dictionary.
 */
export interface ReturnColumn {
  name: ReturnColumnName;
  isRequired: boolean;
  /** Value used when the column is absent or the cell is empty. */
  default: string | null;
  /** Where valid values come from: a code list in codelists.csv, or a special source. */
  values: 'STATE' | 'YEAR' | 'INDICATOR' | 'COUNTRY' | 'BREAKDOWN' | 'NUMBER' | 'TEXT' | 'SEX' | 'AGE' | 'OBS_STATUS' | 'CONF_STATUS';
  description: string;
}

export const RETURN_COLUMN_NAMES = [
  'REF_AREA',
  'TIME_PERIOD',
  'INDICATOR',
  'SEX',
  'AGE',
  'COUNTERPART_AREA',
  'BREAKDOWN',
  'OBS_VALUE',
  'OBS_STATUS',
  'CONF_STATUS',
  'COMMENT',
] as const;
export type ReturnColumnName = (typeof RETURN_COLUMN_NAMES)[number];

/** The columns of a return, in the order the template writes them. */
export const RETURN_COLUMNS: readonly ReturnColumn[] = [
  { name: 'REF_AREA', isRequired: true, default: null, values: 'STATE', description: 'Reporting state, ISO 3166-1 alpha-3 (ROU); Kosovo is XKX' },
  { name: 'TIME_PERIOD', isRequired: true, default: null, values: 'YEAR', description: 'Calendar year the figure refers to; earlier years are revisions' },
  { name: 'INDICATOR', isRequired: true, default: null, values: 'INDICATOR', description: 'Code from the indicator catalogue (TIP_VIC, FA_SEIZED, …)' },
  { name: 'SEX', isRequired: false, default: '_T', values: 'SEX', description: '_T total, F, M, _U unknown' },
  { name: 'AGE', isRequired: false, default: '_T', values: 'AGE', description: '_T total, Y_LT18 minors, Y_GE18 adults, _U unknown' },
  {
    name: 'COUNTERPART_AREA',
    isRequired: false,
    default: '_T',
    values: 'COUNTRY',
    description: "The other country (victim's or offender's citizenship, a firearm's country of origin, the partner state of a request: see the indicator); ISO 3166-1 alpha-3, _T total, _U unknown, _Z not applicable",
  },
  { name: 'BREAKDOWN', isRequired: false, default: '_T', values: 'BREAKDOWN', description: 'Indicator-specific code list: form of exploitation, firearm type, drug, offence subtype' },
  { name: 'OBS_VALUE', isRequired: true, default: null, values: 'NUMBER', description: 'Non-negative number, integer for counts; empty only with a missing status (M, L, O, Q)' },
  { name: 'OBS_STATUS', isRequired: false, default: 'A', values: 'OBS_STATUS', description: 'A normal, P provisional, E estimated, B break in series, M/L/O missing, Q suppressed' },
  { name: 'CONF_STATUS', isRequired: false, default: 'F', values: 'CONF_STATUS', description: 'F free, C confidential (never published), N internal use only' },
  { name: 'COMMENT', isRequired: false, default: null, values: 'TEXT', description: 'Free text: definitions used, reasons for large changes, breaks in series' },
];

/** Dimensions that make a series key, besides the state, the year and the indicator. */
export const KEY_COLUMNS = ['REF_AREA', 'TIME_PERIOD', 'INDICATOR', 'SEX', 'AGE', 'COUNTERPART_AREA', 'BREAKDOWN'] as const;

/** OBS_STATUS codes that mean "no value": OBS_VALUE must then be empty. */
export const MISSING_STATUSES = ['M', 'L', 'O', 'Q'] as const;

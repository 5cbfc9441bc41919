/**
 * The documented relations of the warehouse itself (src/store/migrations.ts): the two views every mart and analyst
 * reads, and the tables behind them. `crimetrends query --schema` lists these next to the marts (src/schema/marts.ts);
 * test/cli/query-schema.test.ts checks every name and type against a migrated warehouse, so this list cannot drift.
 */

/** One column of a warehouse relation: its DuckDB type and meaning. */
export interface RelationColumn {
  name: string;
  type: string;
  isNullable: boolean;
  description: string;
}

/** A documented warehouse table or view. */
export interface WarehouseRelation {
  name: string;
  kind: 'view' | 'table';
  description: string;
  /** Key columns: unique together (empty for a log such as `validation_issue`). */
  grain: readonly string[];
  columns: readonly RelationColumn[];
}

const col = (name: string, type: string, description: string): RelationColumn => ({ name, type, isNullable: false, description });
/** A column that may hold NULL. */
const opt = (name: string, type: string, description: string): RelationColumn => ({ name, type, isNullable: true, description });

const seriesKey = [
  col('ref_area', 'VARCHAR', 'reporting state, ISO 3166-1 alpha-3 (Kosovo XKX)'),
  col('time_period', 'INTEGER', 'calendar year the figure refers to'),
  col('indicator', 'VARCHAR', 'indicator code (ref_indicator.code)'),
  col('sex', 'VARCHAR', '_T total, F, M, _U unknown'),
  col('age', 'VARCHAR', '_T total, Y_LT18, Y_GE18, _U unknown'),
  col('counterpart_area', 'VARCHAR', 'the other country (citizenship, origin, partner state), _T, _U or _Z'),
  col('breakdown', 'VARCHAR', 'indicator-specific code (form of exploitation, firearm type, drug, …) or _T'),
];
const observationValues = [
  opt('obs_value', 'DOUBLE', 'the value; null when obs_status says missing (M, L, O, Q)'),
  col('obs_status', 'VARCHAR', 'A normal, P provisional, E estimated, B break, M/L/O missing, Q suppressed'),
  col('conf_status', 'VARCHAR', 'F free, C confidential (never published), N internal use only'),
  opt('comment', 'VARCHAR', 'free text from the return (escape it when shown)'),
  col('source', 'VARCHAR', 'RETURN (member-state return), UNODC or EUROSTAT (imports)'),
];
const seriesGrain = ['ref_area', 'time_period', 'indicator', 'sex', 'age', 'counterpart_area', 'breakdown'];
const fileColumns = [
  col('file_name', 'VARCHAR', 'base name of the file as offered'),
  col('sha256', 'VARCHAR', 'content hash; the archived copy is data/archive/<sha256>'),
  col('size_bytes', 'BIGINT', 'file size'),
  col('received_at', 'TIMESTAMP', 'when the file was received (UTC)'),
];
const countColumns = [
  col('rows_total', 'INTEGER', 'data lines offered (header excluded)'),
  col('rows_accepted', 'INTEGER', 'rows loaded into observation'),
  col('errors', 'INTEGER', 'validation errors'),
  col('warnings', 'INTEGER', 'validation warnings'),
  col('tool_version', 'VARCHAR', 'crimetrends version that loaded it'),
];

/** Every documented warehouse view and table, views first. */
export const WAREHOUSE_RELATIONS: readonly WarehouseRelation[] = [
  {
    name: 'observation_current',
    kind: 'view',
    description: 'The current value of every series: accepted submissions only; a return outranks an import; the latest received return, the newest published import wins',
    grain: seriesGrain,
    columns: [...seriesKey, ...observationValues, col('submission_id', 'INTEGER', 'the submission the value comes from')],
  },
  {
    name: 'submission_latest',
    kind: 'view',
    description: 'Per member state and reporting year: the latest return offered, its outcome and the accepted version in force',
    grain: ['ref_area', 'reporting_year'],
    columns: [
      col('submission_id', 'INTEGER', 'the latest file offered'),
      col('ref_area', 'VARCHAR', 'reporting state'),
      col('reporting_year', 'INTEGER', 'reporting year of the return'),
      ...fileColumns,
      col('first_received_at', 'TIMESTAMP', 'when the first version arrived (timeliness)'),
      col('outcome', 'VARCHAR', 'accepted, rejected or superseded'),
      ...countColumns,
      col('versions', 'BIGINT', 'files offered for this state and year'),
      opt('accepted_submission_id', 'INTEGER', 'the accepted version in force (may be earlier than the latest); null if none'),
    ],
  },
  {
    name: 'population_current',
    kind: 'view',
    description: 'The population of accepted downloads only: what the rates use (a newer download supersedes an older one)',
    grain: ['submission_id', 'ref_area', 'year'],
    columns: [
      col('submission_id', 'INTEGER', 'the import it came in'),
      col('ref_area', 'VARCHAR', 'state, ISO 3166-1 alpha-3'),
      col('year', 'INTEGER', 'year'),
      col('persons', 'DOUBLE', 'mid-year population'),
      col('source', 'VARCHAR', 'WORLDBANK'),
    ],
  },
  {
    name: 'submission',
    kind: 'table',
    description: 'One row per file offered (return or import), whatever its outcome',
    grain: ['submission_id'],
    columns: [
      col('submission_id', 'INTEGER', 'identifier, in order of loading'),
      col('source', 'VARCHAR', 'RETURN, UNODC, EUROSTAT or WORLDBANK'),
      opt('dataset', 'VARCHAR', 'for an import: the download (GLOTIP, IAFQ, CTS, crim_off_cat, SP.POP.TOTL)'),
      opt('ref_area', 'VARCHAR', 'reporting state; null for a multi-state file or an import'),
      opt('reporting_year', 'INTEGER', 'reporting year'),
      ...fileColumns,
      col('outcome', 'VARCHAR', 'accepted, rejected or superseded'),
      opt('superseded_by', 'INTEGER', 'the submission that replaced it'),
      ...countColumns,
      opt('published_on', 'DATE', 'for an import: the publication date the download carries or --published gave; the newest publication is in force'),
      opt('published_how', 'VARCHAR', "for an import: 'file' (read from the download) or 'option' (--published); null when undated"),
    ],
  },
  {
    name: 'observation',
    kind: 'table',
    description: 'Every accepted row of every submission, superseded ones included (use observation_current for current values)',
    grain: ['submission_id', ...seriesGrain],
    columns: [
      col('submission_id', 'INTEGER', 'the submission (file) the row came in'),
      opt('line', 'INTEGER', 'physical line in the offered file (header = 1)'),
      ...seriesKey,
      ...observationValues,
      opt('is_current', 'BOOLEAN', 'true on the row that holds the current value of its series (what observation_current reads)'),
      opt('published_text', 'VARCHAR', 'for an imported value the source suppressed (status Q, no value): what it published instead, as written (UNODC\'s "<5"); null otherwise'),
    ],
  },
  {
    name: 'validation_issue',
    kind: 'table',
    description: 'Every validation error and warning of every submission, located',
    grain: [],
    columns: [
      col('submission_id', 'INTEGER', 'the submission'),
      col('code', 'VARCHAR', 'issue code (README: validation codes)'),
      col('severity', 'VARCHAR', 'error or warning'),
      opt('file', 'VARCHAR', 'file as named when offered'),
      opt('line', 'INTEGER', 'physical line'),
      opt('column', 'VARCHAR', 'column name (quote it: "column")'),
      opt('value', 'VARCHAR', 'the offending cell'),
      col('message', 'VARCHAR', 'expected versus found'),
      opt('hint', 'VARCHAR', 'how to fix it'),
      opt('sheet', 'VARCHAR', 'for a return sent as a workbook (.xlsx): the sheet the issue is at; null otherwise'),
      opt('cell', 'VARCHAR', 'for a return sent as a workbook: the cell as Excel names it (H12), at a row and a column; null otherwise'),
    ],
  },
  {
    name: 'receipt_correction',
    kind: 'table',
    description: 'Every receipt time corrected with ingest FILE --received-at TIME --correct-receipt (the same bytes offered again): the time before, kept',
    grain: [],
    columns: [
      col('submission_id', 'INTEGER', 'the submission whose received_at was corrected'),
      col('received_at_before', 'TIMESTAMP', 'its receipt time before the correction, UTC'),
      col('received_at_after', 'TIMESTAMP', 'its receipt time after it, UTC'),
      col('corrected_at', 'TIMESTAMP', 'when the correction was recorded, UTC'),
      opt('in_force_before', 'INTEGER', 'the version of its state and year in force before the correction'),
      opt('in_force_after', 'INTEGER', 'the version in force after it'),
      col('tool_version', 'VARCHAR', 'crimetrends version that recorded it'),
    ],
  },
  {
    name: 're_offer',
    kind: 'table',
    description: 'Files whose bytes a submission already holds, offered again under a name that says another state or year than the rows (last year\'s return sent again as this year\'s): nothing loaded, the offer kept',
    grain: ['file_name', 'sha256'],
    columns: [
      col('file_name', 'VARCHAR', 'the base name it was offered under'),
      col('sha256', 'VARCHAR', 'content hash, the same as the submission\'s'),
      col('received_at', 'TIMESTAMP', 'its receipt time, UTC (the first, when offered again under this name)'),
      col('submission_id', 'INTEGER', 'the submission whose bytes it repeats'),
      col('recorded_at', 'TIMESTAMP', 'when ingest recorded it, UTC'),
      col('tool_version', 'VARCHAR', 'crimetrends version that recorded it'),
    ],
  },
  {
    name: 'population',
    kind: 'table',
    description: 'Imported population (World Bank); population in returns stays in observation (indicator POP)',
    grain: ['submission_id', 'ref_area', 'year'],
    columns: [
      col('submission_id', 'INTEGER', 'the import'),
      col('ref_area', 'VARCHAR', 'state'),
      col('year', 'INTEGER', 'calendar year'),
      col('persons', 'DOUBLE', 'population'),
      col('source', 'VARCHAR', 'WORLDBANK'),
    ],
  },
  {
    name: 'ref_state',
    kind: 'table',
    description: 'States and countries known to the tool (data/reference/states.csv)',
    grain: ['iso3'],
    columns: [
      col('iso3', 'VARCHAR', 'ISO 3166-1 alpha-3'),
      opt('iso2', 'VARCHAR', 'ISO 3166-1 alpha-2'),
      opt('numeric_code', 'VARCHAR', 'ISO numeric code'),
      col('name_en', 'VARCHAR', 'English name'),
      opt('names_native', 'VARCHAR', 'names in the national languages, |-separated'),
      col('is_member', 'BOOLEAN', 'member of at least one group of the region'),
    ],
  },
  {
    name: 'ref_state_group',
    kind: 'table',
    description: 'Membership of the groups (BSEC, SEECP, WB6)',
    grain: ['group_code', 'iso3'],
    columns: [col('group_code', 'VARCHAR', 'group'), col('iso3', 'VARCHAR', 'member state')],
  },
  {
    name: 'ref_indicator',
    kind: 'table',
    description: 'The indicator catalogue (data/reference/indicators.csv)',
    grain: ['code'],
    columns: [
      col('code', 'VARCHAR', 'indicator code'),
      col('area', 'VARCHAR', 'crime area (ref_area.area)'),
      col('name', 'VARCHAR', 'English name'),
      col('definition', 'VARCHAR', 'what is counted'),
      opt('iccs', 'VARCHAR', 'ICCS code'),
      col('unit', 'VARCHAR', 'NR count, KG, ROUNDS'),
      col('stage', 'VARCHAR', 'criminal-justice stage or kind (OFFENCES, SUSPECTED, …, VICTIMS, SEIZURES, REQUESTS)'),
      opt('stage_order', 'INTEGER', 'order of the stage in the criminal-justice chain'),
      col('dimensions', 'VARCHAR', 'dimensions the indicator takes, space-separated'),
      opt('breakdown_list', 'VARCHAR', 'code list of its BREAKDOWN'),
      opt('counterpart_meaning', 'VARCHAR', 'what COUNTERPART_AREA means for it'),
      col('is_headline', 'BOOLEAN', 'shown in the key findings'),
    ],
  },
  {
    name: 'ref_code',
    kind: 'table',
    description: 'Code lists: labels of every code (SEX, AGE, OBS_STATUS, breakdown lists, …)',
    grain: ['codelist', 'code'],
    columns: [col('codelist', 'VARCHAR', 'code list'), col('code', 'VARCHAR', 'code'), col('label', 'VARCHAR', 'English label')],
  },
  {
    name: 'ref_area',
    kind: 'table',
    description: 'Crime areas and their chapter in the review',
    grain: ['area'],
    columns: [
      col('area', 'VARCHAR', 'area code'),
      col('name', 'VARCHAR', 'English name'),
      col('chapter', 'VARCHAR', 'chapter of the review'),
      col('sort_order', 'INTEGER', 'order in the review'),
      col('colour', 'VARCHAR', 'chart colour'),
    ],
  },
];

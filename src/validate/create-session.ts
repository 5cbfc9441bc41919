import { ESCAPED_CODE_POINTS } from '../errors.js';
import type { Reference } from '../schema/reference.js';
import { createCountryResolver, type CountryResolver } from '../schema/resolve-country.js';
import { quoteLiteral, type Store } from '../store/index.js';
import { eurostatFlagHints } from './eurostat-flag-hints.js';
import { ISSUE_CODES } from './issue-codes.js';

/** What validating files in one store needs once: the code lists as sets and as temporary tables. */
export interface ValidationSession {
  store: Store;
  reference: Reference;
  countries: CountryResolver;
  /** Valid codes per coded column of the return format. */
  codes: {
    REF_AREA: Set<string>;
    INDICATOR: Set<string>;
    SEX: Set<string>;
    AGE: Set<string>;
    COUNTERPART_AREA: Set<string>;
    BREAKDOWN: Set<string>;
    OBS_STATUS: Set<string>;
    CONF_STATUS: Set<string>;
  };
  /** Labels that may stand for a code (a name instead of a code), per column: normalized label → code. */
  labels: Record<string, Map<string, string>>;
  /** Which indicators take which breakdowns, as SQL-ready lists for the one-pass prefilter. */
  dimensions: DimensionLists;
  /** Counter for unique temporary table names. */
  nextTable: () => string;
}

/** Indicators with and without each dimension, and the BREAKDOWN codes each indicator takes. */
export interface DimensionLists {
  withSex: string[];
  withoutSex: string[];
  withAge: string[];
  withoutAge: string[];
  withCounterpart: string[];
  withoutCounterpart: string[];
  /** Per BREAKDOWN code list: the indicators that take it and its codes (indicators without one are in none). */
  breakdownLists: Array<{ indicators: string[]; codes: string[] }>;
}

const COUNTERPART_SPECIALS = ['_T', '_U', '_Z'];

/**
 * SQL: `v` with control and invisible characters made visible as errors.ts's quoteValue shows them (\n, \t, \r, \u0001,
 * \u200b for a zero-width space, \ufeff for a byte-order mark), so a
 * value reads the same in every message. One expression of fixed size, character by character (it runs only for the
 * rare value holding a control character): the rules quote values in dozens of places, and a chain of 33 replace()
 * calls in each made DuckDB spend about 0.15 s planning every file's rules.
 */
function visibleControls(v: string): string {
  return `array_to_string(list_transform(string_split(${v}, ''), c -> case ord(c) when 10 then '\\n' when 9 then '\\t' when 13 then '\\r'
    else if(${ESCAPED_CODE_POINTS.map(([first, last]) => `ord(c) between ${first} and ${last}`).join(' or ')}, '\\u' || lpad(lower(hex(ord(c))), 4, '0'), c) end), '')`;
}

/**
 * Returns a validation session on `store`: code sets for the header-free checks, plus temporary tables the SQL rules
 * join against (`vref_indicator`, `vref_code`, `vref_eurostat_flag` for the hint on a value written with Eurostat
 * flags, one row per set of them: see eurostatFlagHints) and the `ct_q` macro that quotes a value in messages.
 */
export async function createSession(store: Store, reference: Reference): Promise<ValidationSession> {
  const byList = (list: string): string[] => reference.codes.filter((c) => c.codelist === list).map((c) => c.code);
  const breakdownLists = [...new Set(reference.indicators.map((i) => i.breakdown_list).filter((l) => l !== ''))];
  const countries = createCountryResolver(reference.states, reference.countryAliases, reference.demonyms);
  const codes: ValidationSession['codes'] = {
    REF_AREA: new Set(reference.states.map((s) => s.iso3)),
    INDICATOR: new Set(reference.indicators.map((i) => i.code)),
    SEX: new Set(byList('SEX')),
    AGE: new Set(byList('AGE')),
    COUNTERPART_AREA: new Set([...COUNTERPART_SPECIALS, ...countries.codes()]),
    BREAKDOWN: new Set(['_T', ...breakdownLists.flatMap(byList)]),
    OBS_STATUS: new Set(byList('OBS_STATUS')),
    CONF_STATUS: new Set(byList('CONF_STATUS')),
  };
  const labels: Record<string, Map<string, string>> = {};
  const labelList = (column: string, lists: string[]): void => {
    const map = new Map<string, string>();
    for (const code of reference.codes.filter((c) => lists.includes(c.codelist))) map.set(code.label.toLowerCase(), code.code);
    labels[column] = map;
  };
  labelList('SEX', ['SEX']);
  labelList('AGE', ['AGE']);
  labelList('BREAKDOWN', breakdownLists);
  // a breakdown's total is _T in every list, whatever the indicator ("All drugs", "All firearms"): the label SEX, AGE and
  // COUNTERPART_AREA give _T ("Total", as Stata's and SPSS's value labels write it) reads as _T in BREAKDOWN too
  for (const total of reference.codes.filter((c) => ['SEX', 'AGE', 'COUNTERPART'].includes(c.codelist) && c.code === '_T')) {
    if (!labels.BREAKDOWN!.has(total.label.toLowerCase())) labels.BREAKDOWN!.set(total.label.toLowerCase(), '_T');
  }
  labelList('OBS_STATUS', ['OBS_STATUS']);
  labelList('CONF_STATUS', ['CONF_STATUS']);
  labelList('COUNTERPART_AREA', ['COUNTERPART']);

  const stageOrder = new Map(reference.stages.map((s) => [s.stage, s.cj_order]));
  const indicatorRows = reference.indicators.map((i) =>
    [
      quoteLiteral(i.code),
      quoteLiteral(i.area),
      quoteLiteral(i.unit),
      String(stageOrder.get(i.stage) ?? 'null'),
      String(i.dimensions.includes('SEX')),
      String(i.dimensions.includes('AGE')),
      String(i.dimensions.includes('COUNTERPART_AREA')),
      String(i.dimensions.includes('BREAKDOWN')),
      i.breakdown_list === '' ? 'null' : quoteLiteral(i.breakdown_list),
      quoteLiteral(byList(i.breakdown_list).sort().join(', ')),
    ].join(', '),
  );
  const codeRows = reference.codes.map((c) => `${quoteLiteral(c.codelist)}, ${quoteLiteral(c.code)}`);
  const flagHints = eurostatFlagHints(reference.eurostatFlags);
  await store.run(`
    create or replace temp table vref_indicator (code varchar, area varchar, unit varchar, stage_order integer, has_sex boolean,
      has_age boolean, has_counterpart boolean, has_breakdown boolean, breakdown_list varchar, breakdown_codes varchar);
    insert into vref_indicator values (${indicatorRows.join('), (')});
    create or replace temp table vref_code (codelist varchar, code varchar);
    insert into vref_code values (${codeRows.join('), (')});
    create or replace temp macro ct_visible(v) as
      if(regexp_matches(v, '[${ESCAPED_CODE_POINTS.map((range) => range.map((c) => `\\x{${c.toString(16)}}`).join('-')).join('')}]'), ${visibleControls('v')}, v);
    create or replace temp macro ct_q(v) as
      case when v is null then 'nothing'
           else '"' || list_transform([ct_visible(v)], s -> if(length(s) > 60, left(s, 57) || '…', s))[1] || '"' end;
    create or replace temp macro ct_n(x) as
      case when x = floor(x) and abs(x) < 1e15 then (x::bigint)::varchar else x::varchar end;
    create or replace temp table vref_eurostat_flag (flags varchar, hint varchar);
    ${flagHints.size === 0 ? '' : `insert into vref_eurostat_flag values (${[...flagHints].map((row) => row.map(quoteLiteral).join(', ')).join('), (')});`}
    create or replace temp table vref_issue_code (code varchar, severity varchar);
    insert into vref_issue_code values (${ISSUE_CODES.map((c) => `'${c.code}', '${c.severity}'`).join('), (')});
  `);
  const taking = (dimension: string, isTaken: boolean): string[] =>
    reference.indicators.filter((i) => i.dimensions.includes(dimension as never) === isTaken).map((i) => i.code);
  const dimensions: DimensionLists = {
    withSex: taking('SEX', true),
    withoutSex: taking('SEX', false),
    withAge: taking('AGE', true),
    withoutAge: taking('AGE', false),
    withCounterpart: taking('COUNTERPART_AREA', true),
    withoutCounterpart: taking('COUNTERPART_AREA', false),
    breakdownLists: breakdownLists.map((list) => ({
      indicators: reference.indicators.filter((i) => i.breakdown_list === list).map((i) => i.code),
      codes: byList(list),
    })),
  };
  let counter = 0;
  return { store, reference, countries, codes, labels, dimensions, nextTable: () => `v${++counter}` };
}

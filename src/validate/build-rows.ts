import type { CsvRead } from '../io/read-csv.js';
import { RETURN_COLUMNS, type ReturnColumnName } from '../schema/return-format.js';
import { quoteIdent, quoteLiteral, type Store } from '../store/index.js';
import type { HeaderMap } from './map-header.js';
import { CODED_COLUMNS } from './resolve-codes.js';

/**
 * Creates the temporary table `<rowsTable>`: one row per record read, with its physical `line`, the trimmed cells
 * (`<column>_in`) and the typed, resolved values (`ref_area`, `time_period`, `obs_value`, …; null when unreadable).
 * This is the only copy of the file's rows that validation and ingest work from; the raw table is dropped after.
 *
 * Columns: line, cells, is_blank, is_short, ref_area_in, ref_area, time_period_in, time_period, indicator_in,
 * indicator, sex_in, sex, age_in, age, counterpart_area_in, counterpart_area, breakdown_in, breakdown,
 * obs_value_in, obs_value, obs_status_in, obs_status, conf_status_in, conf_status, comment.
 */
export async function buildRows(store: Store, read: CsvRead, header: HeaderMap, mapTable: string, rowsTable: string): Promise<void> {
  const width = read.header.length;
  const cell = (name: ReturnColumnName): string | undefined => (header.index[name] === undefined ? undefined : `r.c${header.index[name]}`);
  const trimmed = (name: ReturnColumnName): string => {
    const c = cell(name);
    return c === undefined ? 'null::varchar' : `nullif(trim(${c}), '')`;
  };
  const joins: string[] = [];
  const coded = (name: (typeof CODED_COLUMNS)[number]): string => {
    const column = RETURN_COLUMNS.find((c) => c.name === name)!;
    const fallback = column.default === null ? 'null::varchar' : quoteLiteral(column.default);
    if (cell(name) === undefined) return fallback;
    const alias = `m_${name.toLowerCase()}`;
    joins.push(`left join ${quoteIdent(mapTable)} as ${alias} on ${alias}.col = '${name}' and ${alias}.raw = ${trimmed(name)}`);
    return `case when ${trimmed(name)} is null then ${fallback} else ${alias}.code end`;
  };
  const cells = Array.from({ length: width }, (_, i) => `(r.c${i} is not null)::integer`).join(' + ') || '0';
  const blank = Array.from({ length: width }, (_, i) => `coalesce(trim(r.c${i}), '') = ''`).join(' and ') || 'true';
  const refArea = coded('REF_AREA');
  const counterpart = coded('COUNTERPART_AREA');
  const value = trimmed('OBS_VALUE');
  // in files delimited by ';' or tab, a lone decimal comma is the decimal separator ("12,5")
  const normalized = read.delimiter === ',' ? value : `case when contains(${value}, ',') and not contains(${value}, '.') then replace(${value}, ',', '.') else ${value} end`;
  const selectList = [
    `${read.line.expression} as line`,
    `(${cells}) as cells`,
    `(${blank}) as is_blank`,
    `(${cells}) < ${width} as is_short`,
    `${trimmed('REF_AREA')} as ref_area_in`,
    `${refArea} as ref_area`,
    `${trimmed('TIME_PERIOD')} as time_period_in`,
    `case when regexp_full_match(${trimmed('TIME_PERIOD')}, '[0-9]{4}') then ${trimmed('TIME_PERIOD')}::integer end as time_period`,
    `${trimmed('INDICATOR')} as indicator_in`,
    `${coded('INDICATOR')} as indicator`,
    `${trimmed('SEX')} as sex_in`,
    `${coded('SEX')} as sex`,
    `${trimmed('AGE')} as age_in`,
    `${coded('AGE')} as age`,
    `${trimmed('COUNTERPART_AREA')} as counterpart_area_in`,
    `case when (${counterpart}) = '=REF_AREA' then ${refArea} else ${counterpart} end as counterpart_area`,
    `${trimmed('BREAKDOWN')} as breakdown_in`,
    `${coded('BREAKDOWN')} as breakdown`,
    `${value} as obs_value_in`,
    `case when isfinite(try_cast(${normalized} as double)) then try_cast(${normalized} as double) end as obs_value`,
    `${trimmed('OBS_STATUS')} as obs_status_in`,
    `${coded('OBS_STATUS')} as obs_status`,
    `${trimmed('CONF_STATUS')} as conf_status_in`,
    `${coded('CONF_STATUS')} as conf_status`,
    `${trimmed('COMMENT')} as comment`,
  ];
  await store.run(
    `create or replace temp table ${quoteIdent(rowsTable)} as
     select ${selectList.join(',\n       ')}
     from ${quoteIdent(read.table)} as r ${read.line.join}
     ${joins.join('\n     ')}`,
  );
}

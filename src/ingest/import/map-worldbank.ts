import type { CountryResolver } from '../../schema/resolve-country.js';
import type { Store } from '../../store/index.js';
import { loadCountryTable } from './load-country-table.js';
import type { StagedFile } from './types.js';

/**
 * Returns after building `import_result` from a staged World Bank population file (`import_raw`): each row with a
 * country code (Kosovo is XKX there too) and a number becomes a population row (indicator POP, persons in
 * `obs_value`); aggregates (WLD, EUU, income groups and regions, which are no country code) are skipped with that
 * reason, a missing value is skipped, an unreadable year or value is listed.
 */
export async function mapWorldbank(store: Store, staged: StagedFile, resolver: CountryResolver): Promise<void> {
  await loadCountryTable(store, resolver, { table: 'import_area', source: 'import_raw', column: 'code', kind: 'code' });
  const col = (key: string): string => `'${(staged.columns[key] ?? key).replaceAll("'", "''")}'`;
  await store.run(
    `create or replace temp table import_result as
with joined as (
  select r.*, area.iso3 as area_code, try_cast(trim(r.year) as integer) as year_number, trim(coalesce(r.value, '')) as v,
    try_cast(case when regexp_full_match(trim(coalesce(r.value, '')), '[0-9]+(\\.[0-9]+)?') then trim(r.value) end as double) as number
  from import_raw as r
  left join import_area as area on area.text = trim(r.code)
),
judged as (
  select *,
    case
      when year_number is null or year_number not between 1900 and 2100 then 'year'
      when area_code is null then 'aggregate'
      when v = '' then 'missing'
      when number is null then 'value'
      else 'ok'
    end as problem
  from joined
)
select sheet, line,
  case problem when 'ok' then 'loaded' when 'aggregate' then 'skipped' when 'missing' then 'skipped' else 'unreadable' end as status,
  case problem when 'ok' then null when 'aggregate' then 'IMPORT_SKIPPED_AGGREGATE' when 'missing' then 'IMPORT_SKIPPED_MISSING'
    else 'IMPORT_UNREADABLE' end as issue_code,
  case problem when 'ok' then null when 'year' then 'Year is not a year' when 'aggregate' then 'not a country (aggregate or region)'
    when 'missing' then 'no value' when 'value' then 'Value is not a number' end as reason,
  case problem when 'ok' then null when 'year' then ${col('year')} when 'aggregate' then ${col('code')} else ${col('value')} end as column_name,
  case problem when 'ok' then null when 'year' then year when 'aggregate' then code else value end as value,
  case problem when 'ok' then null
    when 'year' then 'expected a year, found ' || import_quote(year)
    when 'aggregate' then 'expected a country code, found ' || import_quote(code) || ' (' || coalesce(name, 'no name') || ', an aggregate or region): not imported'
    when 'missing' then 'expected a population, found nothing: not imported'
    when 'value' then 'expected a number of persons, found ' || import_quote(value)
  end as message,
  null::varchar as hint,
  area_code as ref_area, year_number as time_period, 'POP' as indicator, '_T' as sex, '_T' as age, '_T' as counterpart_area, '_T' as breakdown,
  number as obs_value, 'A' as obs_status, null::varchar as comment
from judged`,
  );
}

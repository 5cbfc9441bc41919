import { DataError } from '../../errors.js';
import type { CountryResolver } from '../../schema/resolve-country.js';
import type { Store } from '../../store/index.js';
import { loadCountryTable } from './load-country-table.js';
import { loadTerritoryTable, territoryMessageSql, territoryReasonSql } from './load-territory-table.js';
import type { StagedFile } from './types.js';

/**
 * Returns after building `import_result` from a staged World Bank population file (`import_raw`): each row with a
 * country code (Kosovo is XKX there too) and a whole number becomes a population row (indicator POP, persons in
 * `obs_value`). Aggregates (WLD, EUU, income groups and regions, which are no country code) are skipped with that
 * reason, territories that are no country (CHI, the Channel Islands) and former countries' codes (YUG) with theirs; a row with no country code is matched by its Country Name (`Türkiye`), else listed as unmapped; another
 * series than SP.POP.TOTL (an Indicator Code or Series Code column, or, with no code, a Series Name other than
 * "Population, total") is unmapped; a missing value (empty, or `..` in
 * DataBank's extract) is skipped, as are DataBank's note lines (`Last Updated: …`: no code, no value); an unreadable year, a
 * value that is not a number, or a number of persons with decimals (as a return's count would be refused) is listed.
 *
 * @throws DataError `IMPORT_COLUMN_UNSUPPORTED` when a country's population is one no country has (see checkPopulations).
 */
export async function mapWorldbank(store: Store, staged: StagedFile, resolver: CountryResolver, displayName: string): Promise<void> {
  await loadCountryTable(store, resolver, { table: 'import_area', source: 'import_raw', column: 'code', kind: 'code' });
  await loadCountryTable(store, resolver, { table: 'import_category', source: 'import_raw', column: 'name', kind: 'any', qualified: true });
  await loadTerritoryTable(store, resolver, { table: 'import_territory', source: 'import_raw', column: 'code', nuts: false });
  const col = (key: string): string => `'${(staged.columns[key] ?? key).replaceAll("'", "''")}'`;
  // the official download is wide: each year is a column, named by the year
  const valueColumn = staged.isWide === true ? 'year' : col('value');
  const yearColumn = staged.isWide === true ? 'year' : col('year');
  await store.run(
    `create or replace temp table import_result as
with raw as (
  select r.*, trim(coalesce(r.code, '')) as code_text, trim(coalesce(r.value, '')) as v,
    -- DataBank's extract ends with note lines: a text such as "Last Updated: 07/01/2025" and no code or value, in the
    -- first column (Country Name, Series Name when the series come first, or Time when the series are the columns);
    -- and, saved by Excel, with empty rows
    trim(coalesce(r.code, '')) = '' and trim(coalesce(r.value, '')) in ('', '..')
      and (regexp_matches(coalesce(r.name, ''), '^\s*(data from database|last updated)\s*:', 'i')
        or regexp_matches(coalesce(r.series, ''), '^\s*(data from database|last updated)\s*:', 'i')
        or regexp_matches(coalesce(r.year, ''), '^\s*(data from database|last updated)\s*:', 'i')) as is_note,
    coalesce(nullif(trim(coalesce(r.name, '')), ''), nullif(trim(coalesce(r.series, '')), ''), r.year) as note_text,
    -- (in the wide layout a row's year is its column's, never empty)
    trim(coalesce(r.name, '') || coalesce(r.code, '') || coalesce(r.indicator, '') || coalesce(r.value, '')${staged.isWide === true ? '' : " || coalesce(r.year, '')"}) = '' as is_empty
  from import_raw as r
),
joined as (
  select raw.*, coalesce(area.iso3, case when raw.code_text = '' and by_name.kind in ('name', 'code') then by_name.iso3 end) as area_code, area.kind as area_kind,
    territory.kind as territory_kind, territory.what as territory_what, import_year(raw.year) as year_number,
    case when regexp_full_match(v, '[0-9]+(\\.[0-9]+)?') then v::double
      when regexp_full_match(v, '[1-9][0-9]{0,2}(,[0-9]{3})+') then replace(v, ',', '')::double end as number
  from raw
  left join import_area as area on area.text = raw.code_text
  left join import_territory as territory on territory.text = raw.code
  left join import_category as by_name on by_name.text = raw.name
),
judged as (
  select *,
    case
      when is_note then 'note'
      when is_empty then 'empty'
      when not import_year_ok(year_number) then 'year'
      when indicator is not null and upper(trim(indicator)) not in ('', 'SP.POP.TOTL') then 'indicator'
      -- a series named but not coded (DataBank with codes not shown): only "Population, total" is SP.POP.TOTL
      when trim(coalesce(indicator, '')) = '' and lower(regexp_replace(trim(coalesce(series, '')), '\\s+', ' ', 'g')) not in ('', 'population, total') then 'series'
      -- UNK is Kosovo's code in some lists and short for unknown: the World Bank writes XKX for Kosovo, so it is neither
      when area_kind = 'not_guessed' then 'not_guessed'
      when area_code is null and code_text = '' then 'no_code'
      when area_code is null and territory_kind is not null then 'territory'
      when area_code is null then 'aggregate'
      when v in ('', '..') then 'missing'
      when number is null then 'value'
      when number <> floor(number) then 'not_integer'
      else 'ok'
    end as problem
  from joined
)
select sheet, line,
  case problem when 'ok' then 'loaded' when 'aggregate' then 'skipped' when 'territory' then 'skipped' when 'missing' then 'skipped' when 'note' then 'skipped' when 'empty' then 'skipped'
    when 'indicator' then 'unmapped' when 'series' then 'unmapped' when 'no_code' then 'unmapped' when 'not_guessed' then 'unmapped' else 'unreadable' end as status,
  case problem when 'ok' then null when 'aggregate' then 'IMPORT_SKIPPED_AGGREGATE' when 'territory' then 'IMPORT_SKIPPED_TERRITORY' when 'missing' then 'IMPORT_SKIPPED_MISSING'
    when 'note' then 'IMPORT_SKIPPED_MISSING' when 'empty' then 'IMPORT_SKIPPED_MISSING'
    when 'indicator' then 'IMPORT_UNMAPPED' when 'series' then 'IMPORT_UNMAPPED' when 'no_code' then 'IMPORT_UNMAPPED' when 'not_guessed' then 'IMPORT_UNMAPPED' else 'IMPORT_UNREADABLE' end as issue_code,
  case problem when 'ok' then null when 'year' then import_year_reason(year_number) when 'aggregate' then 'not a country (aggregate or region)'
    when 'territory' then ${territoryReasonSql('territory_kind')}
    when 'indicator' then 'not the total population series SP.POP.TOTL' when 'series' then 'not the total population series SP.POP.TOTL' when 'no_code' then 'no country code' when 'not_guessed' then import_not_guessed_reason()
    when 'missing' then 'no value' when 'note' then 'a note of the download, not a country' when 'empty' then 'an empty row' when 'value' then 'Value is not a number' when 'not_integer' then 'a number of persons with decimals' end as reason,
  case problem when 'ok' then null when 'year' then ${yearColumn} when 'aggregate' then ${col('code')} when 'territory' then ${col('code')} when 'not_guessed' then ${col('code')} when 'no_code' then ${col('code')}
    when 'note' then case when trim(coalesce(name, '')) <> '' then ${col('name')} when trim(coalesce(series, '')) <> '' then ${col('series')} else ${yearColumn} end when 'empty' then ${col('code')}
    when 'indicator' then ${col('indicator')} when 'series' then ${col('series')} else ${valueColumn} end as column_name,
  case problem when 'ok' then null when 'year' then year when 'aggregate' then code when 'territory' then code when 'not_guessed' then code when 'no_code' then name when 'note' then note_text
    when 'indicator' then indicator when 'series' then series
    else value end as value,
  case problem when 'ok' then null
    when 'year' then import_year_message(year)
    when 'aggregate' then 'expected a country code, found ' || import_quote(code) || ' (' || coalesce(name, 'no name') || ', an aggregate or region): not imported'
    when 'territory' then ${territoryMessageSql('code', 'territory_kind', 'territory_what')}
    when 'not_guessed' then 'expected a country code, found ' || import_not_guessed(code) || ' (' || coalesce(name, 'no name') || '): not imported'
    when 'no_code' then 'expected a country code, found nothing, and the name ' || import_quote(name) || ' names no country: not imported'
    when 'indicator' then 'expected the series SP.POP.TOTL (total population), found ' || import_quote(indicator) || ': not imported'
    when 'series' then 'expected the series "Population, total" (SP.POP.TOTL), found ' || import_quote(series) || ': not imported'
    when 'missing' then 'expected a population, found ' || case when v = '..' then '".." (no value)' else 'nothing' end || ': not imported'
    when 'note' then 'expected a country, found the note ' || import_quote(note_text) || ' (no code, no value): not imported'
    when 'empty' then 'expected a country, found an empty row: not imported'
    when 'value' then 'expected a number of persons, found ' || import_quote(value)
    when 'not_integer' then 'expected a whole number of persons, found ' || import_quote(value) || ': not imported'
  end as message,
  case problem when 'year' then import_year_hint(year_number) when 'no_code' then 'fill in the ISO 3166 alpha-3 code (Country Code)'
    when 'not_guessed' then import_not_guessed_hint()
    when 'not_integer' then 'populations are whole numbers: check the file was not averaged or edited' end as hint,
  area_code as ref_area, year_number as time_period, 'POP' as indicator, '_T' as sex, '_T' as age, '_T' as counterpart_area, '_T' as breakdown,
  number as obs_value, 'A' as obs_status, null::varchar as comment
from judged`,
  );
  await store.run('drop table if exists import_territory');
  await checkPopulations(store, displayName, staged.isWide === true ? undefined : staged.columns.value);
}

/** No country has fewer persons (the World Bank's least, Sint Maarten in 1960, had 2,715) … */
const LEAST_POPULATION = 1_000;
/** … or more (India, the most populous, has some 1,450,000,000). */
const MOST_POPULATION = 2_000_000_000;

/**
 * Returns when every population loaded is one a country can have; else refuses the file: a value under 1,000 or over
 * 2,000,000,000 persons for a country says the file holds another series (GDP in US$, a rate, population in
 * millions), which the long layout `Country Name, Country Code, Year, Value` cannot say, as it names no series. Its
 * whole numbers were loaded as populations and replaced every state's (Romania's 2019 GDP, 250,077,444,017, as its
 * population).
 *
 * @throws DataError `IMPORT_COLUMN_UNSUPPORTED` at the first such row, with its country, year and value.
 */
async function checkPopulations(store: Store, displayName: string, valueColumn: string | undefined): Promise<void> {
  const rows = await store.all<{ sheet: string | null; line: number; ref_area: string; time_period: number; obs_value: number; others: number }>(
    `select sheet, line, ref_area, time_period, obs_value, (count(*) over () - 1)::integer as others from import_result
     where status = 'loaded' and (obs_value < $least or obs_value > $most) order by sheet nulls first, line limit 1`,
    { least: LEAST_POPULATION, most: MOST_POPULATION },
  );
  const first = rows[0];
  if (first === undefined) return;
  const column = valueColumn ?? String(first.time_period);
  const persons = first.obs_value.toLocaleString('en-US', { maximumFractionDigits: 0 });
  const bound = first.obs_value < LEAST_POPULATION ? `fewer than ${LEAST_POPULATION.toLocaleString('en-US')}` : `more than ${MOST_POPULATION.toLocaleString('en-US')}`;
  throw new DataError(
    'IMPORT_COLUMN_UNSUPPORTED',
    `expected the total population (SP.POP.TOTL), found ${persons} for ${first.ref_area} ${first.time_period}${first.sheet === null ? '' : ` (sheet "${first.sheet}")`}, ${bound} persons, as no country has${first.others > 0 ? ` (and ${first.others} more such values)` : ''}: the file holds another series, not imported`,
    [],
    {
      location: { file: displayName, line: first.line, column },
      hint: 'download the World Bank series SP.POP.TOTL (Population, total): API_SP.POP.TOTL_DS2_en_csv_v2.csv, or a DataBank extract with Series Code SP.POP.TOTL',
    },
  );
}

import type { CountryResolver } from '../../schema/resolve-country.js';
import type { Store } from '../../store/index.js';
import { loadCountryTable } from './load-country-table.js';
import type { StagedFile } from './types.js';

/**
 * Returns after building `import_result` from a staged dataUNODC download (`import_raw`): one row per source row,
 * either loaded (with its catalogue series, value and status) or skipped / unmapped / unreadable with an issue code,
 * reason and message. Everything is one set-based statement: the mapping is a join against `import_unodc_map`
 * (most specific matching row wins), Sex and Age labels join `import_unodc_label`, areas and citizenship
 * categories join tables resolved once per distinct text. A row whose Iso3_code is empty is placed by its Country
 * name (`Republic of Moldova` → MDA, `Serbia (excluding Kosovo)` → SRB: see resolveQualifiedName), as the World Bank
 * import places a row without a Country Code; when the name
 * names no one country either, the row is listed as unmapped with the name.
 *
 * Values: "<5" is suppressed (status Q, no value, the text kept in `published_text`); "1,011" is 1011 (UNODC writes thousands with a comma and never
 * uses decimals in counts); a count with decimals is listed, not loaded, as a return's would be refused; rates per 100,000 (a unit starting "Rate" or naming "per 100,000") are skipped (recomputed from counts and population later).
 */
export async function mapUnodc(store: Store, staged: StagedFile, resolver: CountryResolver): Promise<void> {
  await loadCountryTable(store, resolver, { table: 'import_area', source: 'import_raw', column: 'iso3', kind: 'code' });
  await loadCountryTable(store, resolver, { table: 'import_category', source: 'import_raw', column: 'category', kind: 'any', qualified: true });
  await loadCountryTable(store, resolver, { table: 'import_country', source: 'import_raw', column: 'country', kind: 'any', qualified: true });
  const col = (key: string): string => `'${(staged.columns[key] ?? key).replaceAll("'", "''")}'`;
  const hasCountry = staged.columns.country !== undefined;
  const hasSource = staged.columns.source !== undefined;
  // the datasets unodc_mapping.csv maps: a row of another (Source "WHO", "IDS"; or none named) is listed as such
  const known = `(select string_agg(distinct upper(k_dataset), ', ' order by upper(k_dataset)) from import_unodc_map where k_dataset <> '*')`;
  // a footnote's text is in whichever text column its first cell falls under (Iso3_code, or Source when the columns
  // are reversed): the first of them holding any
  const noteKeys = ['iso3', 'country', 'source', 'dimension', 'category', 'sex', 'age'];
  const noteText = `coalesce(${noteKeys.map((key) => `nullif(trim(coalesce(${key}, '')), '')`).join(', ')})`;
  const noteColumn = `case ${noteKeys.map((key) => `when nullif(trim(coalesce(${key}, '')), '') is not null then ${col(key)}`).join(' ')} else ${col('iso3')} end`;
  await store.run(
    `create or replace temp table import_result as
with raw as (
  select r.*, import_key(r.indicator) as k_indicator, import_key(r.dimension) as k_dimension, import_key(r.category) as k_category,
    import_key(r.sex) as k_sex, import_key(r.age) as k_age, import_key(r.unit) as k_unit, trim(coalesce(r.value, '')) as v,
    trim(coalesce(r.iso3, '')) = '' as has_no_code,
    lower(trim(r.country)) in (lower(trim(coalesce(r.region, ''))), lower(trim(coalesce(r.subregion, '')))) as is_region_name,
    exists (select 1 from import_unodc_map as m where m.k_dataset in ('*', import_key($dataset))) as is_dataset_known
  from import_raw as r
),
candidates as (
  select raw.sheet, raw.line, m.*,
    row_number() over (partition by raw.sheet, raw.line order by m.specificity desc, m.map_line) as match_rank
  from raw
  inner join import_unodc_map as m
    on (m.k_dataset = '*' or m.k_dataset = import_key($dataset))
    and (m.k_indicator = '*' or m.k_indicator = raw.k_indicator)
    and (m.k_dimension = '*' or m.k_dimension = raw.k_dimension)
    and (m.k_category = '*' or m.k_category = raw.k_category)
    and (m.k_sex = '*' or m.k_sex = raw.k_sex)
    and (m.k_age = '*' or m.k_age = raw.k_age)
),
joined as (
  select raw.*, best.map_line, best.code, best.m_sex_code, best.m_age_code, best.m_breakdown, best.m_counterpart, best.note,
    sex_label.k_label is not null as has_sex_label, sex_label.code as sex_label_code, sex_label.note as sex_label_note,
    age_label.k_label is not null as has_age_label, age_label.code as age_label_code, age_label.note as age_label_note,
    -- a row without a code is placed by its Country name (a name or a code, never a demonym), as the World Bank's are
    coalesce(area.iso3, case when raw.has_no_code and by_name.kind in ('name', 'code') and not raw.is_region_name then by_name.iso3 end) as area_code, area.kind as area_kind, category.kind as category_kind, category.iso3 as category_code,
    category.near as category_near, by_name.near as country_near,
    indicator.has_sex, indicator.has_age, indicator.is_count,
    import_year(raw.year) as year_number
  from raw
  left join (select * from candidates where match_rank = 1) as best on best.sheet is not distinct from raw.sheet and best.line = raw.line
  left join import_unodc_label as sex_label on sex_label.dim = 'sex' and sex_label.k_label = raw.k_sex
  left join import_unodc_label as age_label on age_label.dim = 'age' and age_label.k_label = raw.k_age
  left join import_area as area on area.text = raw.iso3
  left join import_country as by_name on by_name.text = raw.country
  left join import_category as category on category.text = raw.category
  left join import_indicator as indicator on indicator.code = best.code
),
coded as (
  select *,
    case when m_sex_code = '*' then sex_label_code else m_sex_code end as sex_code,
    case when m_age_code = '*' then age_label_code else m_age_code end as age_code,
    case when m_counterpart <> 'citizenship' then m_counterpart
      when category_kind = 'nationals' then area_code when category_kind = 'unknown' then '_U' else category_code end as counterpart_code,
    regexp_matches(v, '^<\\s*[0-9]+$') as is_suppressed,
    case when regexp_matches(v, '^[1-9][0-9]{0,2}(,[0-9]{3})+$') then replace(v, ',', '')::double
      when regexp_matches(v, '^[0-9]+(\\.[0-9]+)?$') then v::double end as number
  from joined
),
judged as (
  select *,
    case
      -- a footnote below the data ("Source: UNODC, …", "Note: …"): text in the first cells, no indicator, year, unit or value
      when trim(coalesce(indicator, '') || coalesce(year, '') || coalesce(unit, '') || coalesce(value, '')) = '' then 'note'
      -- "1,011" written without quotes: its 1 under VALUE, its 011 under Source (a row whose Source was empty)
      when regexp_matches(v, '^[1-9][0-9]{0,2}$') and regexp_matches(trim(coalesce(source, '')), '^[0-9]{3}$') then 'split'
      when k_unit like 'rate%' or regexp_matches(k_unit, 'per 100[ ,.]?000') then 'rate'
      when k_unit <> 'counts' then 'unit'
      when not import_year_ok(year_number) then 'year'
      -- UNK is Kosovo's code in some lists and short for unknown: UNODC writes KOS for Kosovo, so it is neither
      when area_kind = 'not_guessed' then 'not_guessed'
      when area_code is null and has_no_code then 'no_code'
      when area_code is null then 'area'
      when not is_dataset_known then 'no_dataset'
      when map_line is null then 'no_mapping'
      when code = '' then 'not_imported'
      when sex_code is null then 'sex'
      when age_code is null then 'age'
      when sex_code <> '_T' and not has_sex then 'sex_dimension'
      when age_code <> '_T' and not has_age then 'age_dimension'
      when counterpart_code is null and category_kind = 'not_guessed' then 'citizenship_not_guessed'
      when counterpart_code is null then 'citizenship'
      -- what tables print for "no figure" ("..", "-", "n/a", "…") is no value, as an empty cell is
      when v = '' or regexp_full_match(lower(v), '\\.\\.+|…|[-\\x{2013}\\x{2014}]+|n/?a|n\\.a\\.?|:') then 'missing'
      when not is_suppressed and number is null then 'value'
      -- "2.000" is 2000 with a thousands separator as much as 2 with decimals: never guessed, as in returns
      when not is_suppressed and is_count and import_point_grouped(v) then 'ambiguous'
      when not is_suppressed and is_count and number <> floor(number) then 'not_integer'
      else 'ok'
    end as problem
  from coded
)
select sheet, line,
  case when problem = 'ok' then 'loaded' when problem in ('rate', 'unit', 'missing', 'note') then 'skipped'
    when problem in ('year', 'value', 'not_integer', 'ambiguous', 'split') then 'unreadable' else 'unmapped' end as status,
  case problem when 'ok' then null when 'rate' then 'IMPORT_SKIPPED_RATE' when 'unit' then 'IMPORT_SKIPPED_UNIT'
    when 'missing' then 'IMPORT_SKIPPED_MISSING' when 'note' then 'IMPORT_SKIPPED_MISSING' when 'year' then 'IMPORT_UNREADABLE' when 'value' then 'IMPORT_UNREADABLE'
    when 'not_integer' then 'IMPORT_UNREADABLE' when 'ambiguous' then 'IMPORT_UNREADABLE' when 'split' then 'IMPORT_UNREADABLE'
    else 'IMPORT_UNMAPPED' end as issue_code,
  case problem when 'ok' then null
    when 'rate' then 'rates are not imported (recomputed from counts and population)'
    when 'unit' then case when trim(coalesce(unit, '')) = '' then 'no unit of measurement' else 'unit ' || unit || ' is not imported' end
    when 'missing' then 'no value'
    when 'note' then case when ${noteText} is null then 'an empty row' else 'a note of the download, not a row' end
    when 'year' then import_year_reason(year_number)
    when 'value' then 'value is not a count'
    when 'not_integer' then 'a count with decimals'
    when 'ambiguous' then 'a count with a thousands separator or decimals'
    when 'split' then 'a count split over VALUE and Source by an unquoted comma'
    when 'area' then 'not a country: ' || coalesce(iso3, '(empty)')
    when 'no_code' then 'no country code, and no country by its name'
    when 'not_guessed' then import_not_guessed_reason()
    when 'citizenship_not_guessed' then 'citizenship ' || import_not_guessed_reason()
    when 'no_dataset' then ${hasSource ? `'dataset ' || $dataset || ' (Source) is not one unodc_mapping.csv maps'` : `'no Source column naming the dataset, nor a file name'`}
    when 'no_mapping' then 'no mapping for ' || coalesce(indicator, '') || ' / ' || coalesce(dimension, '') || ' / ' || coalesce(category, '')
    when 'not_imported' then note
    when 'sex' then 'Sex ' || coalesce(sex, '(empty)') || ': ' || coalesce(sex_label_note, 'no label in unodc_labels.csv')
    when 'age' then 'Age ' || coalesce(age, '(empty)') || ': ' || coalesce(age_label_note, 'no label in unodc_labels.csv')
    when 'sex_dimension' then 'SEX is not a dimension of ' || code
    when 'age_dimension' then 'AGE is not a dimension of ' || code
    when 'citizenship' then 'citizenship is not a recognised country'
  end as reason,
  case problem when 'ok' then null when 'rate' then ${col('unit')} when 'unit' then ${col('unit')} when 'year' then ${col('year')}
    when 'area' then ${col('iso3')} when 'not_guessed' then ${col('iso3')} when 'no_code' then case when trim(coalesce(country, '')) = '' then ${col('iso3')} else ${col('country')} end when 'sex' then ${col('sex')} when 'sex_dimension' then ${col('sex')}
    when 'age' then ${col('age')} when 'age_dimension' then ${col('age')} when 'missing' then ${col('value')} when 'note' then ${noteColumn} when 'value' then ${col('value')} when 'not_integer' then ${col('value')} when 'ambiguous' then ${col('value')}
    when 'split' then ${col('value')} when 'no_dataset' then ${hasSource ? col('source') : col('indicator')} else ${col('category')} end as column_name,
  case problem when 'ok' then null when 'rate' then unit when 'unit' then unit when 'year' then year when 'area' then iso3 when 'not_guessed' then iso3
    when 'no_code' then nullif(trim(coalesce(country, '')), '')
    when 'sex' then sex when 'sex_dimension' then sex when 'age' then age when 'age_dimension' then age
    when 'missing' then value when 'note' then ${noteText} when 'value' then value when 'not_integer' then value when 'ambiguous' then value
    when 'split' then v || ',' || trim(source) when 'no_dataset' then ${hasSource ? 'trim(source)' : 'indicator'} else category end as value,
  case problem when 'ok' then null
    when 'rate' then 'expected counts, found ' || import_quote(unit) || ': rates are not imported (they are recomputed from counts and population)'
    when 'unit' then 'expected counts, found ' || import_quote(unit) || ': not imported'
    when 'missing' then 'expected a value, found nothing: not imported'
    when 'note' then case when ${noteText} is null then 'expected a row, found an empty row: not imported'
      else 'expected a row, found the note ' || import_quote(${noteText}) || ' (no Indicator, Year, Unit or VALUE): not imported' end
    when 'year' then import_year_message(year)
    when 'value' then 'expected a count such as 12, 1,011 or <5, found ' || import_quote(value)
    when 'not_integer' then 'expected a whole number for ' || code || ' (a count), found ' || import_quote(value) || ': not imported'
    when 'split' then 'expected a count under VALUE and the dataset under Source, found ' || import_quote(v) || ' and ' || import_quote(trim(source))
      || ': one figure, ' || v || ',' || trim(source) || ', written without quotes and split over two cells; not imported'
    when 'ambiguous' then 'expected a whole number for ' || code || ' (a count), found ' || import_quote(value) || ': ' || import_point_grouped_readings(v)
    when 'area' then 'expected an ISO 3166 country code, found ' || import_quote(iso3) || ' (a sub-national, regional or unnamed area, or a code the country list does not hold): not imported'
    when 'not_guessed' then 'expected an ISO 3166 country code, found ' || import_not_guessed(iso3) || ': not imported'
    when 'no_code' then 'expected an ISO 3166 country code in ' || ${col('iso3')} || ${hasCountry ? `' or a country''s name in ' || ${col('country')} || ', found no code and '
      || case when trim(coalesce(country, '')) = '' then 'no name' when is_region_name then 'the name ' || import_quote(country) || ', its own region''s (a region, not a country)'
        else 'the name ' || import_quote(country) || ', which names no one country' end` : "', found nothing (and no Country column to place the row by its name)'"} || ': not imported'
    when 'no_dataset' then 'expected ' || ${hasSource ? `'a dataset unodc_mapping.csv maps (' || ${known} || ') under Source, found ' || import_quote($dataset)`
      : `'a Source column naming the dataset (' || ${known} || '), found none, and a file name naming none'`} || ': not imported'
    when 'no_mapping' then 'no row of unodc_mapping.csv matches Indicator ' || import_quote(indicator) || ', Dimension ' || import_quote(dimension)
      || ', Category ' || import_quote(category) || ', Sex ' || import_quote(sex) || ', Age ' || import_quote(age) || ': not imported'
    when 'not_imported' then 'not imported: ' || note || ' (unodc_mapping.csv line ' || map_line || ')'
    when 'sex' then 'expected a Sex with a catalogue code, found ' || import_quote(sex) || ': ' || coalesce(sex_label_note, 'not in unodc_labels.csv')
    when 'age' then 'expected an Age with a catalogue code, found ' || import_quote(age) || ': ' || coalesce(age_label_note, 'not in unodc_labels.csv')
    when 'sex_dimension' then 'expected no sex breakdown for ' || code || ', found Sex ' || import_quote(sex) || ': not imported'
    when 'age_dimension' then 'expected no age breakdown for ' || code || ', found Age ' || import_quote(age) || ': not imported'
    when 'citizenship' then 'expected a country (citizenship), found ' || import_quote(category) || ': not imported'
    when 'citizenship_not_guessed' then 'expected a country (citizenship), found ' || import_not_guessed(category) || ': not imported'
  end as message,
  case problem
    when 'year' then import_year_hint(year_number)
    when 'no_code' then 'fill in the ISO 3166 alpha-3 code (' || ${col('iso3')} || ')'
      || case when trim(coalesce(country, '')) = '' then ''
        when country_near is not null then ', or, as ' || import_quote(country) || ' is near a name of ' || country_near || ', if it names ' || country_near || ' add it to data/reference/country_aliases.csv (' || ${csvField('trim(country)')} || ',' || country_near || ')'
        else ', or, if the name names a country, add it to data/reference/country_aliases.csv' end
    when 'no_mapping' then 'add a row to data/reference/unodc_mapping.csv: with a catalogue code, or with no code and a note saying why'
    when 'no_dataset' then ${hasSource ? `'the catalogue takes GLOTIP, IAFQ and CTS downloads: check that it is the dataset you meant'`
      : `'keep the Source column of the download as published, or name the file after its dataset (data_iafq_….csv)'`}
    when 'citizenship' then case when category_near is not null
      then import_quote(category) || ' is near a name of ' || category_near || ': if it names ' || category_near || ', add it to data/reference/country_aliases.csv (' || ${csvField('trim(category)')} || ',' || category_near || ')'
      else 'if it names a country, add the name to data/reference/country_aliases.csv' end
    when 'not_guessed' then import_not_guessed_hint()
    when 'citizenship_not_guessed' then 'for Kosovo write XKX (or the name Kosovo) in the download, for an unknown citizenship Unknown (read as _U), and import it again'
    when 'sex' then 'add the label to data/reference/unodc_labels.csv'
    when 'age' then 'add the label to data/reference/unodc_labels.csv'
    when 'not_integer' then 'counts have no decimals: check the download was not edited'
    when 'split' then 'quote the figure ("' || v || ',' || trim(source) || '") or write it without a separator (' || v || trim(source) || '), or download the file again as published'
    when 'ambiguous' then 'write the count without separators (' || replace(v, '.', '') || '), or download the file again as published'
  end as hint,
  area_code as ref_area, year_number as time_period, code as indicator, sex_code as sex, age_code as age,
  counterpart_code as counterpart_area, m_breakdown as breakdown,
  case when is_suppressed then null else number end as obs_value,
  case when is_suppressed then 'Q' else 'A' end as obs_status,
  nullif(note, '') as comment,
  -- what UNODC published in place of a suppressed figure ("<5"), kept as written: compare holds a return against it
  case when problem = 'ok' and is_suppressed then v end as published_text
from judged`,
    { dataset: staged.dataset },
  );
}

/** Returns SQL giving the text of `expression` as a CSV field: quoted when it holds a comma or a quote. */
const csvField = (expression: string): string =>
  `case when regexp_matches(${expression}, '[,"]') then '"' || replace(${expression}, '"', '""') || '"' else ${expression} end`;

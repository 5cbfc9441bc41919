import type { EurostatFlag } from '../../schema/import-mapping.js';
import type { CountryResolver } from '../../schema/resolve-country.js';
import type { Store } from '../../store/index.js';
import { loadCountryTable } from './load-country-table.js';
import { loadTerritoryTable, territoryMessageSql, territoryReasonSql } from './load-territory-table.js';
import type { StagedFile } from './types.js';

/**
 * Returns after building `import_result` from a staged Eurostat table (`import_raw`, one row per cell).
 *
 * A cell is a number or `:` (no value), optionally followed by flag letters (`123 p`, `: c`, `45 bp`). Flags map to
 * OBS_STATUS through `eurostat_flags.csv` (earlier rows win: c withholds over all, then z, b, e/s/f, p; `45 bep` is B);
 * every flag present is kept in COMMENT. `:` is skipped as missing unless a flag gives a status without a value (`: c`
 * → Q withheld, `: z` → M not applicable); a figure beside z is not applicable with its figure said in COMMENT when it
 * is 0 (`0 z`), and unreadable otherwise (`7 z`: a count or not applicable, not guessed). Only unit
 * NR is imported (per-100,000 rates are skipped as rates, other units as units); `geo` is alpha-2 with EL, UK and XK
 * resolved, and geos that are no country are skipped: as aggregates (EU27_2020, EA19), or as sub-national units (NUTS regions: UKC, RO11) or former countries (YU). A count with decimals
 * (`1234.5` for an NR indicator) is listed as unreadable, not loaded, as a return's would be refused, and so is a year after
 * the year of the import (see loadMappingTables' `import_year_ok`).
 *
 * crim_just_sex (a key with leg_stat and sex) counts persons: the ICCS code's indicator gives the family (`TIP_OFF` →
 * TIP) and the legal status the stage (`PER_SUSP` → `TIP_SUS`, `PER_PRSC` → `_PRS`, `PER_CNV` → `_CNV`), sex `T`, `M`,
 * `F`, `UNK` is `_T`, `M`, `F`, `_U`. A stage the catalogue lacks for the offence (`ML_SUS`), another legal status
 * (`PER_VICT`) or a sex for an indicator without SEX (`DRG_SUS`) is listed as unmapped. crim_just_ctz's citizenship
 * `TOTAL`, `NAT` (the reporting state's own) and `UNK` is COUNTERPART_AREA `_T`, the state, `_U`; a group of countries
 * (`EU27_2020_FOR`, `NEU27_2020_FOR`, `FOR`, `STLS`) or a citizenship for an indicator without COUNTERPART_AREA is unmapped.
 */
export async function mapEurostat(store: Store, staged: StagedFile, resolver: CountryResolver, flags: readonly EurostatFlag[]): Promise<void> {
  await loadCountryTable(store, resolver, { table: 'import_area', source: 'import_raw', column: 'geo', kind: 'code' });
  await loadTerritoryTable(store, resolver, { table: 'import_territory', source: 'import_raw', column: 'geo', nuts: true });
  await store.run(
    `create or replace temp table import_cell as
     select *, trim(coalesce(cell, '')) as t,
       regexp_full_match(trim(coalesce(cell, '')), '(:|[0-9]+(\\.[0-9]+)?)(\\s*[a-z]+)?') as is_cell_ok,
       regexp_extract(trim(coalesce(cell, '')), '^(:|[0-9]+(\\.[0-9]+)?)', 1) as number_text,
       regexp_extract(trim(coalesce(cell, '')), '([a-z]+)$', 1) as flags
     from import_raw`,
  );
  await loadFlagTable(store, flags);
  // the flags Eurostat writes, as the file lists them (b, c, d, …), for the message on a letter outside them
  const known = flags.map((f) => f.flag).sort().join(', ').replaceAll("'", "''");
  const keyColumn = `'${(staged.columns.key ?? 'key').replaceAll("'", "''")}'`;
  // the cell's column: the year's in the TSV (one column per year), OBS_VALUE in SDMX-CSV
  const cellColumn = staged.columns.value === undefined ? 'year::varchar' : `'${staged.columns.value.replaceAll("'", "''")}'`;
  // the year's column: its own in the TSV, TIME_PERIOD in SDMX-CSV
  const yearColumn = staged.columns.year === undefined ? 'year::varchar' : `'${staged.columns.year.replaceAll("'", "''")}'`;
  await store.run(
    `create or replace temp table import_result as
with persons as (
  -- crim_just_sex: the offence's indicator (eurostat_mapping.csv) gives its family, the legal status the stage
  select c.*, m.map_line, m.code as offence_code, m.breakdown as m_breakdown, m.note,
    case upper(c.leg_stat) when 'PER_SUSP' then 'SUS' when 'PER_PRSC' then 'PRS' when 'PER_CNV' then 'CNV' end as stage,
    case upper(c.sex) when 'T' then '_T' when 'M' then 'M' when 'F' then 'F' when 'UNK' then '_U' end as sex_code,
    -- crim_just_ctz: citizenship is one country only as the reporting state's own (NAT); EU27_2020_FOR, NEU27_2020_FOR,
    -- FOR and STLS are groups of countries, which COUNTERPART_AREA does not take
    upper(c.citizen) in ('TOTAL', 'NAT', 'UNK') as is_citizen_ok
  from import_cell as c
  left join import_eurostat_map as m on m.iccs = upper(c.iccs)
),
joined as (
  select c.*, area.iso3 as area_code, area.kind as area_kind, territory.kind as territory_kind, territory.what as territory_what,
    case when c.leg_stat is null or coalesce(c.offence_code, '') = '' then c.offence_code
      when c.stage is not null then split_part(c.offence_code, '_', 1) || '_' || c.stage end as code,
    i.code is not null as is_indicator, coalesce(i.has_sex, false) as has_sex, coalesce(i.has_counterpart, false) as has_counterpart,
    case upper(c.citizen) when 'TOTAL' then '_T' when 'UNK' then '_U' when 'NAT' then area.iso3 end as counterpart_code,
    f.obs_status as flag_status, f.status_flag, f.status_label, f.comment as flag_comment, f.unknown as unknown_flags,
    -- a status saying there is no value: Q withheld (c), M not applicable (z), as the OBS_STATUS list's L and O would
    coalesce(f.obs_status in ('Q', 'M', 'L', 'O'), false) as is_no_value, coalesce(i.is_count, false) as is_count
  from persons as c
  left join import_area as area on area.text = c.geo
  left join import_territory as territory on territory.text = c.geo
  left join import_flag as f on f.flags = c.flags
  left join import_indicator as i on i.code = case when c.leg_stat is null or coalesce(c.offence_code, '') = '' then c.offence_code
      when c.stage is not null then split_part(c.offence_code, '_', 1) || '_' || c.stage end
),
judged as (
  select *,
    case
      when not is_key_ok then 'key'
      when freq is not null and upper(freq) <> 'A' then 'frequency'
      when not import_year_ok(year) then 'year'
      when upper(unit) like 'P\\_%HAB%' escape '\\' then 'rate'
      when upper(unit) <> 'NR' then 'unit'
      -- UNK is Kosovo's code in some lists and short for unknown: Eurostat writes XK for Kosovo, so it is neither
      when area_kind = 'not_guessed' then 'not_guessed'
      when area_code is null and territory_kind is not null then 'territory'
      when area_code is null then 'aggregate'
      when map_line is null then 'no_mapping'
      when code = '' then 'not_imported'
      when leg_stat is not null and stage is null then 'legal_status'
      when leg_stat is not null and not is_indicator then 'no_indicator'
      when sex is not null and sex_code is null then 'sex'
      when sex is not null and sex_code <> '_T' and not has_sex then 'no_sex'
      when citizen is not null and not is_citizen_ok then 'citizen'
      when citizen is not null and counterpart_code <> '_T' and not has_counterpart then 'no_citizen'
      when t = '' or not is_cell_ok then 'value'
      when unknown_flags <> '' then 'flag'
      -- "7 z": a figure said not to apply is neither a count nor "not applicable"; "0 z" is not applicable (M, no value)
      when is_no_value and flag_status <> 'Q' and number_text <> ':' and try_cast(number_text as double) <> 0 then 'figure_not_applicable'
      when number_text = ':' and not is_no_value then 'missing'
      -- "2.000" (the TSV saved from a spreadsheet) is 2000 with a thousands separator as much as 2: never guessed
      when is_count and not is_no_value and import_point_grouped(number_text) then 'ambiguous'
      when is_count and number_text <> ':' and not is_no_value and try_cast(number_text as double) <> floor(try_cast(number_text as double)) then 'not_integer'
      else 'ok'
    end as problem
  from joined
)
select sheet, line,
  case when problem = 'ok' then 'loaded' when problem in ('frequency', 'rate', 'unit', 'aggregate', 'territory', 'missing') then 'skipped'
    when problem in ('key', 'year', 'value', 'flag', 'figure_not_applicable', 'not_integer', 'ambiguous') then 'unreadable' else 'unmapped' end as status,
  case problem when 'ok' then null when 'frequency' then 'IMPORT_SKIPPED_FREQUENCY' when 'rate' then 'IMPORT_SKIPPED_RATE'
    when 'unit' then 'IMPORT_SKIPPED_UNIT' when 'aggregate' then 'IMPORT_SKIPPED_AGGREGATE' when 'territory' then 'IMPORT_SKIPPED_TERRITORY' when 'missing' then 'IMPORT_SKIPPED_MISSING'
    when 'key' then 'IMPORT_UNREADABLE' when 'year' then 'IMPORT_UNREADABLE' when 'value' then 'IMPORT_UNREADABLE' when 'flag' then 'IMPORT_UNREADABLE'
    when 'not_integer' then 'IMPORT_UNREADABLE' when 'ambiguous' then 'IMPORT_UNREADABLE' when 'figure_not_applicable' then 'IMPORT_UNREADABLE'
    else 'IMPORT_UNMAPPED' end as issue_code,
  case problem when 'ok' then null
    when 'key' then 'key does not have one value per dimension'
    when 'frequency' then 'frequency ' || freq || ' is not annual'
    when 'year' then import_year_reason(year)
    when 'rate' then 'rates are not imported (recomputed from counts and population)'
    when 'unit' then 'unit ' || unit || ' is not imported (only NR)'
    when 'aggregate' then 'not a country (aggregate, region or unknown code)'
    when 'territory' then ${territoryReasonSql('territory_kind')}
    when 'not_guessed' then import_not_guessed_reason()
    when 'no_mapping' then 'no mapping for ' || iccs
    when 'not_imported' then iccs || ': ' || note
    when 'legal_status' then 'legal status ' || leg_stat || ' is not imported'
    when 'no_indicator' then 'no catalogue indicator ' || code
    when 'sex' then 'sex ' || sex || ' is not a sex code'
    when 'no_sex' then code || ' has no breakdown by sex'
    when 'citizen' then 'citizenship ' || citizen || ' is a group of countries'
    when 'no_citizen' then code || ' has no breakdown by citizenship'
    when 'value' then 'cell is not a number or :'
    when 'flag' then 'unknown flag'
    when 'figure_not_applicable' then 'a figure flagged not applicable'
    when 'missing' then 'no value (:)'
    when 'not_integer' then 'a count with decimals'
    when 'ambiguous' then 'a count with a thousands separator or decimals'
  end as reason,
  case problem when 'ok' then null when 'key' then ${keyColumn} when 'frequency' then 'freq' when 'year' then ${yearColumn} when 'rate' then 'unit' when 'unit' then 'unit'
    when 'aggregate' then 'geo' when 'territory' then 'geo' when 'not_guessed' then 'geo' when 'no_mapping' then 'iccs' when 'not_imported' then 'iccs'
    when 'legal_status' then 'leg_stat' when 'no_indicator' then 'leg_stat' when 'sex' then 'sex' when 'no_sex' then 'sex'
    when 'citizen' then 'citizen' when 'no_citizen' then 'citizen' else ${cellColumn} end as column_name,
  case problem when 'ok' then null when 'key' then key when 'frequency' then freq when 'year' then period when 'rate' then unit when 'unit' then unit
    when 'aggregate' then geo when 'territory' then geo when 'not_guessed' then geo when 'no_mapping' then iccs when 'not_imported' then iccs
    when 'legal_status' then leg_stat when 'no_indicator' then leg_stat when 'sex' then sex when 'no_sex' then sex
    when 'citizen' then citizen when 'no_citizen' then citizen else cell end as value,
  case problem when 'ok' then null
    when 'key' then 'expected ' || ${keyColumn} || ' values separated by commas, found ' || import_quote(key)
    when 'frequency' then 'expected annual data (freq A), found ' || import_quote(freq) || ': not imported'
    when 'year' then import_year_message(period)
    when 'rate' then 'expected unit NR, found ' || import_quote(unit) || ': rates are not imported (they are recomputed from counts and population)'
    when 'unit' then 'expected unit NR, found ' || import_quote(unit) || ': not imported'
    when 'aggregate' then 'expected a country code, found ' || import_quote(geo) || ' (an aggregate, a region or a code the country list does not hold): not imported'
    when 'territory' then ${territoryMessageSql('geo', 'territory_kind', 'territory_what')}
    when 'not_guessed' then 'expected a country code, found ' || import_not_guessed(geo) || ': not imported'
    when 'no_mapping' then 'no row of eurostat_mapping.csv maps ' || import_quote(iccs) || ': not imported'
    when 'not_imported' then 'not imported: ' || note || ' (eurostat_mapping.csv line ' || map_line || ')'
    when 'legal_status' then 'expected the legal status PER_SUSP, PER_PRSC or PER_CNV (persons suspected, prosecuted, convicted), found ' || import_quote(leg_stat) || ': not imported'
    when 'no_indicator' then 'expected a catalogue indicator for ' || iccs || ' (' || offence_code || ') and ' || leg_stat || ', found none: ' || code || ' is not in the catalogue; not imported'
    when 'sex' then 'expected sex T, M, F or UNK, found ' || import_quote(sex) || ': not imported'
    when 'no_sex' then 'expected sex T for ' || code || ', which has no breakdown by sex, found ' || import_quote(sex) || ': only its total is imported'
    when 'citizen' then 'expected the citizenship TOTAL, NAT (the reporting state) or UNK, found ' || import_quote(citizen) || ', a group of countries: COUNTERPART_AREA takes one country; not imported'
    when 'no_citizen' then 'expected citizenship TOTAL for ' || code || ', which has no breakdown by citizenship, found ' || import_quote(citizen) || ': only its total is imported'
    when 'value' then 'expected a number or ":" optionally followed by flags, found ' || import_quote(cell)
    when 'flag' then 'expected Eurostat flags (${known}), found ' || import_quote(unknown_flags) || ' in ' || import_quote(cell)
    when 'figure_not_applicable' then 'expected no figure beside the flag ' || status_flag || ' (' || status_label || '), as ": ' || status_flag || '" writes it, found '
      || import_quote(cell) || ': a figure said not to apply is neither a count nor "not applicable"; not imported'
    when 'missing' then 'expected a value, found ' || import_quote(cell) || ' (not available): not imported'
    when 'not_integer' then 'expected a whole number for ' || code || ' (a count, unit NR), found ' || import_quote(cell) || ': not imported'
    when 'ambiguous' then 'expected a whole number for ' || code || ' (a count, unit NR), found ' || import_quote(cell) || ': ' || import_point_grouped_readings(number_text)
  end as message,
  case problem
    when 'year' then import_year_hint(year)
    when 'no_mapping' then 'add a row to data/reference/eurostat_mapping.csv: with a catalogue code, or with no code and a note saying why'
    when 'flag' then 'Eurostat writes no other flag: the file was edited, or Eurostat added the flag to its list since (then add it to data/reference/eurostat_flags.csv)'
    when 'figure_not_applicable' then 'Eurostat writes a value that does not apply as ": ' || status_flag || '": check the figure in Eurostat''s data browser, and download the table again'
    -- a flag in capitals (12 C): Eurostat writes them in lower case, so the file was edited (C is confidential)
    when 'value' then case when regexp_full_match(trim(cell), '[0-9.]*\\s*[A-Z]+') then 'Eurostat writes its flags in lower case (12 c, : c): the file was edited; download the table again' end
    when 'not_guessed' then import_not_guessed_hint()
    when 'no_indicator' then 'data/reference/indicators.csv lists the catalogue''s indicators: it counts no such persons for this offence'
    when 'not_integer' then 'counts have no decimals: check the download was not edited'
    when 'ambiguous' then 'download the table again from Eurostat, which writes counts without separators'
  end as hint,
  area_code as ref_area, year as time_period, code as indicator, coalesce(sex_code, '_T') as sex, '_T' as age, coalesce(counterpart_code, '_T') as counterpart_area, m_breakdown as breakdown,
  case when number_text = ':' or is_no_value then null else try_cast(number_text as double) end as obs_value,
  coalesce(flag_status, 'A') as obs_status,
  -- "0 z": the 0 is said, not loaded as a count of 0
  flag_comment || case when is_no_value and flag_status <> 'Q' and number_text <> ':' then '; the download gives ' || number_text || ' beside it, not loaded as a value' else '' end as comment
from judged`,
  );
  await store.run('drop table if exists import_cell');
  await store.run('drop table if exists import_territory');
}

/**
 * Loads `import_flag (flags, obs_status, status_flag, status_label, comment, unknown)` for every distinct flag string
 * among the cells: the status is the first of its flags in `eurostat_flags.csv` (c, z, b, e/s/f, p: `45 bep` is B),
 * status_flag the flag that gave it, and COMMENT names every flag (d, u, n, r change no status).
 */
async function loadFlagTable(store: Store, flags: readonly EurostatFlag[]): Promise<void> {
  const distinct = await store.all<{ flags: string }>(`select distinct flags from import_cell`);
  const rows = distinct.map(({ flags: letters }) => {
    const present = flags.filter((f) => letters.includes(f.flag));
    const unknown = [...new Set(letters)].filter((letter) => !flags.some((f) => f.flag === letter)).join('');
    const comment = present.length === 0 ? null : `Eurostat flag${present.length > 1 ? 's' : ''}: ${present.map((f) => `${f.flag} (${f.label.replace(/ \(.*\)$/, '')})`).join(', ')}`;
    const status = present[0];
    return [letters, status?.obs_status ?? 'A', status?.flag ?? null, status?.label.replace(/ \(.*\)$/, '') ?? null, comment, unknown];
  });
  await store.run(`create or replace temp table import_flag (flags varchar, obs_status varchar, status_flag varchar, status_label varchar, comment varchar, unknown varchar)`);
  await store.append('import_flag', rows);
}

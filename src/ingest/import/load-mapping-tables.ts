import type { Reference } from '../../schema/reference.js';
import type { SqlValue, Store } from '../../store/index.js';

/** Returns the reference row's line in its CSV file (readReference keeps it beside the parsed fields). */
export const referenceLine = (row: object): number | null => (row as { line?: number }).line ?? null;

/**
 * Returns after loading the lookup tables every import maps against, as temporary tables: `import_indicator`
 * (which dimensions each catalogue indicator accepts, and whether it counts: unit NR or ROUNDS, whole numbers), `import_unodc_map` and `import_unodc_label` (the UNODC
 * mapping with match keys and specificity), and `import_eurostat_map`. Match keys go through
 * the macro `import_key` (lower case, trimmed, single spaces), which the mappers apply to the source text too;
 * `import_quote` renders a source value for a message.
 *
 * Every source's year goes through the same macros: `import_year(text)` is the year a cell gives (four digits, or a
 * spreadsheet's `2015.0`; `2016.5` is none, never rounded), `import_year_ok(year)` holds from 1900 to `maxYear` (the
 * year the import is made in: a later year has no figure yet, so a row for it is a projection or a typing error), and
 * `import_year_message(text)`, `import_year_reason(year)` and `import_year_hint(year)` say why a row's year is not imported.
 * A count grouped by points (`2.000`) is found by `import_point_grouped(text)` and read both ways by
 * `import_point_grouped_readings(text)` (the end of its message).
 *
 * A country code no source uses for one country (UNK: see isNotGuessedCode) is said so by `import_not_guessed(text)`
 * (the found part of a message), `import_not_guessed_reason()` and `import_not_guessed_hint()`.
 */
export async function loadMappingTables(store: Store, reference: Reference, maxYear: number): Promise<void> {
  await store.run(`create or replace temp macro import_key(x) as lower(regexp_replace(trim(coalesce(x, '')), '\\s+', ' ', 'g'))`);
  await store.run(`create or replace temp macro import_quote(x) as case when x is null or trim(x) = '' then 'nothing' else '"' || x || '"' end`);
  await store.run(`create or replace temp macro import_not_guessed(x) as import_quote(x) || ': Kosovo''s code in some lists, or short for unknown; not guessed'`);
  await store.run(`create or replace temp macro import_not_guessed_reason() as 'UNK: Kosovo''s code in some lists, or short for unknown'`);
  await store.run(`create or replace temp macro import_not_guessed_hint() as
    'for Kosovo write XKX in the download (UNODC''s KOS and Eurostat''s XK read as Kosovo too) and import it again; a row of an unknown country has no country to load'`);
  const last = Math.trunc(maxYear);
  await store.run(`create or replace temp macro import_year(x) as
    case when regexp_full_match(trim(coalesce(x::varchar, '')), '[0-9]{4}([.]0+)?') then left(trim(x::varchar), 4)::integer end`);
  await store.run(`create or replace temp macro import_year_ok(y) as coalesce(y between 1900 and ${last}, false)`);
  await store.run(`create or replace temp macro import_year_message(x) as 'expected a year from 1900 to ${last}, found ' || import_quote(x::varchar) || ': not imported'`);
  await store.run(`create or replace temp macro import_year_hint(y) as case when y > ${last}
    then 'no figure exists yet for a year after the one the import is made in (${last}): a projection or a mistyped year is not imported' end`);
  // "2.000" is 2000 with a thousands separator as much as 2 with decimals: never guessed, as in returns
  await store.run(`create or replace temp macro import_point_grouped(t) as regexp_full_match(t, '[1-9][0-9]{0,2}(\\.[0-9]{3})+')`);
  await store.run(`create or replace temp macro import_point_grouped_readings(t) as
    replace(t, '.', '') || ' with a thousands separator, or ' || printf('%g', t::double) || ' with decimals? not guessed: not imported'`);
  await store.run(`create or replace temp macro import_year_reason(y) as case when y > ${last} then 'a year after ${last}' else 'Year is not a year' end`);
  await store.run(
    `create or replace temp table import_indicator (code varchar primary key, has_sex boolean, has_age boolean, has_counterpart boolean, has_breakdown boolean, is_count boolean)`,
  );
  await store.append(
    'import_indicator',
    reference.indicators.map((i) => [
      i.code, i.dimensions.includes('SEX'), i.dimensions.includes('AGE'), i.dimensions.includes('COUNTERPART_AREA'), i.dimensions.includes('BREAKDOWN'),
      i.unit === 'NR' || i.unit === 'ROUNDS',
    ]),
  );

  const mapColumns = ['dataset', 'indicator', 'dimension', 'category', 'sex', 'age'] as const;
  await store.run(
    `create or replace temp table import_unodc_map_text (map_line integer, ${mapColumns.join(' varchar, ')} varchar,
       code varchar, sex_code varchar, age_code varchar, breakdown varchar, counterpart varchar, note varchar)`,
  );
  await store.append(
    'import_unodc_map_text',
    reference.unodcMapping.map((m, i): SqlValue[] => [
      referenceLine(m) ?? i + 2, ...mapColumns.map((c) => m[c]), m.code, m.sex_code, m.age_code, m.breakdown, m.counterpart, m.note,
    ]),
  );
  await store.run(
    `create or replace temp table import_unodc_map as
     select map_line, ${mapColumns.map((c) => `import_key(${c}) as k_${c}`).join(', ')},
       ${mapColumns.map((c) => `(case when trim(${c}) = '*' then 0 else 1 end)`).join(' + ')} as specificity,
       code, sex_code as m_sex_code, age_code as m_age_code, breakdown as m_breakdown, counterpart as m_counterpart, note
     from import_unodc_map_text`,
  );
  await store.run('drop table import_unodc_map_text');

  await store.run(`create or replace temp table import_unodc_label_text (dim varchar, label varchar, code varchar, note varchar)`);
  await store.append('import_unodc_label_text', reference.unodcLabels.map((l) => [l.column.toLowerCase(), l.label, l.code, l.note]));
  await store.run(
    `create or replace temp table import_unodc_label as
     select dim, import_key(label) as k_label, nullif(code, '') as code, nullif(note, '') as note from import_unodc_label_text`,
  );
  await store.run('drop table import_unodc_label_text');

  await store.run(`create or replace temp table import_eurostat_map (iccs varchar, code varchar, breakdown varchar, note varchar, map_line integer)`);
  await store.append(
    'import_eurostat_map',
    reference.eurostatMapping.map((m, i) => [m.iccs.toUpperCase(), m.code, m.breakdown, m.note, referenceLine(m) ?? i + 2]),
  );
}

/**
 * Benchmark: build every mart over 10,000,000 observations and compare with the floor, a plain GROUP BY over the
 * same observation table in the same run. Target: the build within 5× the floor.
 *
 *   npx tsx test/bench/build-marts.ts [--rows 10000000] [--keep]
 *
 * The observations are generated inside DuckDB (generate_series, no JS rows): 18 states × 20 years × the whole
 * catalogue, each indicator crossed with the dimensions it accepts (SEX, AGE, BREAKDOWN codes, and COUNTERPART_AREA
 * over the region's states plus synthetic countries, sized so the total lands near --rows), one accepted return per
 * state and year plus an older UNODC import of every total (so observation_current has revisions to resolve).
 * Values are random counts; about 4 % provisional, 2 % estimated, 1 % breaks, 1 % confidential.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/context.js';
import { buildMarts } from '../../src/models/index.js';
import { DEFAULT_CONFIG } from '../../src/schema/config.js';
import type { Store } from '../../src/store/index.js';
import { loadTestReference, openTestWarehouse, tempDir } from '../helpers/warehouse.js';

const argument = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const targetRows = Number(argument('--rows') ?? 10_000_000);
const isKept = process.argv.includes('--keep');
const FIRST_YEAR = 2005;
const YEARS = 20;

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

/** Returns how many observations one state-year gets with `countries` counterpart codes. */
async function rowsPerStateYear(store: Store, countries: number): Promise<number> {
  await createDimensionTable(store, countries);
  const [row] = await store.all<{ n: number }>('select count(*) as n from bench_dimension');
  return row?.n ?? 0;
}

async function createDimensionTable(store: Store, countries: number): Promise<void> {
  await store.run(`
    create or replace temp table bench_counterpart as
      select iso3 as code from ref_state
      union all select '_U'
      union all select '_T'
      union all select chr((65 + (i // 26) % 26)::integer) || chr((65 + i % 26)::integer) || 'Z' from range(0, greatest(${countries} - 18, 0)) as t (i);
    create or replace temp table bench_dimension as
      select i.code as indicator, s.code as sex, a.code as age, c.code as counterpart_area, b.code as breakdown
      from ref_indicator as i
      inner join (select code from ref_code where codelist = 'SEX') as s
        on s.code = '_T' or list_contains(string_split(i.dimensions, ' '), 'SEX')
      inner join (select code from ref_code where codelist = 'AGE') as a
        on a.code = '_T' or list_contains(string_split(i.dimensions, ' '), 'AGE')
      inner join bench_counterpart as c
        on c.code = '_T' or list_contains(string_split(i.dimensions, ' '), 'COUNTERPART_AREA')
      inner join (select codelist, code from ref_code union all select '', '_T') as b
        on b.codelist = coalesce(i.breakdown_list, '');
  `);
}

async function generate(store: Store): Promise<number> {
  // Pick the number of counterpart countries that brings the total nearest the target.
  let countries = 20;
  const perStateYear = await rowsPerStateYear(store, countries);
  const perCountry = ((await rowsPerStateYear(store, countries + 10)) - perStateYear) / 10;
  countries = Math.max(20, Math.round(countries + (targetRows / (18 * YEARS) - perStateYear) / perCountry));
  await createDimensionTable(store, countries);
  await store.run(`
    insert into submission
      select row_number() over (order by s.iso3, y.y) as submission_id, 'RETURN', null, s.iso3, y.y,
        s.iso3 || '_' || y.y || '.csv', 'bench', 0, make_timestamp(y.y + 1, 1, 15, 0, 0, 0), 'accepted', null, 0, 0, 0, 0, 'bench'
      from ref_state as s, range(${FIRST_YEAR}, ${FIRST_YEAR + YEARS}) as y (y);
    insert into submission values (100000, 'UNODC', 'CTS', null, null, 'unodc.csv', 'bench', 0, '2020-01-01', 'accepted', null, 0, 0, 0, 0, 'bench');
    insert into observation
      select sub.submission_id, null, sub.ref_area, sub.reporting_year, d.indicator, d.sex, d.age, d.counterpart_area, d.breakdown,
        floor(random() * 400)::double,
        case when random() < 0.04 then 'P' when random() < 0.02 then 'E' when random() < 0.01 then 'B' else 'A' end,
        case when random() < 0.01 then 'C' else 'F' end,
        null, 'RETURN'
      from submission as sub, bench_dimension as d
      where sub.source = 'RETURN';
    insert into observation
      select 100000, null, ref_area, time_period, indicator, '_T', '_T', '_T', '_T', obs_value + 1, 'A', 'F', null, 'UNODC'
      from observation where sex = '_T' and age = '_T' and counterpart_area = '_T' and breakdown = '_T';
    insert into population
      select 100001, iso3, y, 1000000 + hash(iso3) % 50000000, 'WORLDBANK'
      from ref_state, range(${FIRST_YEAR}, ${FIRST_YEAR + YEARS}) as y (y);
    checkpoint;
  `);
  const [row] = await store.all<{ n: number }>('select count(*) as n from observation');
  return row?.n ?? 0;
}

const dir = tempDir('crimetrends-bench-');
const store = await openTestWarehouse(join(dir, 'warehouse.duckdb'));
try {
  const [rows, generateMs] = await time(() => generate(store));
  console.log(`generated ${rows.toLocaleString('en')} observations in ${(generateMs / 1000).toFixed(1)} s`);
  const floorSql = `select ref_area, time_period, indicator, count(*) as n, sum(obs_value) as total
    from observation group by ref_area, time_period, indicator`;
  await store.all(floorSql); // warm the buffer pool, as the build will find it
  const [, floorMs] = await time(() => store.all(floorSql));
  const reference = await loadTestReference();
  const [result, buildMs] = await time(() => buildMarts(store, { root: PROJECT_ROOT, config: DEFAULT_CONFIG, reference }));
  const [, floorAfterMs] = await time(() => store.all(floorSql));
  const floor = Math.min(floorMs, floorAfterMs);
  for (const model of [...result.models].sort((a, b) => b.ms - a.ms).slice(0, 6)) {
    console.log(`  ${model.name.padEnd(34)} ${String(model.ms).padStart(6)} ms  ${model.rows ?? ''}`);
  }
  console.log(`floor (GROUP BY ref_area, time_period, indicator): ${floor.toFixed(0)} ms`);
  console.log(`build all marts (${result.models.length} models):      ${buildMs.toFixed(0)} ms`);
  console.log(`ratio: ${(buildMs / floor).toFixed(2)}× (target ≤ 5×)`);
} finally {
  store.close();
  if (isKept) console.log(`warehouse kept at ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

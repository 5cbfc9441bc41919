/**
 * Benchmark: build every mart over 10,000,000 observations and compare with the floor, a plain GROUP BY over the
 * same observation table in the same run. Target: the build within 5× the floor.
 *
 *   npx tsx test/bench/build-marts.ts [--rows 10000000] [--dense] [--keep] [--all]
 *
 * It prints the six slowest models (`--all`: every model) of the first run.
 *
 * The observations are generated inside DuckDB (range() joins, no JS rows) over 18 states × 20 years × the whole
 * catalogue, each indicator crossed with every dimension it accepts (SEX, AGE and BREAKDOWN codes, COUNTERPART_AREA).
 * Default, as returns arrive: each state reports the region's states, _U and K other countries of its own (chosen by
 * hash) as counterparts, K sized so that the total lands near --rows; each return also revises the year before
 * (two accepted values compete for most series), one return in four replaced an earlier, superseded file, and a
 * UNODC import holds every total (outranked by the returns). `--dense`: one return per state and year, every
 * counterpart country for every indicator (a stress case: most rows are then counterpart rows, which the flow marts
 * keep). Values are random counts; about 4 % provisional, 2 % estimated, 1 % breaks, 1 % confidential.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/context.js';
import { buildMarts } from '../../src/models/index.js';
import { DEFAULT_CONFIG } from '../../src/schema/config.js';
import { rebuildCurrent, type Store } from '../../src/store/index.js';
import { loadTestReference, openTestWarehouse, tempDir } from '../helpers/warehouse.js';

const argument = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const targetRows = Number(argument('--rows') ?? 10_000_000);
const isDense = process.argv.includes('--dense');
const isKept = process.argv.includes('--keep');
const FIRST_YEAR = 2005;
const YEARS = 20;
const OTHER_COUNTRIES = 180;

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

/** Creates bench_dimension (every key an indicator accepts) and bench_partner (each state's counterparts). */
async function createKeys(store: Store, partners: number): Promise<void> {
  await store.run(`
    create or replace temp table bench_country as
      select iso3 as code, true as is_region from ref_state
      union all select '_U', true
      union all select '_T', true
      union all select chr((65 + (i // 26) % 26)::integer) || chr((65 + i % 26)::integer) || 'Z', false from range(0, ${OTHER_COUNTRIES}) as t (i);
    create or replace temp table bench_partner as
      select s.iso3 as ref_area, c.code as counterpart_area
      from ref_state as s, bench_country as c
      qualify c.is_region or row_number() over (partition by s.iso3, c.is_region order by hash(s.iso3 || c.code)) <= ${partners};
    create or replace temp table bench_dimension as
      select i.code as indicator, s.code as sex, a.code as age, c.code as counterpart_area, b.code as breakdown
      from ref_indicator as i
      inner join (select code from ref_code where codelist = 'SEX') as s
        on s.code = '_T' or list_contains(string_split(i.dimensions, ' '), 'SEX')
      inner join (select code from ref_code where codelist = 'AGE') as a
        on a.code = '_T' or list_contains(string_split(i.dimensions, ' '), 'AGE')
      inner join bench_country as c
        on c.code = '_T' or list_contains(string_split(i.dimensions, ' '), 'COUNTERPART_AREA')
      inner join (select codelist, code from ref_code union all select '', '_T') as b
        on b.codelist = coalesce(i.breakdown_list, '');
  `);
}

/** Returns the observations one state-year return holds with `partners` other countries per state. */
async function rowsPerReturn(store: Store, partners: number): Promise<number> {
  await createKeys(store, partners);
  const [row] = await store.all<{ n: number }>(
    "select count(*) / 18 as n from bench_dimension as d inner join bench_partner as p on p.counterpart_area = d.counterpart_area",
  );
  return row?.n ?? 0;
}

async function generate(store: Store): Promise<number> {
  // Returns per state-year: 1 (dense) or 1 + the revision of the year before + a quarter superseded.
  const copies = isDense ? 1 : 2.25;
  const low = await rowsPerReturn(store, 0);
  const high = await rowsPerReturn(store, OTHER_COUNTRIES);
  const wanted = targetRows / (18 * YEARS * copies);
  const partners = isDense ? OTHER_COUNTRIES : Math.max(0, Math.min(OTHER_COUNTRIES, Math.round(((wanted - low) / (high - low)) * OTHER_COUNTRIES)));
  await createKeys(store, partners);
  const value = `floor(random() * 400)::double,
        case when random() < 0.04 then 'P' when random() < 0.02 then 'E' when random() < 0.01 then 'B' else 'A' end,
        case when random() < 0.01 then 'C' else 'F' end`;
  await store.run(`
    insert into submission
      select row_number() over (order by s.iso3, y.y, v.v), 'RETURN', null, s.iso3, y.y, s.iso3 || '_' || y.y || '.csv', 'bench', 0,
        make_timestamp(y.y + 1, 1, 10 + 10 * v.v, 0, 0, 0), case when v.v = 1 then 'accepted' else 'superseded' end, null, 0, 0, 0, 0, 'bench', null, null
      from ref_state as s, range(${FIRST_YEAR}, ${FIRST_YEAR + YEARS}) as y (y), range(0, 2) as v (v)
      where v.v = 1 or (${!isDense} and hash(s.iso3 || y.y) % 4 = 0);
    insert into submission values (100000, 'UNODC', 'CTS', null, null, 'unodc.csv', 'bench', 0, '2020-01-01', 'accepted', null, 0, 0, 0, 0, 'bench', null, null);
    insert into observation (submission_id, line, ref_area, time_period, indicator, sex, age, counterpart_area, breakdown, obs_value, obs_status, conf_status, comment, source)
      select sub.submission_id, null, sub.ref_area, sub.reporting_year - r.r, d.indicator, d.sex, d.age, d.counterpart_area, d.breakdown, ${value}, null, 'RETURN'
      from submission as sub
      cross join range(0, ${isDense ? 1 : 2}) as r (r)
      inner join bench_partner as p on p.ref_area = sub.ref_area
      inner join bench_dimension as d on d.counterpart_area = p.counterpart_area
      where sub.source = 'RETURN' and sub.reporting_year - r.r >= ${FIRST_YEAR} and (r.r = 0 or sub.outcome = 'accepted');
    insert into observation (submission_id, line, ref_area, time_period, indicator, sex, age, counterpart_area, breakdown, obs_value, obs_status, conf_status, comment, source)
      select 100000, null, ref_area, time_period, indicator, '_T', '_T', '_T', '_T', floor(random() * 400)::double, 'A', 'F', null, 'UNODC'
      from (select distinct ref_area, time_period, indicator from observation);
    insert into submission values (100001, 'WORLDBANK', 'SP.POP.TOTL', null, null, 'population.csv', 'bench-pop', 0, '2020-01-01', 'accepted', null, 0, 0, 0, 0, 'bench', null, null);
    insert into population
      select 100001, iso3, y, 1000000 + hash(iso3) % 50000000, 'WORLDBANK'
      from ref_state, range(${FIRST_YEAR}, ${FIRST_YEAR + YEARS}) as y (y);
  `);
  await rebuildCurrent(store); // the rows bypassed ingest: rank the current values once
  await store.run('checkpoint');
  const [row] = await store.all<{ n: number; current: number }>(
    "select count(*) as n, (select count(*) from observation where counterpart_area <> '_T' and sex = '_T' and age = '_T' and breakdown = '_T') as current from observation",
  );
  console.log(`${isDense ? 'dense' : 'returns'}: ${partners} partner countries per state, ${row?.current.toLocaleString('en')} counterpart rows offered`);
  return row?.n ?? 0;
}

const dir = tempDir('crimetrends-bench-');
const store = await openTestWarehouse(join(dir, 'warehouse.duckdb'));
try {
  const [rows, generateMs] = await time(() => generate(store));
  console.log(`generated ${rows.toLocaleString('en')} observations in ${(generateMs / 1000).toFixed(1)} s`);
  const floorSql = `select ref_area, time_period, indicator, count(*) as n, sum(obs_value) as total
    from observation group by ref_area, time_period, indicator`;
  // What any build must pay first: reading the current values it uses through observation_current (the rows
  // flagged current, ranked once per submission as returns arrive, never at build time).
  const currentSql = `select (select sum(obs_value) from observation_current where counterpart_area = '_T')
    + (select sum(obs_value) from observation_current where sex = '_T' and age = '_T' and breakdown = '_T' and counterpart_area <> '_T') as total`;
  const reference = await loadTestReference();
  const floors: number[] = [];
  const currents: number[] = [];
  const builds: number[] = [];
  let result: Awaited<ReturnType<typeof buildMarts>> | undefined;
  // Alternate the three so that load from other processes falls on all of them; report the best of each.
  for (let run = 0; run < 3; run++) {
    floors.push((await time(() => store.all(floorSql)))[1]);
    currents.push((await time(() => store.all(currentSql)))[1]);
    const [built, ms] = await time(() => buildMarts(store, { root: PROJECT_ROOT, config: DEFAULT_CONFIG, reference }));
    builds.push(ms);
    result ??= built;
  }
  const [floor, current, build] = [floors, currents, builds].map((runs) => Math.min(...runs)) as [number, number, number];
  for (const model of [...result!.models].sort((a, b) => b.ms - a.ms).slice(0, process.argv.includes('--all') ? undefined : 6)) {
    console.log(`  ${model.name.padEnd(34)} ${String(model.ms).padStart(6)} ms  ${model.rows ?? ''}`);
  }
  const runs = (values: number[]): string => values.map((v) => v.toFixed(0)).join(', ');
  console.log(`floor (GROUP BY ref_area, time_period, indicator):  ${floor.toFixed(0)} ms  (runs ${runs(floors)})`);
  console.log(`reading the current values the marts use:          ${current.toFixed(0)} ms  (runs ${runs(currents)})`);
  console.log(`build all marts (${result!.models.length} models, one transaction):      ${build.toFixed(0)} ms  (runs ${runs(builds)})`);
  console.log(`ratio: ${(build / floor).toFixed(2)}× the floor (target ≤ 5×); ${(build / current).toFixed(2)}× the current-value read`);
} finally {
  store.close();
  if (isKept) console.log(`warehouse kept at ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

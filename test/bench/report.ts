/**
 * Benchmark: the full Annual Assessment (read the marts, build every page and figure, render every chart to SVG,
 * write the folder) for S states × Y years × the whole catalogue. Target: 20 states × 20 years under 10 s on the
 * 2-core machine. Also prints how the time grows with states (10, 20, 40) and years (10, 20).
 *
 *   npx tsx test/bench/report.ts [--only 20x20]
 *
 * Observations are generated inside DuckDB (range() joins over the reference tables): every indicator's total for
 * every state and year, each headline indicator's breakdown codes, victims by sex and age, and five counterparts for
 * every indicator that has COUNTERPART_AREA. States beyond the region's 18 are synthetic (ISO user-assigned codes
 * QMA…), members of a BENCH group, and have no map outline. The marts are built once per size (not timed against the
 * target); the report phase is timed. The review shows the last 10 years, so more years only add rows to read.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, PROJECT_ROOT } from '../../src/context.js';
import { buildMarts } from '../../src/models/index.js';
import { produceReview } from '../../src/report/produce-review.js';
import { DEFAULT_CONFIG } from '../../src/schema/config.js';
import type { Reference } from '../../src/schema/reference.js';
import { openWarehouse, rebuildCurrent, writeReference } from '../../src/store/index.js';
import { loadTestReference, tempDir } from '../helpers/warehouse.js';

const LAST_YEAR = 2025;

function benchReference(base: Reference, states: number): Reference {
  const real = base.states.slice(0, Math.min(states, base.states.length));
  const synthetic = Array.from({ length: Math.max(0, states - real.length) }, (_, i) => ({
    iso3: `Q${String.fromCharCode(77 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`,
    iso2: 'QM', numeric: '', name_en: `Bench state ${i + 1}`, names_native: [], aliases: [], groups: [] as string[],
  }));
  const members = new Set([...real, ...synthetic].map((s) => s.iso3));
  return {
    ...base,
    groups: [...base.groups, { group_code: 'BENCH', name: 'Benchmark group', description: '' }],
    states: [...base.states.map((s) => ({ ...s, groups: members.has(s.iso3) ? [...s.groups, 'BENCH'] : s.groups })), ...synthetic.map((s) => ({ ...s, groups: ['BENCH'] }))],
  };
}

async function makeWarehouse(reference: Reference, years: number): Promise<string> {
  const path = join(tempDir('crimetrends-bench-report-'), 'warehouse.duckdb');
  const store = await openWarehouse(path);
  try {
    await writeReference(store, reference);
    const first = LAST_YEAR - years + 1;
    await store.run(`
      create temp table bench_return as
        select row_number() over (order by g.iso3, y.y)::integer as submission_id, g.iso3, y.y::integer as year
        from ref_state_group as g cross join range(${first}, ${LAST_YEAR + 1}) as y (y) where g.group_code = 'BENCH';
      insert into submission select submission_id, 'RETURN', null, iso3, year, iso3 || '_' || year || '.csv', md5(iso3 || year), 1000,
        (make_date(year + 1, 1, 10) + ((hash(iso3 || year) % 21) + (case when hash(iso3 || year) % 9 = 0 then 25 else 0 end))::integer)::timestamp, 'accepted', null, 100, 100, 0, 0, 'bench', null, null
        from bench_return;
      create temp table bench_value as
        select r.submission_id, r.iso3, r.year, i.code as indicator, i.unit, i.breakdown_list, i.is_headline, i.counterpart_meaning,
          greatest(1, round((20 + hash(r.iso3 || i.code) % 400) * (1 + (r.year - ${first}) * ((hash(i.code) % 7)::integer - 3) / 60.0)))::double as value
        from bench_return as r cross join ref_indicator as i;
      insert into observation (submission_id, line, ref_area, time_period, indicator, sex, age, counterpart_area, breakdown, obs_value, obs_status, conf_status, comment, source)
        select submission_id, 2, iso3, year, indicator, '_T', '_T', '_T', '_T',
          case when indicator = 'POP' then 1000000 + hash(iso3) % 80000000 else value end, 'A', 'F', null, 'RETURN' from bench_value;
      insert into observation (submission_id, line, ref_area, time_period, indicator, sex, age, counterpart_area, breakdown, obs_value, obs_status, conf_status, comment, source)
        select v.submission_id, 3, v.iso3, v.year, v.indicator, '_T', '_T', '_T', c.code, 1 + hash(v.iso3 || v.indicator || c.code || v.year) % 100, 'A', 'F', null, 'RETURN'
        from bench_value as v inner join ref_code as c on c.codelist = v.breakdown_list and c.code <> '_T' where v.is_headline;
      insert into observation (submission_id, line, ref_area, time_period, indicator, sex, age, counterpart_area, breakdown, obs_value, obs_status, conf_status, comment, source)
        select v.submission_id, 4, v.iso3, v.year, v.indicator, s.sex, a.age, '_T', '_T', 1 + hash(v.iso3 || s.sex || a.age || v.year) % 80, 'A', 'F', null, 'RETURN'
        from bench_value as v cross join (values ('F'), ('M')) as s (sex) cross join (values ('Y_LT18'), ('Y_GE18')) as a (age) where v.indicator = 'TIP_VIC';
      insert into observation (submission_id, line, ref_area, time_period, indicator, sex, age, counterpart_area, breakdown, obs_value, obs_status, conf_status, comment, source)
        select v.submission_id, 5, v.iso3, v.year, v.indicator, '_T', '_T', p.code, '_T', 5 + hash(v.iso3 || p.code || v.indicator || v.year) % 90, 'A', 'F', null, 'RETURN'
        from bench_value as v cross join ((select iso3 as code from ref_state_group where group_code = 'BENCH' order by hash(iso3) limit 4)
          union all (select '_U')) as p where v.counterpart_meaning is not null;
    `);
    const config = { ...DEFAULT_CONFIG, group: 'BENCH' };
    await rebuildCurrent(store); // the rows bypassed ingest: rank the current values once
    await buildMarts(store, { root: PROJECT_ROOT, config, reference });
    const [{ n = 0 } = {}] = await store.all<{ n: number }>('select count(*)::integer as n from observation');
    process.stderr.write(`  warehouse: ${n.toLocaleString('en-GB')} observations\n`);
  } finally {
    store.close();
  }
  return path;
}

/**
 * Returns a reference folder holding `reference` as `report` reads it (from files): data/reference with the BENCH
 * group, its members marked (the groups column is the last of states.csv, never quoted) and the synthetic states.
 */
function writeBenchReference(reference: Reference): string {
  const dir = join(tempDir('crimetrends-bench-ref-'), 'reference');
  cpSync(join(PROJECT_ROOT, 'data/reference'), dir, { recursive: true });
  writeFileSync(join(dir, 'groups.csv'), `${readFileSync(join(dir, 'groups.csv'), 'utf8').trimEnd()}\nBENCH,Benchmark group,\n`);
  const members = new Set(reference.states.filter((s) => s.groups.includes('BENCH')).map((s) => s.iso3));
  const lines = readFileSync(join(dir, 'states.csv'), 'utf8').trimEnd().split('\n');
  const known = new Set(lines.map((line) => line.slice(0, 3)));
  const marked = lines.map((line) => (members.has(line.slice(0, 3)) ? `${line} BENCH` : line));
  const added = reference.states.filter((s) => !known.has(s.iso3)).map((s) => `${s.iso3},${s.iso2},${s.numeric},${s.name_en},,,BENCH`);
  writeFileSync(join(dir, 'states.csv'), `${[...marked, ...added].join('\n')}\n`);
  return dir;
}

async function measure(base: Reference, states: number, years: number): Promise<number> {
  const reference = benchReference(base, states);
  const referenceDir = writeBenchReference(reference);
  const warehouse = await makeWarehouse(reference, years);
  const outDir = join(tempDir('crimetrends-bench-out-'), 'reports', String(LAST_YEAR));
  const ctx = createContext({ toolVersion: 'bench', logger: { info: () => undefined, warn: () => undefined, debug: (m) => process.stderr.write(`    ${m}\n`) } });
  const started = performance.now();
  const produced = await produceReview(ctx, {
    warehouse, referenceDir, config: { ...DEFAULT_CONFIG, group: 'BENCH' },
    year: LAST_YEAR, group: 'BENCH', outDir, isPdf: false,
  });
  const ms = performance.now() - started;
  process.stderr.write(`  ${produced.figures} figures, ${produced.statePages} state pages, ${produced.written.length} files\n`);
  rmSync(join(warehouse, '..'), { recursive: true, force: true });
  rmSync(join(outDir, '..', '..'), { recursive: true, force: true });
  rmSync(join(referenceDir, '..'), { recursive: true, force: true });
  return ms;
}

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const sizes: [number, number][] = [[20, 20], [10, 10], [20, 10], [40, 10], [10, 20], [40, 20]];
const base = await loadTestReference();
const results: string[] = [];
for (const [states, years] of sizes.filter(([s, y]) => !only || only === `${s}x${y}`)) {
  process.stderr.write(`${states} states × ${years} years\n`);
  const ms = await measure(base, states, years);
  const line = `${String(states).padStart(3)} states × ${String(years).padStart(2)} years: ${(ms / 1000).toFixed(2)} s${states === 20 && years === 20 ? `  (target < 10 s: ${ms < 10_000 ? 'met' : 'NOT met'})` : ''}`;
  results.push(line);
  process.stderr.write(`  ${line}\n`);
}
process.stdout.write(`report benchmark (full review: load marts, build pages, render every chart to SVG, write)\n${results.join('\n')}\n`);

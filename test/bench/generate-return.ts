/**
 * Seeded generator of a large annual return in our format and with our catalogue, for the validate and ingest
 * benchmarks; modelled on ../shared/peers/pandas-return-check/gen.py so that the pandas peer, run with
 * `PEER_INDICATORS=codes.txt`, sees the same rows as bad.
 *
 *     npx tsx test/bench/generate-return.ts OUT.csv [ROWS] [--seed N] [--codes codes.txt]
 *
 * Like the peer: the 13 BSEC areas × 20 years (2006–2025) × every indicator × combinations of SEX / AGE /
 * COUNTERPART_AREA / BREAKDOWN, a total for most series; ~0.1 % corrupted rows (unknown indicator, negative value,
 * non-integer or non-numeric value, in turn); 25 duplicate-key rows, half with a different value; ~0.5 % comments,
 * some with quotes and commas; OBS_STATUS A / P / E; CONF_STATUS F, with C and N a few percent. Unlike the peer, every
 * valid row is valid for crimetrends too: dimensions only where the indicator has them, breakdown codes from its list,
 * integer values even in KG (the peer rejects decimals), parts that add up to their totals and criminal-justice stages
 * that shrink. So `validate` errors are exactly the planted corruptions plus the duplicates with a different value, and
 * its warnings are the duplicates of equal value, one REF_AREA_MIXED (13 states in one file), and sums or stages that a
 * corrupted row upsets. More rows than the 20 years and the first 24 counterpart countries hold (about 1.1 M at 97 %
 * density) bring in further countries, then earlier years (10 M rows still fit in 2006–2025). Rows stream to disk,
 * and only one series' cube is held in memory.
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../src/context.js';
import { readReference } from '../../src/io/read-reference.js';
import { createRng, quoteCsv, RETURN_COLUMNS, type Rng } from '../../src/sample/index.js';
import type { Indicator, Reference } from '../../src/schema/reference.js';
import { createCountryResolver } from '../../src/schema/resolve-country.js';
import { openStore } from '../../src/store/index.js';

/** Options of {@link generateReturn}. */
export interface GenerateReturnOptions {
  /** Lines after the header (default 1,000,000). */
  rows?: number;
  /** Default 20240601, the peer's. */
  seed?: number;
  /** Plant no corrupted rows and no duplicates: a return that ingest accepts (for the ingest benchmark). */
  isClean?: boolean;
}

/** What {@link generateReturn} wrote: the planted problems, for asserting what a checker must find. */
export interface GenerateReturnResult {
  path: string;
  rows: number;
  /** Corrupted rows, by kind (each an error for both crimetrends and the peer). */
  bad: { unknownIndicator: number; negative: number; notInteger: number; notNumeric: number };
  /** Rows repeating an earlier row's series key: with a different value (an error) or the same (a warning). */
  duplicates: { differentValue: number; sameValue: number };
  comments: number;
  years: { first: number; last: number };
  /** Countries in COUNTERPART_AREA besides `_T` and `_U`. */
  counterparts: number;
  bytes: number;
}

const PEER_COUNTERPARTS = 'DEU ITA FRA ESP GBR ISR ARE UZB KAZ CYP POL'.split(' ');
const BAD_INDICATORS = ['TIP_VICT', 'FA_SIEZED', 'CYB_OF', 'XX_UNK', 'COR'];
const NOT_NUMERIC = ['x', 'n.a.', '..', '12a'];
const COMMENTS = ['Provisional data', 'Includes attempts', 'Source: Ministry of Interior, revised 2024', 'Break in series', 'Police data; "registered" offences', 'Includes attempts, completed and aborted']
  .map(quoteCsv);
/** Codes the peer hard-codes, so valid rows stay inside them: SEX _T F M _U; AGE _T Y_LT18 Y_GE18. */
const SEXES = ['_T', 'F', 'M', '_U'];
const AGES = ['_T', 'Y_LT18', 'Y_GE18'];
const STAGE_SCALE: Record<string, number> = { OFFENCES: 1, SUSPECTED: 0.8, PROSECUTED: 0.55, CONVICTED: 0.4 };
const DENSITY = 0.97;
const DUPLICATES = 25;
const FLUSH_AT = 1 << 20;

interface Series {
  code: string;
  area: string;
  stage: string;
  isKg: boolean;
  /** Codes per dimension, `_T` first; a dimension the indicator lacks has only `_T`. */
  dims: [string[], string[], string[], string[]];
  breakdownList: string;
  cells: number;
  /** Cells without any `_T`, at most, among the indicators of the same area: totals scale with it, so that the
   * stages of an area share one level whatever their dimensions. */
  areaLeaves: number;
}

/**
 * Returns what it planted after writing a seeded return of `options.rows` lines to `path` (same seed and rows: the
 * same bytes). Memory stays flat whatever the size: rows are written in 1 MiB chunks.
 *
 * @example const result = await generateReturn('/tmp/returns_1m.csv', await loadBenchReference());
 */
export async function generateReturn(path: string, reference: Reference, options: GenerateReturnOptions = {}): Promise<GenerateReturnResult> {
  const rows = options.rows ?? 1_000_000;
  const rng = createRng(options.seed ?? 20240601);
  const areas = reference.states.filter((s) => s.groups.includes('BSEC')).map((s) => s.iso3).sort();
  const duplicateCount = options.isClean ? 0 : Math.min(DUPLICATES, Math.floor(rows / 40));
  const unique = rows - duplicateCount;
  const plan = planKeySpace(reference, areas, unique);
  const { series, years } = plan;
  const groups = areas.length * years.length * series.length;
  const totalsWanted = Math.min(Math.round(0.92 * groups), Math.floor(unique / 2));
  const cellsNonTotal = series.reduce((sum, s) => sum + s.cells - 1, 0) * areas.length * years.length;
  const badCount = options.isClean ? 0 : Math.round(rows * 0.001);

  // planted duplicates: source ordinal → ordinal after which the copy is written
  const duplicateAfter = new Map<number, number>();
  while (duplicateAfter.size < duplicateCount) {
    const source = rng.int(0, unique - 1);
    if (!duplicateAfter.has(source)) duplicateAfter.set(source, rng.int(source, unique - 1));
  }
  const pending = new Map<number, string[]>();
  const result: GenerateReturnResult = {
    path, rows, bad: { unknownIndicator: 0, negative: 0, notInteger: 0, notNumeric: 0 }, duplicates: { differentValue: 0, sameValue: 0 },
    comments: 0, years: { first: years[0]!, last: years[years.length - 1]! }, counterparts: plan.counterparts, bytes: 0,
  };

  const fd = openSync(path, 'w');
  let buffer = `${RETURN_COLUMNS.join(',')}\n`;
  const flush = (): void => {
    const bytes = Buffer.from(buffer, 'utf8');
    writeSync(fd, bytes);
    result.bytes += bytes.length;
    buffer = '';
  };
  try {
    let ordinal = 0;
    let totalsLeft = totalsWanted;
    let groupsLeft = groups;
    let cellsLeft = unique - totalsWanted;
    let poolLeft = cellsNonTotal;
    let badLeft = badCount;
    let eligibleLeft = unique - duplicateCount;
    let badKind = 0;
    const cube = new Float64Array(Math.max(...series.map((s) => s.cells)));
    const picked: number[] = [];
    const keyCache = new Map<Series, string[]>();
    const badKeys = new Set<string>();
    // a clean return is also a plausible one: each state keeps its level (growing 3 % a year) and its breakdown
    // shares from year to year, so that validate's year-on-year check has no reason to warn
    const steadyLevel = new Map<string, number>();
    const steadyWeights = new Map<string, Map<string, number[]>>();
    for (const area of areas) {
      for (const year of years) {
        const level = options.isClean
          ? (steadyLevel.get(area) ?? steadyLevel.set(area, Math.max(1, rng.lognormal(2.2, 0.8))).get(area)!) * 1.03 ** (year - years[0]!)
          : Math.max(1, rng.lognormal(2.2, 0.8));
        const weights = options.isClean ? (steadyWeights.get(area) ?? steadyWeights.set(area, new Map()).get(area)!) : new Map<string, number[]>();
        for (const s of series) {
          picked.length = 0;
          if (rng.next() * groupsLeft-- < totalsLeft) {
            picked.push(0);
            totalsLeft--;
          }
          for (let cell = 1; cell < s.cells; cell++) {
            if (rng.next() * poolLeft-- < cellsLeft) {
              picked.push(cell);
              cellsLeft--;
            }
          }
          if (picked.length === 0) continue;
          const keys = keyCache.get(s) ?? [];
          keyCache.set(s, keys);
          fillCube(cube, s, area, level, weights, rng);
          for (const cell of picked) {
            const key = (keys[cell] ??= cellKey(s, cell));
            let value = String(cube[cell]);
            let indicator = s.code;
            const isDuplicateSource = duplicateAfter.has(ordinal);
            if (!isDuplicateSource && rng.next() * eligibleLeft < badLeft) {
              badLeft--;
              const kind = badKind++ % 3;
              // an unknown code must not make two corrupted rows share a series key (the peer would count a 26th duplicate)
              const start = rng.int(0, BAD_INDICATORS.length - 1);
              const code = BAD_INDICATORS.map((_, k) => BAD_INDICATORS[(start + k) % BAD_INDICATORS.length]!).find((c) => !badKeys.has(`${area},${year},${c},${key}`));
              if (kind === 0 && code !== undefined) {
                indicator = code;
                badKeys.add(`${area},${year},${code},${key}`);
                result.bad.unknownIndicator++;
              } else if (kind <= 1) {
                value = String(-rng.int(1, 500));
                result.bad.negative++;
              } else if (!s.isKg && rng.next() < 0.85) {
                value = `${rng.int(0, 999)}.${rng.int(1, 9)}`; // a decimal is valid in KG, so KG gets a non-number
                result.bad.notInteger++;
              } else {
                value = rng.pick(NOT_NUMERIC);
                result.bad.notNumeric++;
              }
            }
            if (!isDuplicateSource) eligibleLeft--;
            const status = statusCode(rng);
            const conf = confCode(rng);
            const comment = rng.next() < 0.005 ? rng.pick(COMMENTS) : '';
            if (comment !== '') result.comments++;
            const prefix = `${area},${year},${indicator},${key},`;
            const suffix = `,${status},${conf},${comment}\n`;
            buffer += prefix + value + suffix;
            if (isDuplicateSource) {
              let copy = value;
              if (rng.next() < 0.5) {
                copy = String(rng.int(0, 999));
                if (copy === value) copy = String(Number(copy) + 1);
                result.duplicates.differentValue++;
              } else {
                result.duplicates.sameValue++;
              }
              if (comment !== '') result.comments++;
              const after = duplicateAfter.get(ordinal)!;
              pending.set(after, [...(pending.get(after) ?? []), prefix + copy + suffix]);
            }
            const due = pending.get(ordinal);
            if (due) {
              buffer += due.join('');
              pending.delete(ordinal);
            }
            ordinal++;
            if (buffer.length >= FLUSH_AT) flush();
          }
        }
      }
    }
    if (ordinal !== unique || pending.size > 0) throw new Error(`generator bug: wrote ${ordinal} of ${unique} unique rows`);
    flush();
  } finally {
    closeSync(fd);
  }
  return result;
}

/** Writes the catalogue's indicator codes to `path`, one per line: the peer's `PEER_INDICATORS` file. */
export function writeIndicatorCodes(path: string, reference: Reference): void {
  writeFileSync(path, `${reference.indicators.map((i) => i.code).join('\n')}\n`, 'utf8');
}

/** Returns the project's reference data (`data/reference`), read through a scratch in-memory store. */
export async function loadBenchReference(): Promise<Reference> {
  const store = await openStore(':memory:');
  try {
    return await readReference(store, join(PROJECT_ROOT, 'data/reference'), PROJECT_ROOT);
  } finally {
    store.close();
  }
}

/** Returns the series (indicator × dimension codes) and years that hold `unique` rows at no more than 97 % density. */
function planKeySpace(reference: Reference, areas: readonly string[], unique: number): { series: Series[]; years: number[]; counterparts: number } {
  const countries = [...areas, ...PEER_COUNTERPARTS];
  const more = createCountryResolver(reference.states, reference.countryAliases).codes().filter((c) => !countries.includes(c));
  const lists = new Map<string, string[]>();
  for (const code of reference.codes) if (code.code !== '_T') lists.set(code.codelist, [...(lists.get(code.codelist) ?? []), code.code]);
  const build = (counterparts: readonly string[]): Series[] =>
    reference.indicators.map((i: Indicator) => {
      const has = (dim: Indicator['dimensions'][number]): boolean => i.dimensions.includes(dim);
      const dims: Series['dims'] = [
        has('SEX') ? SEXES : ['_T'],
        has('AGE') ? AGES : ['_T'],
        has('COUNTERPART_AREA') ? ['_T', ...counterparts, '_U'] : ['_T'],
        has('BREAKDOWN') ? ['_T', ...(lists.get(i.breakdown_list) ?? [])] : ['_T'],
      ];
      const cells = dims.reduce((product, codes) => product * codes.length, 1);
      return { code: i.code, area: i.area, stage: i.stage, isKg: i.unit === 'KG', dims, breakdownList: i.breakdown_list, cells, areaLeaves: 0 };
    })
    .map((s, _, all) => ({ ...s, areaLeaves: Math.max(...all.filter((o) => o.area === s.area).map(leafCount)) }));
  let series = build(countries);
  const perYear = (): number => series.reduce((sum, s) => sum + s.cells, 0) * areas.length;
  while (perYear() * 20 * DENSITY < unique && more.length > 0) {
    countries.push(...more.splice(0, 10));
    series = build(countries);
  }
  const yearCount = Math.max(20, Math.ceil(unique / (perYear() * DENSITY)));
  const years = Array.from({ length: yearCount }, (_, i) => 2025 - yearCount + 1 + i);
  return { series, years, counterparts: countries.length };
}

function leafCount(s: Pick<Series, 'dims'>): number {
  return s.dims.reduce((product, codes) => product * Math.max(1, codes.length - 1), 1);
}

/** Returns the CSV cells SEX to BREAKDOWN of cell `index` of the series' cube (breakdown varying fastest). */
function cellKey(s: Series, index: number): string {
  const [sexes, ages, counterparts, breakdowns] = s.dims;
  const b = index % breakdowns.length;
  let rest = (index - b) / breakdowns.length;
  const c = rest % counterparts.length;
  rest = (rest - c) / counterparts.length;
  const a = rest % ages.length;
  const x = (rest - a) / ages.length;
  return `${sexes[x]},${ages[a]},${counterparts[c]},${breakdowns[b]}`;
}

/**
 * Fills `cube` with the series' values: leaves (no `_T`) are the total split by per-dimension shares shared across
 * the crime area's stages (so a later stage is never above an earlier one at any key), rounded down; every `_T`
 * cell is then the exact sum of its parts.
 */
function fillCube(cube: Float64Array, s: Series, area: string, level: number, weights: Map<string, number[]>, rng: Rng): void {
  const sizes = s.dims.map((codes) => codes.length);
  const shares = s.dims.map((codes, d) => {
    if (codes.length === 1) return [1];
    const key = `${s.area}|${d === 3 ? s.breakdownList : d}`;
    let w = weights.get(key);
    if (!w || w.length !== codes.length) {
      // sex unknown stays 0: `validate` warns when F + M fall short of the total and no _U row was picked
      w = [0, ...codes.slice(1).map((code) => (d === 0 && code === '_U' ? 0 : rng.lognormal(0, d === 2 ? 1.2 : 0.5)))];
      const sum = w.reduce((a, b) => a + b, 0);
      w = w.map((v) => v / sum);
      weights.set(key, w);
    }
    return w;
  });
  // money laundering shares the corruption area but is the smaller crime (`validate` compares it with corruption's stages)
  const crime = s.code.startsWith('ML_') ? 0.3 : 1;
  const total = s.code === 'POP' ? (POPULATION[area] ?? 1_000_000) : level * s.areaLeaves * (STAGE_SCALE[s.stage] ?? 0.7) * crime;
  const [S, A, C, B] = sizes as [number, number, number, number];
  const [ws, wa, wc, wb] = shares as [number[], number[], number[], number[]];
  for (let x = 0; x < S; x++) {
    for (let a = 0; a < A; a++) {
      for (let c = 0; c < C; c++) {
        for (let b = 0; b < B; b++) {
          const isLeaf = (S === 1 || x > 0) && (A === 1 || a > 0) && (C === 1 || c > 0) && (B === 1 || b > 0);
          cube[((x * A + a) * C + c) * B + b] = isLeaf ? Math.floor(total * ws[x]! * wa[a]! * wc[c]! * wb[b]!) : 0;
        }
      }
    }
  }
  // each dimension's _T = the sum over its codes, one dimension at a time
  const strides = [A * C * B, C * B, B, 1];
  for (let d = 0; d < 4; d++) {
    if (sizes[d]! === 1) continue;
    const stride = strides[d]!;
    const span = stride * sizes[d]!;
    for (let base = 0; base < s.cells; base += span) {
      for (let offset = 0; offset < stride; offset++) {
        let sum = 0;
        for (let k = 1; k < sizes[d]!; k++) sum += cube[base + offset + k * stride]!;
        cube[base + offset] = sum;
      }
    }
  }
}

const POPULATION: Record<string, number> = {
  ALB: 2_800_000, ARM: 2_800_000, AZE: 10_000_000, BGR: 6_500_000, GEO: 3_700_000, GRC: 10_400_000, MDA: 2_500_000,
  MKD: 1_800_000, ROU: 19_000_000, RUS: 144_000_000, SRB: 6_700_000, TUR: 85_000_000, UKR: 38_000_000,
};

function statusCode(rng: Rng): string {
  const r = rng.next();
  return r < 0.9 ? 'A' : r < 0.96 ? 'P' : 'E';
}

function confCode(rng: Rng): string {
  const r = rng.next();
  return r < 0.97 ? 'F' : r < 0.99 ? 'C' : 'N';
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at >= 0 ? args.splice(at, 2)[1] : undefined;
  };
  const seed = option('--seed');
  const codes = option('--codes');
  const [out, rows] = args;
  if (out === undefined) {
    process.stderr.write('usage: npx tsx test/bench/generate-return.ts OUT.csv [ROWS] [--seed N] [--codes codes.txt]\n');
    process.exit(2);
  }
  const reference = await loadBenchReference();
  if (codes !== undefined) writeIndicatorCodes(codes, reference);
  const started = performance.now();
  const result = await generateReturn(out, reference, {
    rows: rows === undefined ? undefined : Number(rows.replace(/_/g, '')),
    seed: seed === undefined ? undefined : Number(seed),
  });
  process.stderr.write(`${JSON.stringify({ ...result, seconds: Math.round(performance.now() - started) / 1000 })}\n`);
}

import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../context.js';
import { readReference } from '../io/read-reference.js';
import type { Reference } from '../schema/reference.js';
import { createCountryResolver } from '../schema/resolve-country.js';
import { openStore } from '../store/index.js';
import { assembleReturns, type SampleReturn } from './assemble-returns.js';
import { createRng, seedFrom } from './create-rng.js';
import { formatReturn, quoteCsv } from './format-return.js';
import { LATE_RETURNS, RESUBMISSION, SAMPLE_SEED, STATES_LEAVING_DEFAULTS_EMPTY } from './sample-scenario.js';

/** Options of {@link generateSample}; every path defaults to the project's own. */
export interface GenerateSampleOptions {
  /** Where the returns and `_received.csv` go (default `data/sample/returns`). */
  outDir?: string;
  /** The reference data to check every code against (default `data/reference`). */
  referenceDir?: string;
  seed?: number;
}

/** What {@link generateSample} wrote. */
export interface GenerateSampleResult {
  outDir: string;
  /** Return files written, in name order (the manifest not included). */
  files: string[];
  rows: number;
}

/** Name of the manifest of receipt times beside the returns. */
export const RECEIVED_MANIFEST = '_received.csv';
const RETURN_FILE = /^[A-Z]{3}_\d{4}(_v\d+)?\.csv$/;

/**
 * Returns what it wrote after generating the synthetic sample returns of the 13 BSEC states for 2016–2025 into
 * `outDir`: one `<ISO3>_<YEAR>.csv` per state and year sent, the resubmission `GEO_2025_v2.csv`, and the manifest
 * `_received.csv` (`file,received_at`). The same seed gives byte-identical files. Every code is checked against the
 * reference data first; return files left over from an earlier run are removed.
 *
 * @example await generateSample({ outDir: '/tmp/sample' })
 */
export async function generateSample(options: GenerateSampleOptions = {}): Promise<GenerateSampleResult> {
  const outDir = options.outDir ?? join(PROJECT_ROOT, 'data/sample/returns');
  const seed = options.seed ?? SAMPLE_SEED;
  const store = await openStore(':memory:');
  let reference: Reference;
  try {
    reference = await readReference(store, options.referenceDir ?? join(PROJECT_ROOT, 'data/reference'), PROJECT_ROOT);
  } finally {
    store.close();
  }
  const returns = assembleReturns(seed, reference.indicators.map((indicator) => indicator.code));
  checkCodes(returns, reference);
  const kilogramIndicators = new Set(reference.indicators.filter((i) => i.unit === 'KG').map((i) => i.code));

  await mkdir(outDir, { recursive: true });
  for (const name of await readdir(outDir)) if (RETURN_FILE.test(name)) await rm(join(outDir, name));
  let rows = 0;
  for (const sent of returns) {
    const text = formatReturn(sent.state, sent.rows, { kilogramIndicators, isLeavingDefaultsEmpty: STATES_LEAVING_DEFAULTS_EMPTY.has(sent.state) });
    await writeFile(join(outDir, sent.file), text, 'utf8');
    rows += sent.rows.length;
  }
  const manifest = ['file,received_at', ...returns.map((sent) => `${quoteCsv(sent.file)},${receivedAt(sent, seed)}`)];
  await writeFile(join(outDir, RECEIVED_MANIFEST), `${manifest.join('\n')}\n`, 'utf8');
  return { outDir, files: returns.map((sent) => sent.file), rows };
}

/** Returns when the coordinator received the return: mostly in January of the next year, late ones from the storyline. */
function receivedAt(sent: SampleReturn, seed: number): string {
  if (sent.state === RESUBMISSION.state && sent.year === RESUBMISSION.year) {
    return sent.file.includes('_v2') ? RESUBMISSION.secondReceived : RESUBMISSION.firstReceived;
  }
  const late = LATE_RETURNS[`${sent.state}_${sent.year}`];
  if (late) return late;
  const rng = createRng(seedFrom(seed, sent.file, 'received'));
  // most returns arrive in the last fortnight before the 31 January deadline
  const day = Math.max(5, 31 - Math.floor(rng.lognormal(1.8, 0.7)));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${sent.year + 1}-01-${pad(day)}T${pad(rng.int(8, 17))}:${pad(rng.int(0, 59))}:00Z`;
}

/** Throws if any generated code is unknown to the reference data or not a dimension of its indicator (a generator bug). */
function checkCodes(returns: readonly SampleReturn[], reference: Reference): void {
  const indicators = new Map(reference.indicators.map((i) => [i.code, i]));
  const codes = new Set(reference.codes.map((c) => `${c.codelist}/${c.code}`));
  const countries = new Set(createCountryResolver(reference.states, reference.countryAliases).codes());
  const states = new Set(reference.states.filter((s) => s.groups.includes('BSEC')).map((s) => s.iso3));
  for (const sent of returns) {
    for (const row of sent.rows) {
      const fail = (what: string): never => {
        throw new Error(`sample generator bug: ${sent.file} ${row.indicator} ${what}`);
      };
      const indicator = indicators.get(row.indicator) ?? fail('is not in the catalogue');
      if (!states.has(sent.state)) fail(`state ${sent.state} is not a BSEC member`);
      for (const dim of ['SEX', 'AGE', 'COUNTERPART_AREA', 'BREAKDOWN'] as const) {
        if (row[dim] !== '_T' && !indicator.dimensions.includes(dim)) fail(`has ${dim}=${row[dim]} but no ${dim} dimension`);
      }
      if (!codes.has(`SEX/${row.SEX}`)) fail(`SEX ${row.SEX}`);
      if (!codes.has(`AGE/${row.AGE}`)) fail(`AGE ${row.AGE}`);
      if (row.BREAKDOWN !== '_T' && !codes.has(`${indicator.breakdown_list}/${row.BREAKDOWN}`)) fail(`BREAKDOWN ${row.BREAKDOWN}`);
      if (!codes.has(`COUNTERPART/${row.COUNTERPART_AREA}`) && !countries.has(row.COUNTERPART_AREA)) fail(`COUNTERPART_AREA ${row.COUNTERPART_AREA}`);
      if (!codes.has(`OBS_STATUS/${row.status}`) || !codes.has(`CONF_STATUS/${row.conf}`)) fail(`status ${row.status}/${row.conf}`);
      if (!Number.isInteger(row.value) || row.value < 0) fail(`value ${row.value}`);
      if (row.status === 'B' && row.comment === '') fail('has status B without a comment');
    }
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const result = await generateSample();
  process.stderr.write(`sample: ${result.files.length} returns, ${result.rows} rows written to ${result.outDir}\n`);
}

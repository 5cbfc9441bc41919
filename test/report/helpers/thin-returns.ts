import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { PROJECT_ROOT } from '../../../src/context.js';
import { runCli, type CliResult } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/warehouse.js';

// A coordinator's own returns, edited from the bundled sample's, run through the real CLI (ingest, build, report).

export const SAMPLE = join(PROJECT_ROOT, 'data/sample/returns');

/** Writes `<ISO3>_<year>.csv` into `dir` from the sample's file, keeping the lines `keep` accepts, edited by `edit`. */
export function writeReturn(dir: string, iso3: string, year: number, keep: (line: string) => boolean, edit: (line: string) => string = (l) => l): string {
  const [header, ...lines] = readFileSync(join(SAMPLE, `${iso3}_${year}.csv`), 'utf8').split(/\r?\n/).filter((l) => l !== '');
  const name = `${iso3}_${year}.csv`;
  writeFileSync(join(dir, name), [header, ...lines.filter(keep).map(edit)].join('\n') + '\n');
  return name;
}

const HEADER = 'REF_AREA,TIME_PERIOD,INDICATOR,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE,OBS_STATUS,CONF_STATUS,COMMENT';

/**
 * Writes `<ISO3>_<year>.csv` into `dir` from shorthand lines `INDICATOR,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE`
 * (then OBS_STATUS, default A, and CONF_STATUS, default F), a return made up for a test rather than edited from the sample's.
 */
export function writeShorthandReturn(dir: string, iso3: string, year: number, lines: string[]): string {
  const name = `${iso3}_${year}.csv`;
  const rows = lines.map((l) => {
    const cells = l.split(',');
    return [iso3, year, ...cells.slice(0, 6), cells[6] ?? 'A', cells[7] ?? 'F', ''].join(',');
  });
  writeFileSync(join(dir, name), [HEADER, ...rows].join('\n') + '\n');
  return name;
}

export interface BuildOptions {
  /** Received times by file name (default 20 January of the year after the file's year). */
  received?: Record<string, string>;
  /** The config file's keys (default none). */
  config?: Record<string, unknown>;
  /** Edits a copy of the reference data (written to `<root>/reference`, which the config then names) before the run. */
  reference?: (dir: string) => void;
  /** Lets the run reject a file (its errors on stderr, exit code 1). */
  rejects?: boolean;
}

/** Runs `crimetrends run --year 2025` on the returns written by `write` and returns the review's folder. */
export async function buildReview(write: (dir: string) => string[], options: BuildOptions = {}): Promise<string> {
  return (await runReview(write, options)).out;
}

/** As buildReview, also returning the CLI's result. */
export async function runReview(write: (dir: string) => string[], options: BuildOptions = {}): Promise<{ out: string; result: CliResult }> {
  const root = tempDir('crimetrends-thin-');
  const returns = join(root, 'returns');
  mkdirSync(returns);
  const names = write(returns);
  const received = options.received ?? {};
  writeFileSync(join(returns, '_received.csv'), ['file,received_at', ...names.map((n) => `${n},${received[n] ?? `${Number(n.slice(4, 8)) + 1}-01-20T10:00:00Z`}`)].join('\n') + '\n');
  const config: Record<string, unknown> = { ...options.config };
  if (options.reference) {
    const reference = join(root, 'reference');
    mkdirSync(reference);
    const source = join(PROJECT_ROOT, 'data/reference');
    for (const file of ['areas.csv', 'codelists.csv', 'country_aliases.csv', 'demonyms.csv', 'eurostat_flags.csv', 'eurostat_mapping.csv', 'groups.csv', 'indicators.csv', 'stages.csv', 'states.csv', 'unodc_labels.csv', 'unodc_mapping.csv']) {
      writeFileSync(join(reference, file), readFileSync(join(source, file)));
    }
    options.reference(reference);
    config.reference = reference;
  }
  writeFileSync(join(root, 'config.json'), JSON.stringify(config) + '\n');
  const out = join(root, 'review');
  const result = await runCli(['run', '--year', '2025', '--returns', returns, '--warehouse', join(root, 'warehouse.duckdb'), '--config', join(root, 'config.json'), '--out', out]);
  if (!options.rejects) {
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
  }
  return { out, result };
}

/** The text of an HTML fragment, tags dropped and white space collapsed. */
export const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
/** A return line's year. */
export const year = (line: string) => line.split(',')[1];
/** A return line's indicator. */
export const indicator = (line: string) => line.split(',')[2] ?? '';

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { ConfigError, formatIssue, quoteValue } from '../errors.js';
import type { Issue } from '../schema/issue.js';
import { REFERENCE_FILES, type Reference } from '../schema/reference.js';
import { openStore, quoteIdent, quoteLiteral, type Store } from '../store/index.js';
import { splitHeader } from './split-header.js';
import { readCsv } from './read-csv.js';

/**
 * Returns the reference data in `dir` read in a scratch in-memory store, for a command that checks it (a group, a
 * state) before it opens the warehouse (see readReference).
 */
export async function readReferenceFiles(dir: string, cwd: string): Promise<Reference> {
  const scratch = await openStore(':memory:');
  return readReference(scratch, dir, cwd).finally(() => scratch.close());
}

/**
 * Returns the reference data in `dir` (states, groups, areas, stages, indicators, code lists), each row parsed by
 * its zod schema and cross-checked (an indicator's area exists, a state's group exists, …).
 *
 * @throws ConfigError `REFERENCE_INVALID` listing every broken cell as `file:line column NAME: … [CODE]`.
 */
export async function readReference(store: Store, dir: string, cwd: string = process.cwd()): Promise<Reference> {
  // a reference folder of the user's own (`reference` in the config) lacking a file this version reads: say which
  // (it was an internal error, exit 3, from the first read that met it)
  const missing = Object.values(REFERENCE_FILES).map(({ file }) => file).filter((file) => !existsSync(join(dir, file)));
  if (missing.length > 0) {
    throw new ConfigError('REFERENCE_INVALID', `reference data is incomplete: no such file (the reference folder lacks ${missing.join(', ')})`, {
      location: { file: relative(cwd, join(dir, missing[0]!)) || missing[0]! },
      hint: `a reference folder holds every file of data/reference/ (${Object.values(REFERENCE_FILES).length} files): copy the missing ${missing.length === 1 ? 'one' : 'ones'} from this version's data/reference/`,
    });
  }
  const issues: Issue[] = [];
  const hash = createHash('sha256');
  const parsed: Record<string, Array<Record<string, unknown> & { line: number }>> = {};
  const all = await readAllRows(store, Object.values(REFERENCE_FILES).map(({ file }) => join(dir, file)));
  for (const [key, { file, schema }] of Object.entries(REFERENCE_FILES)) {
    const path = join(dir, file);
    const displayName = relative(cwd, path) || file;
    const rows = all?.get(path) ?? (await readRows(store, path, displayName, `reference_${key}`, issues));
    hash.update(`${file}\n${JSON.stringify(rows)}\n`);
    parsed[key] = parseRows(rows, schema, displayName, issues);
  }
  const reference = { ...(parsed as unknown as Omit<Reference, 'hash'>), hash: hash.digest('hex') };
  crossCheck(reference, dir, cwd, issues);
  const errors = issues.filter((issue) => issue.severity === 'error');
  if (errors.length > 0) {
    throw new ConfigError('REFERENCE_INVALID', `reference data is invalid:\n${errors.slice(0, 20).map(formatIssue).join('\n')}`, {
      location: { file: errors[0]!.file, line: errors[0]!.line ?? undefined, column: errors[0]!.column ?? undefined },
      // the folder read, as the messages name its files: a reference folder of the user's own was sent to data/reference/
      hint: `fix the reference files in ${relative(cwd, dir) || '.'}/ (they are CSV, one row per entry)`,
    });
  }
  return reference;
}

type ReferenceRow = Record<string, unknown> & { line: number };

/**
 * Returns the rows of every file, read by one DuckDB query, when every file is plain (UTF-8, a header, no blank line,
 * no quoted line break, so that row n is line n + 1); otherwise undefined, and each file is read on its own with
 * readCsv, which accounts for every physical line.
 */
async function readAllRows(store: Store, paths: readonly string[]): Promise<Map<string, ReferenceRow[]> | undefined> {
  const headers = new Map<string, string[]>();
  for (const path of paths) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path)).replace(/^\uFEFF/, '');
    } catch {
      return undefined;
    }
    const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
    if (lines.length < 2 || lines.some((line) => line.trim() === '' || (line.split('"').length - 1) % 2 === 1)) return undefined;
    headers.set(path, splitHeader(lines[0]!, ',').map((name) => name.trim()));
  }
  try {
    await store.run(`create or replace temp table reference_all as
      select * from read_csv([${paths.map(quoteLiteral).join(', ')}], header = true, all_varchar = true, union_by_name = true,
        filename = 'reference_file', delim = ',', quote = '"', escape = '"', strict_mode = true, auto_detect = false)`);
  } catch {
    return undefined;
  }
  const rows = await store.all<Record<string, string | null>>('select * from reference_all order by rowid');
  await store.run('drop table reference_all');
  const out = new Map<string, ReferenceRow[]>(paths.map((path) => [path, []]));
  for (const row of rows) {
    const path = row.reference_file!;
    const list = out.get(path)!;
    const entry: ReferenceRow = { line: list.length + 2 };
    for (const name of headers.get(path)!) entry[name] = (row[name] ?? '').trim();
    list.push(entry);
  }
  return out;
}

async function readRows(store: Store, path: string, displayName: string, table: string, issues: Issue[]) {
  const read = await readCsv(store, path, { table, displayName, delimiter: ',' });
  issues.push(...read.issues.filter((issue) => issue.severity === 'error'));
  if (read.rowCount === 0) return [];
  const names = read.header.map((name) => name.trim());
  const rows = await store.all<Record<string, unknown>>(
    `select ${read.line.expression} as line, ${names.map((_, i) => `coalesce(r.c${i}, '') as ${quoteIdent(`c${i}`)}`).join(', ')}
     from ${quoteIdent(read.table)} as r ${read.line.join} order by line`,
  );
  await store.run(`drop table if exists ${quoteIdent(read.table)}`);
  return rows.map((row) => {
    const out: Record<string, unknown> & { line: number } = { line: row.line as number };
    names.forEach((name, i) => (out[name] = String(row[`c${i}`]).trim()));
    return out;
  });
}

function parseRows(rows: Array<Record<string, unknown> & { line: number }>, schema: z.ZodType, file: string, issues: Issue[]) {
  const out: Array<Record<string, unknown> & { line: number }> = [];
  for (const row of rows) {
    const result = schema.safeParse(row);
    if (result.success) {
      out.push({ ...(result.data as Record<string, unknown>), line: row.line });
      continue;
    }
    for (const problem of result.error.issues) {
      const column = String(problem.path[0] ?? '');
      const value = row[column] === undefined ? null : String(row[column]);
      issues.push({
        code: 'REFERENCE_INVALID',
        severity: 'error',
        file,
        line: row.line,
        column: column || null,
        value,
        message: `${problem.message.replace(/^Invalid input: /, '')}, found ${value === null ? 'no such column' : quoteValue(value)}`,
        hint: null,
      });
    }
  }
  return out;
}

function crossCheck(reference: Omit<Reference, 'hash'> & { hash: string }, dir: string, cwd: string, issues: Issue[]): void {
  const at = (file: string, row: unknown, column: string, value: string, message: string): void => {
    issues.push({
      code: 'REFERENCE_INVALID',
      severity: 'error',
      file: relative(cwd, join(dir, file)) || file,
      line: (row as { line?: number }).line ?? null,
      column,
      value,
      message,
      hint: null,
    });
  };
  const groups = new Set(reference.groups.map((g) => g.group_code));
  const areas = new Set(reference.areas.map((a) => a.area));
  const stages = new Set(reference.stages.map((s) => s.stage));
  const lists = new Set(reference.codes.map((c) => c.codelist));
  const seen = new Set<string>();
  for (const state of reference.states) {
    if (seen.has(state.iso3)) at('states.csv', state, 'iso3', state.iso3, `expected each state once, found ${state.iso3} again`);
    seen.add(state.iso3);
    for (const group of state.groups) if (!groups.has(group)) at('states.csv', state, 'groups', group, `expected a group of groups.csv, found "${group}"`);
  }
  seen.clear();
  for (const indicator of reference.indicators) {
    if (seen.has(indicator.code)) at('indicators.csv', indicator, 'code', indicator.code, `expected each indicator once, found ${indicator.code} again`);
    seen.add(indicator.code);
    if (!areas.has(indicator.area)) at('indicators.csv', indicator, 'area', indicator.area, `expected an area of areas.csv, found "${indicator.area}"`);
    if (!stages.has(indicator.stage)) at('indicators.csv', indicator, 'stage', indicator.stage, `expected a stage of stages.csv, found "${indicator.stage}"`);
    const hasBreakdown = indicator.dimensions.includes('BREAKDOWN');
    if (hasBreakdown !== (indicator.breakdown_list !== '')) {
      at('indicators.csv', indicator, 'breakdown_list', indicator.breakdown_list, 'expected a breakdown list exactly when BREAKDOWN is among the dimensions');
    } else if (hasBreakdown && !lists.has(indicator.breakdown_list)) {
      at('indicators.csv', indicator, 'breakdown_list', indicator.breakdown_list, `expected a code list of codelists.csv, found "${indicator.breakdown_list}"`);
    }
  }
  seen.clear();
  for (const code of reference.codes) {
    const key = `${code.codelist}/${code.code}`;
    if (seen.has(key)) at('codelists.csv', code, 'code', code.code, `expected each code once per list, found ${key} again`);
    seen.add(key);
  }
}

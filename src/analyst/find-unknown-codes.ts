import { closest, distance } from 'fastest-levenshtein';
import { createCountryResolver } from '../schema/resolve-country.js';
import type { Store } from '../store/index.js';
import { readStates } from './read-states.js';

/** A literal a query compares a coded column with, which no row of the warehouse can hold: `ref_area = 'Romania'`. */
export interface UnknownCode {
  /** Line and column (from 1) of the literal in the query; undefined where the parser gives no position. */
  line?: number;
  column?: number;
  /** The column compared, as the query names it (its last part: `o.ref_area` is `ref_area`). */
  name: string;
  value: string;
  /** What the column holds ("ISO 3166-1 alpha-3 codes"). */
  holds: string;
  /** The code meant, where one is clear (`ROU` for "Romania", "rou" or "RO"); else undefined. */
  meant?: string;
}

/** The coded columns checked, and what each holds. */
const COUNTRY_COLUMNS = new Set(['ref_area', 'counterpart_area', 'iso3']);
/** Codes a country column holds besides the countries': total, unknown, not applicable. */
const SPECIAL_AREAS = ['_T', '_U', '_Z'];
/** The code lists of `ref_code` that a BREAKDOWN code comes from: all but these. */
const NOT_BREAKDOWN = "'SEX', 'AGE', 'OBS_STATUS', 'CONF_STATUS', 'COUNTERPART'";
const LISTS: Record<string, { holds?: string; sql?: string; values?: string[] }> = {
  indicator: { holds: 'indicator codes (ref_indicator.code)', sql: 'select code as v from ref_indicator order by v' },
  group_code: { sql: 'select distinct group_code as v from ref_state_group order by v' },
  source: { values: ['RETURN', 'UNODC', 'EUROSTAT', 'WORLDBANK'] },
  sex: { sql: "select code as v from ref_code where codelist = 'SEX' order by rowid" },
  age: { sql: "select code as v from ref_code where codelist = 'AGE' order by rowid" },
  obs_status: { sql: "select code as v from ref_code where codelist = 'OBS_STATUS' order by rowid" },
  conf_status: { sql: "select code as v from ref_code where codelist = 'CONF_STATUS' order by rowid" },
  breakdown: { holds: 'breakdown codes (ref_code) or _T', sql: `select distinct code as v from ref_code where codelist not in (${NOT_BREAKDOWN}) order by v` },
};

interface Comparison {
  name: string;
  value: string;
  location: number;
}

/**
 * Returns the text literals `sql` compares a coded column with (`=`, `<>`, `IN (…)`, either side) that are no code
 * the column can hold, each with the code meant where one is clear: a state's name, its alpha-2 code or a code in small
 * letters for a country column (`'Romania'`, `'RO'`, `'rou'`: ROU), a code in other letters or one letter off for an
 * indicator (`'tip_vic'`: TIP_VIC). Such a query runs and finds no row for the value, which reads as "none". Found in
 * DuckDB's parse tree (`json_serialize_sql`), so a literal in a comment or in another expression is never taken;
 * ordered as in the query. Columns of the query's own making that share a name are checked alike.
 */
export async function findUnknownCodes(store: Store, sql: string): Promise<UnknownCode[]> {
  const [row] = await store.all<{ parsed: string }>('select json_serialize_sql($sql::varchar) as parsed', { sql });
  const parsed = JSON.parse(row!.parsed) as { error: boolean; statements?: unknown[] };
  if (parsed.error) return [];
  const found: Comparison[] = [];
  collect(parsed.statements, found);
  if (found.length === 0) return [];
  const states = await readStates(store);
  const countries = createCountryResolver(states);
  const lists = new Map<string, string[]>();
  const bytes = Buffer.from(sql, 'utf8');
  const unknown: UnknownCode[] = [];
  for (const { name, value, location } of found.sort((a, b) => a.location - b.location)) {
    let holds: string;
    let meant: string | undefined;
    if (COUNTRY_COLUMNS.has(name)) {
      if (SPECIAL_AREAS.includes(value) || (/^[A-Z]{3}$/.test(value) && countries.isCountryCode(value))) continue;
      holds = 'ISO 3166-1 alpha-3 codes (Kosovo XKX), _T, _U or _Z';
      const upper = value.trim().toUpperCase();
      const match = countries.resolve(value) ?? (upper.length <= 3 ? countries.resolve(upper) : undefined);
      meant = SPECIAL_AREAS.includes(upper) ? upper : match !== undefined && 'iso3' in match ? match.iso3 : countries.misspelt(value);
    } else {
      const list = LISTS[name]!;
      if (!lists.has(name)) lists.set(name, list.values ?? (await store.all<{ v: string }>(list.sql!)).map((r) => r.v));
      const values = lists.get(name)!;
      if (values.length === 0 || values.includes(value)) continue;
      holds = list.holds ?? `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
      const upper = value.trim().toUpperCase();
      const near = closest(upper, values);
      meant = values.includes(upper) ? upper : upper.length >= 4 && distance(upper, near) <= 1 ? near : undefined;
    }
    const before = location > bytes.length ? undefined : bytes.subarray(0, location).toString('utf8').split('\n');
    const at = before === undefined ? {} : { line: before.length, column: before.at(-1)!.length + 1 };
    unknown.push({ ...at, name, value, holds, ...(meant === undefined ? {} : { meant }) });
  }
  return unknown;
}

/** Collects, from a parse tree, every text constant compared with a checked column by `=`, `<>` or `IN`. */
function collect(node: unknown, found: Comparison[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, found);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  if (n.class === 'COMPARISON' && (n.type === 'COMPARE_EQUAL' || n.type === 'COMPARE_NOTEQUAL')) {
    pair(n.left, n.right, found);
    pair(n.right, n.left, found);
  } else if (n.class === 'OPERATOR' && (n.type === 'COMPARE_IN' || n.type === 'COMPARE_NOT_IN') && Array.isArray(n.children)) {
    const [first, ...rest] = n.children as unknown[];
    for (const item of rest) pair(first, item, found);
  }
  for (const value of Object.values(n)) collect(value, found);
}

function pair(column: unknown, constant: unknown, found: Comparison[]): void {
  const c = column as { class?: string; column_names?: string[] } | null;
  const k = constant as { class?: string; query_location?: number; value?: { type?: { id?: string }; is_null?: boolean; value?: unknown } } | null;
  if (c?.class !== 'COLUMN_REF' || k?.class !== 'CONSTANT' || k.value?.type?.id !== 'VARCHAR' || k.value.is_null === true) return;
  const name = c.column_names?.at(-1)?.toLowerCase() ?? '';
  if (!COUNTRY_COLUMNS.has(name) && !(name in LISTS)) return;
  found.push({ name, value: String(k.value.value), location: k.query_location ?? Number.MAX_SAFE_INTEGER });
}

import { PipelineError } from '../errors.js';
import type { MartContract } from '../schema/define-mart.js';
import { quoteIdent, quoteLiteral, type Store } from '../store/index.js';

/**
 * Returns the row count of a freshly built mart and its contract violations, one message each: columns differing
 * from the contract (names and order), keys that are not unique over the grain, nulls in not-null columns, values
 * outside the accepted ones. No violations means the mart keeps its contract. Two statements: the columns of an
 * empty select, then one pass for the count and every check (a third only when keys seem repeated).
 */
export async function checkMart(store: Store, contract: MartContract): Promise<{ rows: number; problems: string[] }> {
  const table = quoteIdent(contract.name);
  const grain = contract.grain.map(quoteIdent).join(', ');
  const { names: columns } = await store.table(`select * from ${table} limit 0`);
  if (columns.join(',') !== contract.columns.join(',')) {
    return { rows: 0, problems: [`columns: expected ${contract.columns.join(', ')}, found ${columns.join(', ')}`] };
  }
  const checks = [
    ...contract.notNull.map((c) => ({ label: `column ${c}: expected no nulls`, sql: `${quoteIdent(c)} is null` })),
    ...Object.entries(contract.acceptedValues).map(([c, values]) => ({
      label: `column ${c}: expected one of ${values.join(', ')}`,
      sql: `${quoteIdent(c)} is not null and ${quoteIdent(c)}::varchar not in (${values.map(quoteLiteral).join(', ')})`,
    })),
  ];
  const [counts] = await store.all<Record<string, number>>(
    `select count(*)::bigint as n, count(distinct hash(${grain})) as n_keys
       ${checks.map((check, i) => `, count(*) filter (where ${check.sql}) as c${i}`).join('')}
     from ${table}`,
  );
  const rows = Number(counts?.n ?? 0);
  const problems: string[] = [];
  // keys are counted by their 64-bit hash (half the time of comparing the columns); fewer hashes than rows is either
  // a repeated key or, rarely, two keys sharing a hash, which the exact count tells apart
  let repeated = rows - Number(counts?.n_keys ?? 0);
  if (repeated > 0) {
    const [exact] = await store.all<{ n_keys: number }>(`select count(distinct row(${grain})) as n_keys from ${table}`);
    repeated = rows - Number(exact?.n_keys ?? 0);
  }
  if (repeated > 0) problems.push(`grain ${contract.grain.join(' × ')}: expected unique keys, found ${repeated} repeated`);
  checks.forEach((check, i) => {
    const found = Number(counts?.[`c${i}`] ?? 0);
    if (found > 0) problems.push(`${check.label}, found ${found} row${found === 1 ? '' : 's'} that do not`);
  });
  return { rows, problems };
}

/** Returns the error for a mart that broke its contract, located at the model file. */
export function contractError(file: string, name: string, problems: readonly string[]): PipelineError {
  return new PipelineError('CONTRACT_VIOLATION', `${file}: mart ${name} breaks its row contract: ${problems.join('; ')}`, {
    location: { file },
    hint: 'fix the model, or change its contract in src/schema/marts.ts (and tell the report engineer)',
  });
}

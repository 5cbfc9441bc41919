import { PipelineError } from '../errors.js';
import type { MartContract } from '../schema/marts.js';
import { quoteIdent, quoteLiteral, type Store } from '../store/index.js';

/**
 * Returns the contract violations of a freshly built mart, one message each: columns differing from the contract
 * (names and order), keys that are not unique over the grain, nulls in not-null columns, values outside the
 * accepted ones. An empty list means the mart keeps its contract.
 */
export async function checkMart(store: Store, contract: MartContract): Promise<string[]> {
  const table = quoteIdent(contract.name);
  const problems: string[] = [];
  const columns = (
    await store.all<{ column_name: string }>(
      'select column_name from duckdb_columns() where table_name = $name and schema_name = current_schema() order by column_index',
      { name: contract.name },
    )
  ).map((c) => c.column_name);
  if (columns.join(',') !== contract.columns.join(',')) {
    problems.push(`columns: expected ${contract.columns.join(', ')}, found ${columns.join(', ')}`);
    return problems;
  }
  // One pass: distinct keys, nulls in not-null columns and values outside the accepted ones.
  const checks = [
    ...contract.notNull.map((c) => ({ label: `column ${c}: expected no nulls`, sql: `${quoteIdent(c)} is null` })),
    ...Object.entries(contract.acceptedValues).map(([c, values]) => ({
      label: `column ${c}: expected one of ${values.join(', ')}`,
      sql: `${quoteIdent(c)} is not null and ${quoteIdent(c)}::varchar not in (${values.map(quoteLiteral).join(', ')})`,
    })),
  ];
  const [counts] = await store.all<Record<string, number>>(
    `select count(*) as n, count(distinct row(${contract.grain.map(quoteIdent).join(', ')})) as n_keys
       ${checks.map((check, i) => `, count(*) filter (where ${check.sql}) as c${i}`).join('')}
     from ${table}`,
  );
  const repeated = (counts?.n ?? 0) - (counts?.n_keys ?? 0);
  if (repeated > 0) problems.push(`grain ${contract.grain.join(' × ')}: expected unique keys, found ${repeated} repeated`);
  checks.forEach((check, i) => {
    const found = counts?.[`c${i}`] ?? 0;
    if (found > 0) problems.push(`${check.label}, found ${found} row${found === 1 ? '' : 's'} that do not`);
  });
  return problems;
}

/** Returns the error for a mart that broke its contract, located at the model file. */
export function contractError(file: string, name: string, problems: readonly string[]): PipelineError {
  return new PipelineError('CONTRACT_VIOLATION', `${file}: mart ${name} breaks its row contract: ${problems.join('; ')}`, {
    location: { file },
    hint: 'fix the model, or change its contract in src/schema/marts.ts (and tell the report engineer)',
  });
}

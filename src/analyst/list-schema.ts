import { z } from 'zod';
import type { MartContract } from '../schema/define-mart.js';
import { MARTS } from '../schema/marts.js';
import { WAREHOUSE_RELATIONS, type WarehouseRelation } from '../schema/warehouse-relations.js';

/** One column as `query --schema` lists it. */
export interface SchemaColumn {
  name: string;
  /** DuckDB type; for a mart, from its zod contract: INTEGER (any whole number), DOUBLE, VARCHAR, BOOLEAN, VARCHAR[]. */
  type: string;
  isNullable: boolean;
  description: string;
  /** The accepted values of a coded column, when the contract lists them. */
  values?: readonly string[];
}

/** A documented relation: a warehouse view or table, or a mart built by `crimetrends build`. */
export interface SchemaRelation {
  name: string;
  kind: 'view' | 'mart' | 'table';
  description: string;
  grain: readonly string[];
  columns: SchemaColumn[];
}

/**
 * Returns every documented relation an analyst can query, generated from the code: the warehouse views, then the
 * marts in build order (src/schema/marts.ts, types from their zod row contracts), then the warehouse tables
 * (src/schema/warehouse-relations.ts).
 */
export function listSchema(): SchemaRelation[] {
  const fromWarehouse = (relation: WarehouseRelation): SchemaRelation => ({
    name: relation.name,
    kind: relation.kind,
    description: relation.description,
    grain: relation.grain,
    columns: relation.columns.map((c) => ({ ...c })),
  });
  return [
    ...WAREHOUSE_RELATIONS.filter((r) => r.kind === 'view').map(fromWarehouse),
    ...MARTS.map(fromMart),
    ...WAREHOUSE_RELATIONS.filter((r) => r.kind === 'table').map(fromWarehouse),
  ];
}

function fromMart(mart: MartContract): SchemaRelation {
  return {
    name: mart.name,
    kind: 'mart',
    description: mart.description,
    grain: mart.grain,
    columns: mart.columns.map((name) => {
      const field = mart.schema.shape[name] as z.ZodType;
      const inner = field instanceof z.ZodNullable ? (field.unwrap() as z.ZodType) : field;
      const values = mart.acceptedValues[name];
      return {
        name,
        type: typeOf(inner),
        isNullable: !mart.notNull.includes(name),
        description: field.description ?? inner.description ?? '',
        ...(values === undefined ? {} : { values }),
      };
    }),
  };
}

/** Returns the DuckDB type a zod field stands for. */
function typeOf(field: z.ZodType): string {
  if (field instanceof z.ZodNumber) return field.isInt ? 'INTEGER' : 'DOUBLE';
  if (field instanceof z.ZodBoolean) return 'BOOLEAN';
  if (field instanceof z.ZodArray) return `${typeOf(field.element as z.ZodType)}[]`;
  return 'VARCHAR';
}

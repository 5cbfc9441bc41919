import { z } from 'zod';

/** A foreign-key check: every row's `columns` exist as `toColumns` in relation `to`. */
export interface MartRelationship {
  columns: readonly string[];
  to: string;
  toColumns: readonly string[];
}

/** What the registry says about one mart. */
export interface MartContract {
  name: string;
  description: string;
  /** Key columns: unique together. */
  grain: readonly string[];
  schema: z.ZodObject;
  /** Column names in table order. */
  columns: readonly string[];
  notNull: readonly string[];
  acceptedValues: Readonly<Record<string, readonly string[]>>;
  relationships: readonly MartRelationship[];
  /** Feeds published output: no confidential value may appear in it. */
  isPublic: boolean;
}

export const rel = (columns: string[], to: string, toColumns: string[] = columns): MartRelationship => ({ columns, to, toColumns });

export function contract(name: string, description: string, schema: z.ZodObject, grain: string[], relationships: MartRelationship[]): MartContract {
  const columns = Object.keys(schema.shape);
  const notNull = columns.filter((c) => !schema.shape[c]!.safeParse(null).success);
  const acceptedValues: Record<string, readonly string[]> = {};
  for (const column of columns) {
    let field: z.ZodType = schema.shape[column]!;
    if (field instanceof z.ZodNullable) field = field.unwrap() as z.ZodType;
    if (field instanceof z.ZodEnum) acceptedValues[column] = field.options as string[];
  }
  return { name, description, grain, schema, columns, notNull, acceptedValues, relationships, isPublic: true };
}

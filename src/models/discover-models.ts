import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelError } from '../errors.js';

/** The model layers in build order; a model may read its own layer and the layers before it. */
export const LAYERS = ['staging', 'intermediate', 'marts'] as const;
export type Layer = (typeof LAYERS)[number];
/** How a model is materialised. */
export type ModelKind = 'view' | 'temp table' | 'table';

/** One SQL model: a file `pipeline/<layer>/<name>.sql` holding a single select. */
export interface Model {
  name: string;
  layer: Layer;
  /** Project-relative path, as messages show it. */
  file: string;
  /** The select, without a trailing semicolon. */
  sql: string;
  /** Other models this one reads (relations after `from` or `join`), sorted. */
  dependsOn: string[];
  /**
   * Staging models are views, marts are tables. Intermediate models are temporary tables: they live for the build's
   * connection only (the marts copy what they need), which spares the warehouse writing them to disk on every build.
   */
  kind: ModelKind;
}

const NAME = /^[a-z][a-z0-9_]*$/;
const KIND: Record<Layer, ModelKind> = { staging: 'view', intermediate: 'temp table', marts: 'table' };

/**
 * Returns every model under `<root>/pipeline/`, with the models each one reads. Dependencies are found by parsing:
 * an identifier after `from` or `join` (comments and string literals removed) that names another model.
 *
 * @throws ModelError for a badly named file, a file without its grain comment, or a name used twice.
 */
export function discoverModels(root: string): Model[] {
  const found: Omit<Model, 'dependsOn'>[] = [];
  for (const layer of LAYERS) {
    const dir = join(root, 'pipeline', layer);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
      const file = `pipeline/${layer}/${entry}`;
      const name = entry.slice(0, -'.sql'.length);
      if (!NAME.test(name)) throw new ModelError(file, `${file}: expected a lower-case snake_case file name, found "${entry}"`);
      const text = readFileSync(join(dir, entry), 'utf8');
      if (!/^\s*--\s*grain:/i.test(text)) {
        throw new ModelError(file, `${file}:1: expected a first comment stating the grain ("-- grain: one row per …")`);
      }
      const duplicate = found.find((m) => m.name === name);
      if (duplicate) throw new ModelError(file, `${file}: expected each model name once, found ${name} also in ${duplicate.file}`);
      const sql = text.replace(/;\s*$/, '').trimEnd();
      found.push({ name, layer, file, sql, kind: KIND[layer] });
    }
  }
  const names = new Set(found.map((m) => m.name));
  return found.map((model) => ({ ...model, dependsOn: findReferences(model.sql, names, model.name) }));
}

function findReferences(sql: string, names: ReadonlySet<string>, self: string): string[] {
  const code = sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''");
  const references = new Set<string>();
  for (const match of code.matchAll(/\b(?:from|join)\s+"?([a-z_][a-z0-9_]*)"?/gi)) {
    const name = match[1]!.toLowerCase();
    if (name !== self && names.has(name)) references.add(name);
  }
  return [...references].sort();
}

import { createHash } from 'node:crypto';
import type { Reference } from '../schema/reference.js';
import type { Store, SqlValue } from './open-store.js';

/**
 * Replaces the warehouse's reference tables (`ref_state`, `ref_state_group`, `ref_indicator`, `ref_code`,
 * `ref_area`) with `reference`, so that models and queries join against the catalogue the tool was run with.
 */
export async function writeReference(store: Store, reference: Reference): Promise<void> {
  const tables = referenceTables(reference);
  await store.transaction(async () => {
    for (const [table, rows] of tables) {
      await store.run(`delete from ${table}`);
      await store.append(table, rows);
    }
  });
}

/**
 * Returns a digest of what {@link writeReference} writes (the reference data the models read: states and their
 * groups, the catalogue, code lists, areas), so that a build can record the reference it ran with and `report` can
 * tell marts built before `data/reference` changed.
 */
export function referenceFingerprint(reference: Reference): string {
  return createHash('sha256').update(JSON.stringify(referenceTables(reference))).digest('hex').slice(0, 16);
}

/** Returns the rows of each reference table, as {@link writeReference} writes them. */
function referenceTables(reference: Reference): Array<[string, SqlValue[][]]> {
  const stageOrder = new Map(reference.stages.map((s) => [s.stage, s.cj_order]));
  const members = new Set(reference.states.filter((s) => s.groups.length > 0).map((s) => s.iso3));
  const tables: Array<[string, SqlValue[][]]> = [
    ['ref_state', reference.states.map((s) => [s.iso3, s.iso2, s.numeric, s.name_en, s.names_native.join('|'), members.has(s.iso3)])],
    ['ref_state_group', reference.states.flatMap((s) => s.groups.map((g) => [g, s.iso3]))],
    [
      'ref_indicator',
      reference.indicators.map((i) => [
        i.code, i.area, i.name, i.definition, i.iccs || null, i.unit, i.stage, stageOrder.get(i.stage) ?? null,
        i.dimensions.join(' '), i.breakdown_list || null, i.counterpart_meaning || null, i.is_headline,
      ]),
    ],
    ['ref_code', reference.codes.map((c) => [c.codelist, c.code, c.label])],
    ['ref_area', reference.areas.map((a) => [a.area, a.name, a.chapter, a.sort_order, a.colour])],
  ];
  return tables;
}

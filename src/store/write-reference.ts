import type { Reference } from '../schema/reference.js';
import type { Store, SqlValue } from './open-store.js';

/**
 * Replaces the warehouse's reference tables (`ref_state`, `ref_state_group`, `ref_indicator`, `ref_code`,
 * `ref_area`) with `reference`, so that models and queries join against the catalogue the tool was run with.
 */
export async function writeReference(store: Store, reference: Reference): Promise<void> {
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
  await store.transaction(async () => {
    for (const [table, rows] of tables) {
      await store.run(`delete from ${table}`);
      await store.append(table, rows);
    }
  });
}

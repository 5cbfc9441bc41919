import { z } from 'zod';
import type { Store } from '../../store/index.js';
import type { Reference } from '../../schema/reference.js';
import type { AreaInfo, CodeInfo, IndicatorInfo, StateInfo } from '../review-model.js';
import { readRows } from './read-rows.js';

const StateRow = z.object({ iso3: z.string(), name_en: z.string(), numeric_code: z.string().nullable() });
const AreaRow = z.object({ area: z.string(), name: z.string(), chapter: z.string(), sort_order: z.number(), colour: z.string() });
const IndicatorRow = z.object({
  code: z.string(), area: z.string(), name: z.string(), definition: z.string(), iccs: z.string().nullable(), unit: z.enum(['NR', 'KG', 'ROUNDS']),
  stage: z.string(), stage_order: z.number().nullable(), breakdown_list: z.string().nullable(), counterpart_meaning: z.string().nullable(), is_headline: z.boolean(),
});
const CodeRow = z.object({ codelist: z.string(), code: z.string(), label: z.string() });

/** The catalogue the marts were built with, and the group's members. */
export interface Catalogue {
  group: { code: string; name: string };
  states: StateInfo[];
  areas: AreaInfo[];
  indicators: IndicatorInfo[];
  codes: CodeInfo[];
}

/**
 * Returns the group's member states and the catalogue (areas, indicators, code lists) from the warehouse's
 * reference tables, which the last build wrote; names the reference files alone carry (the group's full name,
 * stage names, code descriptions) come from `reference`.
 */
export async function readCatalogue(store: Store, group: string, reference: Reference): Promise<Catalogue> {
  const states = await readRows(store, 'ref_state', `select s.iso3, s.name_en, s.numeric_code from ref_state as s
    inner join ref_state_group as g on g.iso3 = s.iso3 where g.group_code = $group order by s.iso3`, { group }, StateRow);
  const areas = await readRows(store, 'ref_area', 'select area, name, chapter, sort_order, colour from ref_area order by sort_order, area', {}, AreaRow);
  const indicators = await readRows(store, 'ref_indicator', `select code, area, name, definition, iccs, unit, stage, stage_order, breakdown_list,
    counterpart_meaning, is_headline from ref_indicator order by code`, {}, IndicatorRow);
  const codes = await readRows(store, 'ref_code', 'select codelist, code, label from ref_code order by codelist, code', {}, CodeRow);
  const stageNames = new Map(reference.stages.map((s) => [s.stage, s.name]));
  const descriptions = new Map(reference.codes.map((c) => [`${c.codelist}|${c.code}`, c.description]));
  const catalogueOrder = new Map(reference.indicators.map((i, n) => [i.code, n]));
  const codeOrder = new Map(reference.codes.map((c, n) => [`${c.codelist}|${c.code}`, n]));
  const order = (map: Map<string, number>, key: string) => map.get(key) ?? Number.MAX_SAFE_INTEGER;
  return {
    group: { code: group, name: reference.groups.find((g) => g.group_code === group)?.name ?? group },
    states: states.map((s) => ({ iso3: s.iso3, name: s.name_en, numeric: s.numeric_code ?? '' })),
    areas: areas.map((a) => ({ area: a.area, name: a.name, chapter: a.chapter, colour: a.colour, sortOrder: a.sort_order })),
    indicators: indicators
      .map((i) => ({
        code: i.code, area: i.area, name: i.name, definition: i.definition, iccs: i.iccs ?? '', unit: i.unit, stage: i.stage,
        stageName: stageNames.get(i.stage) ?? i.stage, cjOrder: i.stage_order, breakdownList: i.breakdown_list ?? '',
        counterpartMeaning: i.counterpart_meaning ?? '', isHeadline: i.is_headline,
      }))
      .sort((a, b) => order(catalogueOrder, a.code) - order(catalogueOrder, b.code) || a.code.localeCompare(b.code, 'en')),
    codes: codes
      .map((c) => ({ codelist: c.codelist, code: c.code, label: c.label, description: descriptions.get(`${c.codelist}|${c.code}`) ?? '' }))
      .sort((a, b) => order(codeOrder, `${a.codelist}|${a.code}`) - order(codeOrder, `${b.codelist}|${b.code}`) || a.codelist.localeCompare(b.codelist, 'en') || a.code.localeCompare(b.code, 'en')),
  };
}

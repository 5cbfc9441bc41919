import type { Reference } from '../schema/reference.js';
import { RETURN_COLUMNS } from '../schema/return-format.js';

/** The dimension codes a template lists as parts of each total (cross-breakdowns are left to the state). */
const PART_LISTS = { SEX: 'SEX', AGE: 'AGE' } as const;

/**
 * Returns the rows of an empty return for `state` and `year`: for every catalogue indicator, its total and the parts
 * of each breakdown it takes (SEX, AGE, the BREAKDOWN code list), values blank. COUNTERPART_AREA parts are open
 * (any country), so the template only carries their total; states add one row per country.
 */
export function buildTemplate(reference: Reference, state: string, year: number): string[][] {
  const areaOrder = new Map(reference.areas.map((a) => [a.area, a.sort_order]));
  const codes = (list: string): string[] => reference.codes.filter((c) => c.codelist === list && c.code !== '_T').map((c) => c.code);
  const indicators = [...reference.indicators].sort((a, b) => (areaOrder.get(a.area) ?? 99) - (areaOrder.get(b.area) ?? 99));
  const rows: string[][] = [];
  const row = (indicator: string, sex = '_T', age = '_T', breakdown = '_T'): void => {
    const values: Record<string, string> = {
      REF_AREA: state,
      TIME_PERIOD: String(year),
      INDICATOR: indicator,
      SEX: sex,
      AGE: age,
      COUNTERPART_AREA: '_T',
      BREAKDOWN: breakdown,
    };
    rows.push(RETURN_COLUMNS.map((c) => values[c.name] ?? ''));
  };
  for (const indicator of indicators) {
    row(indicator.code);
    if (indicator.dimensions.includes('SEX')) for (const code of codes(PART_LISTS.SEX)) row(indicator.code, code);
    if (indicator.dimensions.includes('AGE')) for (const code of codes(PART_LISTS.AGE)) row(indicator.code, '_T', code);
    if (indicator.dimensions.includes('BREAKDOWN')) for (const code of codes(indicator.breakdown_list)) row(indicator.code, '_T', '_T', code);
  }
  return rows;
}

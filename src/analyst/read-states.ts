import { closest, distance } from 'fastest-levenshtein';
import { ConfigError } from '../errors.js';
import type { State } from '../schema/reference.js';
import { createCountryResolver } from '../schema/resolve-country.js';
import { resolveStateOption } from '../schema/resolve-state-option.js';
import type { Store } from '../store/index.js';

/** Returns the states of the warehouse's reference (`ref_state`), as the reference files give them (no aliases, no groups). */
export async function readStates(store: Store): Promise<State[]> {
  const rows = await store.all<{ iso3: string; iso2: string | null; numeric_code: string | null; name_en: string; names_native: string | null }>(
    'select iso3, iso2, numeric_code, name_en, names_native from ref_state order by iso3',
  );
  return rows.map((s) => ({ iso3: s.iso3, iso2: s.iso2 ?? '', numeric: s.numeric_code ?? '', name_en: s.name_en, names_native: s.names_native?.split('|') ?? [], aliases: [], groups: [] }));
}

/**
 * Returns the state `text` names (`ROU`, `rou`, `RO`, `ro`, `Romania`, `România`) among the warehouse's states.
 *
 * @throws ConfigError `UNKNOWN_STATE` listing the states, as every `--state` does
 */
export async function resolveStateIn(store: Store, text: string): Promise<string> {
  const states = await readStates(store);
  return resolveStateOption(createCountryResolver(states), states, text);
}

/**
 * Returns the indicator code `text` is (any case) in the warehouse's catalogue (`ref_indicator`).
 *
 * @throws ConfigError `USAGE_ERROR` naming the nearest code where one is a letter or two off (`TIP_VICS`: TIP_VIC)
 */
export async function resolveIndicatorIn(store: Store, text: string, option = '--indicator'): Promise<string> {
  const codes = (await store.all<{ code: string }>('select code from ref_indicator order by code')).map((row) => row.code);
  const upper = text.trim().toUpperCase();
  if (codes.includes(upper)) return upper;
  const near = codes.length === 0 ? undefined : closest(upper, codes);
  const meant = near !== undefined && distance(upper, near) <= 2 ? near : undefined;
  throw new ConfigError('USAGE_ERROR', `${option} ${text}: not an indicator of the catalogue${meant === undefined ? '' : `; did you mean ${meant}?`}`, {
    hint: 'crimetrends dictionary lists the indicators; crimetrends query "select code, name from ref_indicator" too',
  });
}

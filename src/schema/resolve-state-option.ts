import { ConfigError, quoteValue } from '../errors.js';
import type { State } from './reference.js';
import { isNotGuessedCode, type CountryResolver } from './resolve-country.js';

/**
 * Returns the code of the region's state that `typed` (the value of `--state`) names: read as a REF_AREA cell is
 * (an alpha-3 or alpha-2 code, a name in English or the region's languages), so `--state Romania` is ROU.
 *
 * @throws ConfigError `UNKNOWN_STATE` (exit 2) when `typed` names no state of the region: an unknown word, a country
 *   outside the region (FRA), a name several countries share, UNK (Kosovo's code in some lists, or short for
 *   unknown: the hint names XKX). A code in small letters is read in capitals (`ro`: ROU; the resolver reads
 *   alpha-2 codes in capitals only); the message shows the value as typed (`uk`, read as `UK`).
 */
export function resolveStateOption(resolver: CountryResolver, states: readonly State[], typed: string, option = '--state'): string {
  const members = states.map((s) => s.iso3).sort();
  const text = /^\s*[a-z]{2,3}\s*$/i.test(typed) ? typed.trim().toUpperCase() : typed;
  const match = resolver.resolve(text);
  if (match !== undefined && 'iso3' in match && members.includes(match.iso3)) return match.iso3;
  const candidates = match === undefined ? resolver.candidates(text) : [];
  // an ISO 3166-1 numeric code ("642") is named, as in a REF_AREA cell, never read as the state
  const numeric = /^\d{3}$/.test(text.trim()) ? resolver.numericToAlpha3(text.trim()) : undefined;
  if (isNotGuessedCode(text)) {
    throw new ConfigError('UNKNOWN_STATE', `${option} ${typed}: expected a state of the region (${members.join(', ')}), found ${quoteValue(typed)}: Kosovo's code in some lists, or short for unknown; not guessed`, {
      hint: `write ${option} XKX for Kosovo (its ISO 3166-1 alpha-3 code here)`,
    });
  }
  const found = match !== undefined && 'iso3' in match
    ? `${quoteValue(typed)}${match.iso3 === text.trim().toUpperCase() ? '' : ` (${match.iso3})`}, which is not one`
    : candidates.length > 1 ? `${quoteValue(typed)}, a name several countries share (${candidates.join(', ')})`
    : numeric !== undefined ? `${quoteValue(typed)}, the ISO 3166-1 numeric code of ${numeric}` : quoteValue(typed);
  throw new ConfigError('UNKNOWN_STATE', `${option} ${typed}: expected a state of the region (${members.join(', ')}), found ${found}`, {
    hint: `use the ISO 3166-1 alpha-3 code, e.g. ${option} ${numeric !== undefined && members.includes(numeric) ? numeric : 'ROU'}`,
  });
}

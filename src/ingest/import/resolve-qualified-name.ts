import { normalizeName } from '../../schema/normalize-name.js';
import type { CountryResolver } from '../../schema/resolve-country.js';

/**
 * The parts of a state's territory its government does not control, by state: a figure "excluding" them, or for
 * its "Government-controlled area", is the state's own (no figure of the state covers them), so UNODC's
 * `Serbia (excluding Kosovo)` is Serbia's. Names are compared by {@link normalizeName}.
 */
const UNCONTROLLED: Readonly<Record<string, readonly string[]>> = {
  SRB: ['kosovo', 'kosovo under unscr 1244'],
  MDA: ['transnistria', 'transnistrian region', 'left bank of the dniester', 'left bank of the nistru river'],
  GEO: ['abkhazia', 'south ossetia', 'tskhinvali region', 'abkhazia and south ossetia'],
  UKR: ['crimea', 'autonomous republic of crimea', 'sevastopol', 'city of sevastopol', 'temporarily occupied territories'],
  CYP: ['northern cyprus', 'areas not under the effective control of the government'],
  AZE: ['nagorno karabakh'],
};

const EXCLUDING = /^(.+?)\s*(?:\(\s*(?:excluding|excl\.?|except)\s+([^()]+)\)|,?\s+(?:excluding|excl\.|except)\s+([^()]+))$/i;
const GOVERNMENT_CONTROLLED = /^(.+?)\s*[(,]\s*government[- ]controlled areas?\s*\)?$/i;
const OWN_COUNTRY = /^(.+?)\s*[(,[]\s*(?:own country|own nationals|nationals|país propio|propio país|pays d'origine|propre pays)\s*[)\]]?$/i;
const UNSCR_1244 = /^(.+?)\s*[(,]?\s*under\s+UNSC(?:R|\s+res\.?|\s+resolution)?\s*1244(?:\/99|\s*\(1999\))?\s*\)?$/i;

/**
 * Returns the state a UNODC country name with a qualifier names, when the qualifier only narrows the territory the
 * state reports for: `Serbia (excluding Kosovo)` (SRB), `Republic of Moldova (excluding Transnistria)` (MDA),
 * `Cyprus (Government-controlled area)` (CYP), `Kosovo under UNSCR 1244` (XKX): the parts excluded, or the area
 * outside the government's control, must be ones {@link UNCONTROLLED} lists for the very state named. Any other
 * qualifier names a part of a state (`United Kingdom (England and Wales)`, `(Scotland)`, `Iraq (Central Iraq)`,
 * `United Kingdom (excluding Scotland)`) and gives undefined, as does a name that resolves to no state. A short name
 * inverted or abbreviated as the World Bank's and UN lists write them (`Moldova, Rep. of`, `Congo, Dem. Rep.`) names its
 * state (see resolveAbbreviatedName).
 *
 * @example resolveQualifiedName('Serbia (excluding Kosovo)', resolver) // 'SRB'
 */
export function resolveQualifiedName(text: string, resolver: CountryResolver): string | undefined {
  const trimmed = text.trim();
  const stateOf = (base: string): string | undefined => {
    const match = resolver.resolve(base);
    return match !== undefined && (match.kind === 'name' || match.kind === 'code') ? match.iso3 : undefined;
  };
  const excluding = EXCLUDING.exec(trimmed);
  if (excluding !== null) {
    const state = stateOf(excluding[1]!);
    const parts = (excluding[2] ?? excluding[3]!).split(/,|\band\b|&/i).map(normalizeName).filter((part) => part !== '');
    const allowed = state === undefined ? undefined : UNCONTROLLED[state];
    return allowed !== undefined && parts.length > 0 && parts.every((part) => allowed.includes(part)) ? state : undefined;
  }
  const controlled = GOVERNMENT_CONTROLLED.exec(trimmed);
  if (controlled !== null) {
    const state = stateOf(controlled[1]!);
    return state !== undefined && UNCONTROLLED[state] !== undefined ? state : undefined;
  }
  const kosovo = UNSCR_1244.exec(trimmed);
  if (kosovo !== null) return stateOf(kosovo[1]!) === 'XKX' ? 'XKX' : undefined;
  // a citizenship category naming the reporting state's own citizens by its name: `Netherlands (own country)`
  const own = OWN_COUNTRY.exec(trimmed);
  if (own !== null) return stateOf(own[1]!) ?? resolveAbbreviatedName(own[1]!, resolver);
  return resolveAbbreviatedName(trimmed, resolver);
}

/**
 * The abbreviations of the World Bank's and the UN's short names, each with the words it stands for. "Rep" is read with
 * or without its point (`Benin Rep`, `Niger Rep` in UNODC's GLOTIP), and also as the Spanish and French word
 * (`Rep. Dominicana`, `R.Dominicana`: República Dominicana).
 */
const REPUBLIC = /\bRep\b\.?(?=\s|,|$)|\bRep\.(?=\p{Lu})/gu;
const ABBREVIATIONS: ReadonlyArray<[RegExp, string]> = [
  [REPUBLIC, 'Republic'],
  [/\bDem\.(?=\s|,|$)/gi, 'Democratic'],
  [/\bFed\.(?=\s|,|$)/gi, 'Federated'],
  [/\bSts\.(?=\s|,|$)/gi, 'States'],
  [/\bIs\.(?=\s|,|$)/gi, 'Islands'],
  [/\bSt\.(?=\s)/gi, 'Saint'],
  [/\bRB$/g, 'Bolivarian Republic'],
  [/\bPDR\b/g, "People's Democratic Republic"],
  [/\bFYR\b/g, 'former Yugoslav Republic'],
];

/**
 * Returns the state an inverted or abbreviated short name names, as the World Bank and UN lists write them and UNODC's
 * citizenship categories copy them: `Moldova, Rep. of` (MDA), `Congo, Dem. Rep.` (COD), `Korea, Rep.` (KOR),
 * `Venezuela, RB` (VEN), `Lao PDR` (LAO), `Gambia, The` (GMB), `Micronesia (Fed. States of)` (FSM). The abbreviations
 * are written out and the part after the comma, or in parentheses, put before the name (`Democratic Republic of the
 * Congo`); a state is returned only when every reading the
 * resolver knows names the same one, and only as a name (never a demonym).
 */
function resolveAbbreviatedName(text: string, resolver: CountryResolver): string | undefined {
  const expanded = ABBREVIATIONS.reduce((out, [pattern, words]) => out.replace(pattern, words), text);
  // the UN's M49 writes the part in parentheses (`Micronesia (Fed. States of)`), the World Bank's after a comma
  const inverted = /^([^,()]+),\s*([^,()]+)$/.exec(expanded) ?? /^([^,()]+?)\s*\(([^,()]+)\)$/.exec(expanded);
  const readings: string[] = [];
  // `Rep. Dominicana` and `R.Dominicana` are Spanish (República Dominicana), `Rép. centrafricaine` French
  for (const word of ['República', 'République']) {
    const local = text.replace(REPUBLIC, word).replace(/\bRép\.(?=\s)/gu, word).replace(/^R\.\s*(?=\p{L}{3})/u, `${word} `);
    if (local !== text) readings.push(local);
  }
  if (inverted === null) {
    if (expanded !== text) readings.push(expanded);
    // `Benin Rep` for the Republic of Benin: the word after the name, as a form's column is headed
    const after = /^(.+?)\s+Republic$/.exec(expanded);
    if (after !== null) readings.push(`Republic of ${after[1]!}`, `Republic of the ${after[1]!}`);
  } else {
    const [, head, tail] = inverted as unknown as [string, string, string];
    if (/^\s*the\s*$/i.test(tail)) readings.push(head);
    else if (/\bof$/i.test(tail)) readings.push(`${tail} ${head}`, `${tail} the ${head}`, expanded);
    else if (/\bof the$/i.test(tail)) readings.push(`${tail} ${head}`, expanded);
    else readings.push(`${tail} of ${head}`, `${tail} of the ${head}`, `${tail} ${head}`, expanded);
  }
  const states = new Set<string>();
  for (const reading of readings) {
    const match = resolver.resolve(reading);
    if (match?.kind === 'name') states.add(match.iso3);
  }
  return states.size === 1 ? [...states][0] : undefined;
}

import { closest, distance } from 'fastest-levenshtein';
import { quoteValue } from '../errors.js';
import { RETURN_COLUMN_NAMES, type ReturnColumnName } from '../schema/return-format.js';
import type { ValidationSession } from './create-session.js';

/** The coded columns that hold no country: a value of theirs in REF_AREA or COUNTERPART_AREA is a cell out of place. */
const OTHER_COLUMNS = ['INDICATOR', 'SEX', 'AGE', 'BREAKDOWN', 'OBS_STATUS', 'CONF_STATUS'] as const;

/**
 * Codes a country had before ISO 3166-1 changed them, as old tables still write them, and codes a state writes in its own
 * registers (Kosovo's RKS, as on its vehicles and in its institutions' data: it was "see crimetrends dictionary").
 */
const FORMER_CODES: Record<string, [string, string]> = {
  ROM: ['ROU', 'ROM was Romania\'s code until 2002'],
  RKS: ['XKX', 'RKS is Kosovo\'s code in its own registers, not an ISO 3166-1 alpha-3 code'],
};

/**
 * Codes of countries outside the region that a focal point may write for a state of it, each with the country it is
 * and the state meant: Macao's MAC for (North) Macedonia, whose code is MKD; El Salvador's SLV for Slovenia, SVN (as
 * SLO, the IOC's). A hint where the code is no state of the region (REF_AREA); a warning in COUNTERPART_AREA, where it
 * is read as written (see mistakenPartnerCode). Slovakia's SVK, which Slovenia's is mistaken for too, is not listed:
 * Slovakia is a partner of the region's states in its own right.
 */
const MISTAKEN_CODES: Record<string, { is: string; meant: string; meantName: string; hint: string }> = {
  MAC: { is: 'Macao, China', meant: 'MKD', meantName: 'North Macedonia', hint: 'MAC is Macao\'s ISO 3166-1 alpha-3 code; North Macedonia\'s is MKD' },
  SLV: { is: 'El Salvador', meant: 'SVN', meantName: 'Slovenia', hint: 'SLV is El Salvador\'s ISO 3166-1 alpha-3 code; Slovenia\'s is SVN' },
};

/** Returns the hint for a country's code that is no state of the region but looks meant for one (MAC: MKD), else undefined. */
export function mistakenStateHint(value: string): string | undefined {
  const mistaken = MISTAKEN_CODES[value.trim()];
  return mistaken === undefined ? undefined : `did you mean ${mistaken.meant}? ${mistaken.hint}`;
}

/**
 * Returns the warning for a COUNTERPART_AREA value that is the code of a country outside the region often written for
 * a state of it (MAC: Macao, China, for North Macedonia, MKD; any case), with the code it is read as (itself, in
 * capitals); else undefined. Where the state is in the region and the return's partners, it is far likelier meant, but
 * never guessed: the figure would move from one country's cross-border statistics to another's.
 */
export function mistakenPartnerCode(session: ValidationSession, value: string): { code: string; message: string; hint: string } | undefined {
  const upper = value.toUpperCase();
  const mistaken = MISTAKEN_CODES[upper];
  if (mistaken === undefined || !session.codes.COUNTERPART_AREA.has(upper) || !session.codes.REF_AREA.has(mistaken.meant)) return undefined;
  return {
    code: upper,
    message: `expected a partner country's code, found ${quoteValue(value)}, the ISO 3166-1 alpha-3 code of ${mistaken.is}, which is often written for ${mistaken.meantName} (${mistaken.meant}); read as ${mistaken.is} (${upper})`,
    hint: `if ${mistaken.meantName} is meant, write ${mistaken.meant} (${mistaken.hint}); if ${mistaken.is} is meant, write ${upper}${upper === value ? ', as here' : ''}`,
  };
}

/**
 * Abbreviations of a country's name in the region's languages, as a focal point writes them in running text: the hint
 * names the country, where "ABD" (Turkish for the United States) was "did you mean AND?", Andorra, a key off. Keys are
 * upper case without points or spaces ("S.U.A." is SUA). Never read as the country: a hint only.
 */
const LOCAL_ABBREVIATIONS: Record<string, [code: string, name: string, what: string]> = {
  ABD: ['USA', 'the United States', 'the Turkish abbreviation of the United States (Amerika Birleşik Devletleri)'],
  SUA: ['USA', 'the United States', 'the Romanian abbreviation of the United States (Statele Unite ale Americii)'],
  SHBA: ['USA', 'the United States', 'the Albanian abbreviation of the United States (Shtetet e Bashkuara të Amerikës)'],
  США: ['USA', 'the United States', 'the Russian and Ukrainian abbreviation of the United States'],
  САЩ: ['USA', 'the United States', 'the Bulgarian abbreviation of the United States'],
  САД: ['USA', 'the United States', 'the Serbian and Macedonian abbreviation of the United States'],
  ΗΠΑ: ['USA', 'the United States', 'the Greek abbreviation of the United States'],
  BAE: ['ARE', 'the United Arab Emirates', 'the Turkish abbreviation of the United Arab Emirates (Birleşik Arap Emirlikleri)'],
  ОАЭ: ['ARE', 'the United Arab Emirates', 'the Russian abbreviation of the United Arab Emirates'],
  РФ: ['RUS', 'the Russian Federation', 'the Russian abbreviation of the Russian Federation'],
  RF: ['RUS', 'the Russian Federation', 'an abbreviation of the Russian Federation (РФ in Latin letters)'],
};

/**
 * Keys next to each key on QWERTY and QWERTZ keyboards (the region's states type on both), number row included: a
 * code typed one key off ("SRV" for SRB) is a typo, a word that happens to be one letter from a code ("YES", BES) is not.
 */
const KEY_ROWS = [['1234567890', 'QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'], ['1234567890', 'QWERTZUIOP', 'ASDFGHJKL', 'YXCVBNM']];
const NEIGHBOURS = new Map<string, Set<string>>();
for (const rows of KEY_ROWS) {
  rows.forEach((row, r) => [...row].forEach((key, k) => {
    const near = NEIGHBOURS.get(key) ?? new Set<string>();
    for (const [dr, dk] of [[0, -1], [0, 1], [-1, 0], [-1, 1], [1, -1], [1, 0]] as const) {
      const other = rows[r + dr]?.[k + dk];
      if (other !== undefined) near.add(other);
    }
    NEIGHBOURS.set(key, near);
  }));
}

/** True when `code` is `value` with one key next to the one meant, or two neighbouring letters swapped. */
function isKeyTypo(value: string, code: string): boolean {
  if (value.length !== code.length) return false;
  const diff = [...value].flatMap((c, i) => (c === code[i] ? [] : [i]));
  if (diff.length === 1) return NEIGHBOURS.get(value[diff[0]!]!)?.has(code[diff[0]!]!) ?? false;
  return diff.length === 2 && diff[1] === diff[0]! + 1 && value[diff[0]!] === code[diff[1]!] && value[diff[1]!] === code[diff[0]!];
}

/**
 * Returns the hint for a value of REF_AREA or COUNTERPART_AREA that reads as no country. A country is suggested only
 * on evidence, since a focal point who follows the hint writes that country into a cross-border statistic: a code in
 * capitals one key off or with two letters swapped ("SRV": SRB, "RUO": ROU; the region's states first; a column's
 * name, "AGE", is said to be one), a letter typed
 * twice ("ROUU"), a former code (ROM), or a misspelt name (see CountryResolver.misspelt). A word that is one letter
 * from a code is no evidence ("Yes" was BES, "Men" BEN, "Normal" NOR, "Est." EST): a code or label of another coded
 * column ("M", "Male", "Other", "Est.") is said to be one, as a cell out of place.
 */
export function suggestArea(session: ValidationSession, value: string, column: 'REF_AREA' | 'COUNTERPART_AREA'): string {
  const dictionary = 'see "crimetrends dictionary" for the valid codes';
  // "AGE" is a column's name, not AZE typed on a QWERTZ keyboard
  const header = RETURN_COLUMN_NAMES.find((name) => name === value.toUpperCase());
  if (header !== undefined) return `${quoteValue(value)} is the name of the ${header} column: check the columns are in the template's order`;
  const elsewhere = OTHER_COLUMNS.filter((other) => {
    if (session.codes[other].has(value.toUpperCase()) || session.labels[other]?.has(value.toLowerCase())) return true;
    const label = suggestByLabel(value.toUpperCase(), [...session.codes[other]], session.labels[other]);
    return label !== undefined;
  });
  if (elsewhere.length > 0) {
    const names = elsewhere.length === 1 ? elsewhere[0]! : `${elsewhere.slice(0, -1).join(', ')} or ${elsewhere.at(-1)!}`;
    return `looks like ${/^[AEIOU]/.test(names) ? 'an' : 'a'} ${names} value: check the columns are in the template's order`;
  }
  const countries = [...session.codes[column]].filter((code) => !code.startsWith('_'));
  const region = new Set(session.codes.REF_AREA);
  const guess = (codes: string[]): string | undefined => {
    const inRegion = codes.filter((code) => region.has(code));
    const pool = inRegion.length > 0 ? inRegion : codes;
    return pool.length === 1 ? pool[0] : undefined;
  };
  let code: string | undefined;
  let why = '';
  const abbreviation = LOCAL_ABBREVIATIONS[value.toUpperCase().replace(/[.\s]/g, '')];
  if (abbreviation !== undefined) {
    const [iso3, name, what] = abbreviation;
    if (!countries.includes(iso3)) return `${quoteValue(value)} is ${what}, not an ISO 3166-1 alpha-3 code; ${name} (${iso3}) is not a state of the region`;
    return `did you mean ${iso3}? ${quoteValue(value)} is ${what}, not an ISO 3166-1 alpha-3 code`;
  }
  if (/^[A-Z0-9]{3}$/.test(value) && /[A-Z].*[A-Z]/.test(value)) {
    const former = FORMER_CODES[value];
    // a code of sport typed from memory was taken for a key typo of another country's ("GRE": GRD, Grenada; "SLO":
    // LSO, Lesotho; "ALG", Algeria: ALB, Albania; "NGR", Nigeria: BGR, Bulgaria)
    const ioc = session.countries.iocCountry(value);
    if (former !== undefined && countries.includes(former[0])) [code, why] = [former[0], ` ${former[1]}`];
    else if (ioc !== undefined) {
      const name = session.reference.states.find((state) => state.iso3 === ioc.iso3)?.name_en ?? ioc.name;
      if (!countries.includes(ioc.iso3)) return `${value} is the IOC's code of ${name} (as in sport), not an ISO 3166-1 alpha-3 code; ${name} (${ioc.iso3}) is not a state of the region`;
      [code, why] = [ioc.iso3, ` ${value} is the IOC's code of ${name} (as in sport), not an ISO 3166-1 alpha-3 code`];
    } else code = guess(countries.filter((c) => isKeyTypo(value, c)));
  } else if (/^[A-Z]{4}$/.test(value)) {
    // a key pressed twice: ROUU, RROU, SRBB
    code = guess(countries.filter((c) => [0, 1, 2].some((i) => value[i] === value[i + 1] && value.slice(0, i) + value.slice(i + 1) === c)));
  } else {
    const named = session.countries.misspelt(value);
    if (named !== undefined && countries.includes(named)) code = named;
  }
  return code === undefined ? dictionary : `did you mean ${code}?${why}`;
}

/**
 * Returns "did you mean X?" for a close valid code, and the list of valid codes when the list is short. A code of one
 * letter is no evidence for a value starting with that letter ("None" and "Not confidential" are not N, internal use
 * only; "Official" is not O, missing): it is suggested only by its label ("Conf." and "Confidential data" for C,
 * "Est." for E), and a prefix counts from two characters on.
 */
export function suggest(value: string, valid: string[], column: ReturnColumnName, labels?: Map<string, string>): string {
  const candidates = valid.filter((code) => !/^_/.test(code) || column !== 'COUNTERPART_AREA').sort();
  const prefix = candidates
    .filter((code) => Math.min(code.length, value.length) >= 2 && (value.startsWith(code) || code.startsWith(value)))
    .sort((a, b) => b.length - a.length)[0];
  const byLabel = prefix === undefined ? suggestByLabel(value, candidates, labels) : undefined;
  const guess = prefix ?? byLabel ?? closest(value, candidates);
  const isClose = prefix !== undefined || byLabel !== undefined || (value.length >= 3 && distance(value, guess) <= Math.max(1, Math.floor(guess.length / 3)));
  if (candidates.length <= 12) return `${isClose ? `did you mean ${guess}? ` : ''}valid codes: ${candidates.join(', ')}`;
  return isClose ? `did you mean ${guess}?` : 'see "crimetrends dictionary" for the valid codes';
}

/**
 * Returns the one code whose label the value begins (three letters or more: "est." of "Estimated") or starts with as a
 * word ("Estimated value"), or undefined when none or several do ("Miss" begins M's, L's and O's labels).
 */
function suggestByLabel(value: string, candidates: string[], labels: Map<string, string> | undefined): string | undefined {
  const text = value.toLowerCase().replace(/\.$/, '');
  const codes = new Set(
    [...(labels ?? [])]
      .filter(([label, code]) => candidates.includes(code)
        && ((text.length >= 3 && label.startsWith(text)) || (text.startsWith(label) && !/[\p{L}\p{N}]/u.test(text.charAt(label.length)))))
      .map(([, code]) => code),
  );
  return codes.size === 1 ? [...codes][0] : undefined;
}

/**
 * A yes or no where CONF_STATUS's code belongs, as a column asking "confidential?" is filled (spaces aside, any case):
 * in English, as a program writes it, and in the region's languages (da/ne, da/nu, да/не, да/нет, так/ні, evet/hayır,
 * bəli/xeyr, po/jo, ναι/όχι, კი/არა, დიახ, այո/ոչ).
 */
export const YES_OR_NO = /^(yes|no|y|n|true|false|1|0|da|ne|nu|evet|hayır|hayir|bəli|xeyr|да|не|нет|так|ні|ναι|ναί|όχι|οχι|po|jo|კი|არა|დიახ|այո|ոչ)$/iu;
/** The yes of {@link YES_OR_NO}: a CONF_STATUS column holding one is a yes or no column, its N the answer no. */
export const YES = /^(yes|y|true|1|da|evet|bəli|да|так|ναι|ναί|po|კი|დიახ|այո)$/iu;

/**
 * Returns the hint for a value of OBS_STATUS that is a code of CONF_STATUS ("C", as Eurostat's flag c marks a
 * confidential figure), or of CONF_STATUS that is a code of OBS_STATUS ("E") or a yes or no ("Yes", "TRUE", "1": a column
 * filled as "confidential?"); else undefined. Never read as either: the column decides what the figure may be.
 */
export function suggestStatus(session: ValidationSession, value: string, column: 'OBS_STATUS' | 'CONF_STATUS'): string | undefined {
  const upper = value.trim().toUpperCase();
  const other = column === 'OBS_STATUS' ? 'CONF_STATUS' : 'OBS_STATUS';
  const label = session.reference.codes.find((c) => c.codelist === other && c.code === upper)?.label;
  if (label !== undefined) {
    return `${upper} is a code of ${other} (${label.toLowerCase()}): write it in ${other}, and leave ${column} empty, which reads as ${column === 'OBS_STATUS' ? 'A (normal value)' : 'F (free: may be published)'}, or give the figure's own code`;
  }
  if (column === 'CONF_STATUS' && YES_OR_NO.test(value.trim())) {
    return `CONF_STATUS takes a code, not a yes or no: write C if the figure is confidential (never published), N if for internal use only, else leave the cell empty, which reads as F (free: may be published)`;
  }
  return undefined;
}

/**
 * Words and initials for women and men in the region's languages, as a national form writes SEX (lower case): the code
 * they stand for and what they are. A hint only, never read as the code: an initial means one sex in one language and the
 * other in another (K: kadın, women, in Turkish; kişi, men, in Azerbaijani).
 */
const SEX_WORDS: Record<string, [codes: string, what: string]> = {
  'k': ['F or M', 'kadın (women) in Turkish, kişi (men) in Azerbaijani'],
  'e': ['M', 'erkek (men) in Turkish'],
  'q': ['F', 'qadın (women) in Azerbaijani'],
  'b': ['M', 'bărbați (men) in Romanian'],
  'ж': ['F', 'the initial of women in Bulgarian, Russian, Serbian and Ukrainian (жени, женщины, жене, жінки)'],
  'ч': ['M', 'чоловіки (men) in Ukrainian'],
  'ž': ['F', 'žene (women) in Serbian, Croatian, Bosnian and Montenegrin'],
  'γ': ['F', 'γυναίκες (women) in Greek'],
  'α': ['M', 'άνδρες (men) in Greek'],
  'kadın': ['F', 'Turkish for women'], 'kadin': ['F', 'Turkish for women'], 'erkek': ['M', 'Turkish for men'],
  'qadın': ['F', 'Azerbaijani for women'], 'kişi': ['M', 'Azerbaijani for men'],
  'femei': ['F', 'Romanian for women'], 'femeie': ['F', 'Romanian for woman'], 'feminin': ['F', 'Romanian for female'],
  'bărbați': ['M', 'Romanian for men'], 'barbati': ['M', 'Romanian for men'], 'bărbat': ['M', 'Romanian for man'], 'masculin': ['M', 'Romanian for male'],
  'femra': ['F', 'Albanian for women'], 'meshkuj': ['M', 'Albanian for men'],
  'жени': ['F', 'Bulgarian and Macedonian for women'], 'жена': ['F', 'a word for woman'], 'мъже': ['M', 'Bulgarian for men'], 'мъж': ['M', 'Bulgarian for man'],
  'мажи': ['M', 'Macedonian for men'], 'жене': ['F', 'Serbian for women'], 'мушкарци': ['M', 'Serbian for men'],
  'женщины': ['F', 'Russian for women'], 'мужчины': ['M', 'Russian for men'], 'жінки': ['F', 'Ukrainian for women'], 'чоловіки': ['M', 'Ukrainian for men'],
  'žene': ['F', 'Serbian, Croatian, Bosnian and Montenegrin for women'], 'muškarci': ['M', 'Serbian, Croatian, Bosnian and Montenegrin for men'],
  'γυναίκες': ['F', 'Greek for women'], 'άνδρες': ['M', 'Greek for men'],
  'ქალი': ['F', 'Georgian for woman'], 'კაცი': ['M', 'Georgian for man'], 'կին': ['F', 'Armenian for woman'], 'տղամարդ': ['M', 'Armenian for man'],
};

/** Returns the hint for a SEX value that is a word or initial for women or men in a language of the region, else undefined. */
export function suggestSex(value: string): string | undefined {
  const word = SEX_WORDS[value.trim().toLowerCase()];
  if (word === undefined) return undefined;
  return `${quoteValue(value.trim())} is ${word[1]}: write ${word[0]} (SEX takes the codes F, M, _T for the total and _U for unknown, in every language)`;
}

import { listInProse, plural } from '../format-number.js';
import type { IndicatorInfo } from '../review-model.js';

/**
 * Returns an indicator's name as it reads inside a sentence: `Area: measure` becomes `measure for area` (victims:
 * `victims of area detected`; persons convicted and suspected are "of" the crime, as the catalogue's definitions say,
 * where "persons convicted for trafficking in persons" stood), other names are lower-cased at the start.
 *
 * @example proseName({ name: 'Cybercrime: offences recorded' }) // 'offences recorded for cybercrime'
 * @example proseName({ name: 'Trafficking in persons: persons convicted' }) // 'persons convicted of trafficking in persons'
 * @example proseName({ name: 'Trafficking in persons: persons prosecuted' }) // 'persons prosecuted for trafficking in persons'
 * @example proseName({ name: 'Trafficking in persons: victims detected' }) // 'victims of trafficking in persons detected'
 */
export function proseName(indicator: Pick<IndicatorInfo, 'name'>): string {
  const [area, measure] = splitName(indicator.name);
  if (measure === null) return lowerFirst(area);
  const victims = /^victims\s+(.*)$/i.exec(measure);
  if (victims) return `victims of ${lowerFirst(area)} ${victims[1] ?? ''}`.trim();
  return `${lowerFirst(measure)} ${/^persons (convicted|suspected)$/i.test(measure) ? 'of' : 'for'} ${lowerFirst(area)}`;
}

/**
 * Returns the indicator's name as it reads in a list grouped under `group` (an area's name): without its prefix when
 * the prefix is the group's name, else whole, since an area can hold indicators of several prefixes (under
 * "Corruption and money laundering", "Offences recorded" would be corruption's and money laundering's alike).
 *
 * @example shortName({ name: 'Cybercrime: offences recorded' }, 'Cybercrime') // 'Offences recorded'
 * @example shortName({ name: 'Money laundering: offences recorded' }, 'Corruption and money laundering') // 'Money laundering: offences recorded'
 */
export function shortName(indicator: Pick<IndicatorInfo, 'name'>, group: string): string {
  const [prefix, measure] = splitName(indicator.name);
  return measure !== null && prefix.toLowerCase() === group.toLowerCase() ? upperFirst(measure) : indicator.name;
}

/**
 * Returns a state's name as it reads in running text: with "the" where English puts one.
 *
 * @example stateInProse('Russian Federation') // 'the Russian Federation'
 */
export function stateInProse(name: string): string {
  return /^(Russian Federation|Republic of|United|Netherlands|Czech Republic|Holy See)/.test(name) ? `the ${name}` : name;
}

/**
 * Returns the crime areas a figure shows as its title names them before the colon, as the catalogue's indicator
 * names do ("Cybercrime: offences recorded"), so that a title quoted out of its chapter still says what it is of.
 *
 * @example areasInTitle(['Trafficking in persons', 'Drug trafficking']) // 'Trafficking in persons and drug trafficking'
 */
export function areasInTitle(names: readonly string[]): string {
  return upperFirst(listInProse(names.map((n) => n.toLowerCase())));
}

/**
 * Returns what a figure shows of one crime area as its title names it: the subject every indicator drawn shares
 * before the colon, where they share one ("Corruption" of "Corruption: offences recorded" and "Corruption: persons
 * suspected"), so that a figure of part of an area is not titled with the whole area's name (the attrition chain
 * of "Corruption and money laundering" is corruption's alone); otherwise the area's name.
 *
 * @example areaShown('Corruption and money laundering', [{ name: 'Corruption: offences recorded' }]) // 'Corruption'
 * @example areaShown('Firearms trafficking', [{ name: 'Firearms seized' }]) // 'Firearms trafficking'
 */
export function areaShown(areaName: string, indicators: readonly Pick<IndicatorInfo, 'name'>[]): string {
  const subjects = new Set(indicators.map((i) => (splitName(i.name)[1] === null ? null : splitName(i.name)[0])));
  const [only] = subjects;
  return subjects.size === 1 && typeof only === 'string' ? only : areaName;
}

/** Returns text with its first letter upper-cased. */
export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function splitName(name: string): [string, string | null] {
  const at = name.indexOf(': ');
  return at < 0 ? [name, null] : [name.slice(0, at), name.slice(at + 2)];
}

/** Words a group's name can use for its members themselves, so that the name describes the states. */
const MEMBER_WORDS = /^(states|countries|economies|members|participants|jurisdictions|nations|territories)$/;

/**
 * How a grouping's own texts call its members: one and several as members (`one`, `many`: "member state"), and
 * where the sentence already says whose they are (`bareOne`, `bareMany`: "3 of 13 states returned data", "State
 * profiles").
 */
export interface MemberNouns {
  one: string;
  many: string;
  bareOne: string;
  bareMany: string;
  /** What a figure's source line calls the returns: "Member-state returns", "Economies\u2019 returns". */
  returns: string;
}

/**
 * The groupings whose own usage does not call their members "member states": the SEECP's texts speak of its
 * "participants" (Kosovo among them), the Western Balkans Six's (the Berlin Process, the Regional Cooperation
 * Council) of six "economies". Any other group's members are "member states", as BSEC's charter calls them.
 */
const MEMBER_NOUNS: Record<string, MemberNouns> = {
  SEECP: { one: 'participant', many: 'participants', bareOne: 'participant', bareMany: 'participants', returns: 'Participants\u2019 returns' },
  WB6: { one: 'economy', many: 'economies', bareOne: 'economy', bareMany: 'economies', returns: 'Economies\u2019 returns' },
};

/**
 * Returns the noun the review calls the group's members by wherever it speaks of them as members ("3 of the 6
 * economies returned data", "No participant reported …", "by economy"): the one place that rule is kept.
 *
 * @example memberNouns({ code: 'WB6' }).many // 'economies'
 * @example memberNouns({ code: 'BSEC' }).many // 'member states'
 */
export function memberNouns(group: { code: string }): MemberNouns {
  return MEMBER_NOUNS[group.code.toUpperCase()] ?? { one: 'member state', many: 'member states', bareOne: 'state', bareMany: 'states', returns: 'Member-state returns' };
}

/**
 * Returns a count of members in the group's bare noun, as the analytic text counts the members a total, median or
 * change is taken over.
 *
 * @example countMembers(3, memberNouns({ code: 'WB6' })) // '3 economies'
 * @example countMembers(1, memberNouns({ code: 'BSEC' })) // '1 state'
 */
export function countMembers(n: number, nouns: Pick<MemberNouns, 'bareOne' | 'bareMany'>): string {
  return plural(n, nouns.bareOne, nouns.bareMany);
}

/**
 * Returns one member, unnamed, with its article: "a state", "an economy", "a participant".
 *
 * @example aMember(memberNouns({ code: 'WB6' })) // 'an economy'
 */
export function aMember(nouns: Pick<MemberNouns, 'bareOne'>): string {
  return `${/^[aeiou]/i.test(nouns.bareOne) ? 'an' : 'a'} ${nouns.bareOne}`;
}

/**
 * Returns a group's `count` members as they read in running text, by the group's name: a name that describes the
 * states themselves (a lower-case "states", "countries", … at its end, or such a word first) is their noun, any
 * other name is an organisation or process they are members of, its members called as `memberNouns` says;
 * `withCode` adds the group's code in brackets (an organisation's name is then spelt out, without it the code stands
 * for the name). A leading "the" is not doubled.
 *
 * @example groupMembersInProse({ code: 'BSEC', name: 'Organization of the Black Sea Economic Cooperation' }, 13) // 'the 13 member states of the Organization of the Black Sea Economic Cooperation (BSEC)'
 * @example groupMembersInProse({ code: 'WB6', name: 'Western Balkans Six' }, 6) // 'the 6 economies of the Western Balkans Six (WB6)'
 * @example groupMembersInProse({ code: 'BLACKSEA6', name: 'Black Sea littoral states' }, 6) // 'the 6 Black Sea littoral states (BLACKSEA6)'
 * @example groupMembersInProse({ code: 'DANUBE', name: 'States along the Danube' }, 9, false) // 'the 9 states along the Danube'
 */
export function groupMembersInProse(group: { code: string; name: string }, count: number, withCode = true): string {
  const name = group.name.trim().replace(/^the\s+/i, '');
  const words = name.split(/\s+/);
  const last = words[words.length - 1] ?? '';
  const first = words[0] ?? '';
  const code = withCode ? ` (${group.code})` : '';
  if (MEMBER_WORDS.test(last)) return `the ${count} ${name}${code}`;
  if (words.length > 1 && MEMBER_WORDS.test(first.toLowerCase())) return `the ${count} ${lowerFirst(name)}${code}`;
  const { many } = memberNouns(group);
  if (!withCode || name === group.code) return `the ${count} ${many} of ${group.code}`;
  return `the ${count} ${many} of the ${name}${code}`;
}

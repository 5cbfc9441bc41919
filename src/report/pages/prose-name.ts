import type { IndicatorInfo } from '../review-model.js';

/**
 * Returns an indicator's name as it reads inside a sentence: `Area: measure` becomes `measure for area` (victims:
 * `victims of area detected`), other names are lower-cased at the start.
 *
 * @example proseName({ name: 'Cybercrime: offences recorded' }) // 'offences recorded for cybercrime'
 * @example proseName({ name: 'Trafficking in persons: victims detected' }) // 'victims of trafficking in persons detected'
 */
export function proseName(indicator: Pick<IndicatorInfo, 'name'>): string {
  const [area, measure] = splitName(indicator.name);
  if (measure === null) return lowerFirst(area);
  const victims = /^victims\s+(.*)$/i.exec(measure);
  if (victims) return `victims of ${lowerFirst(area)} ${victims[1] ?? ''}`.trim();
  return `${lowerFirst(measure)} for ${lowerFirst(area)}`;
}

/**
 * Returns the indicator's name without its area prefix, for lists already grouped by area.
 *
 * @example shortName({ name: 'Cybercrime: offences recorded' }) // 'Offences recorded'
 */
export function shortName(indicator: Pick<IndicatorInfo, 'name'>): string {
  const [area, measure] = splitName(indicator.name);
  return measure === null ? area : upperFirst(measure);
}

/**
 * Returns a state's name as it reads in running text: with "the" where English puts one.
 *
 * @example stateInProse('Russian Federation') // 'the Russian Federation'
 */
export function stateInProse(name: string): string {
  return /^(Russian Federation|Republic of|United|Netherlands|Czech Republic|Holy See)/.test(name) ? `the ${name}` : name;
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

/**
 * The designations a name is printed with: "Kosovo*" and its footnote, as the regional organisations print them.
 * One module decides where the asterisk goes (the review model's names), which pages give the footnote, and how a
 * text alternative speaks the name.
 */

/**
 * The designation Kosovo is named with, as the SEECP, the Regional Cooperation Council and the EU print it (the
 * footnote of the 2012 arrangement on regional representation): the footnote the asterisk of "Kosovo*" refers to.
 */
export const KOSOVO_DESIGNATION = 'This designation is without prejudice to positions on status, and is in line with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.';

/** The names printed with an asterisk that refers to a designation footnote, by code, and the footnote's text. */
const DESIGNATIONS: Record<string, string> = { XKX: KOSOVO_DESIGNATION };

/**
 * Returns a state's or counterpart's name as every table, chart label (axis, legend, tooltip), list and sentence of
 * the review prints it: "Kosovo*", with the asterisk of the regional organisations' customary practice (RCC, SEECP,
 * EU), whose footnote each page that shows the name gives once (see `designationFootnotes`); other names as they are.
 * The one place that decides where the asterisk goes: the review model's names are made with it.
 *
 * @example designatedName('XKX', 'Kosovo') // 'Kosovo*'
 * @example designatedName('ALB', 'Albania') // 'Albania'
 */
export function designatedName(iso3: string, name: string): string {
  return DESIGNATIONS[iso3] === undefined ? name : `${name}*`;
}

/**
 * Returns the footnotes a page owes its designated names: one "*This designation …" for each name of `names` (the
 * review's designated names, as `designatedName` made them) that the page's text shows, or none.
 *
 * @example designationFootnotes('<td>Kosovo*</td>', [['XKX', 'Kosovo*']]) // ['*This designation is without prejudice …']
 */
export function designationFootnotes(page: string, names: ReadonlyArray<readonly [iso3: string, name: string]>): string[] {
  return [...new Set(names.filter(([iso3, name]) => DESIGNATIONS[iso3] !== undefined && page.includes(name)).map(([iso3]) => `*${DESIGNATIONS[iso3] ?? ''}`))];
}

/**
 * Returns a text alternative (a figure's description, which a screen reader speaks) with the designation's asterisk
 * left out of the names: "Kosovo", where a screen reader reads "Kosovo star"; the page's footnote, which it reads
 * too, gives the designation.
 *
 * @example spokenText('No figure: Kosovo* and Montenegro.') // 'No figure: Kosovo and Montenegro.'
 */
export function spokenText(text: string): string {
  return text.replace(/(?<=\p{L})\*(?!\p{L})/gu, '');
}

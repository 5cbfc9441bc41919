// A return saved on a computer set to another language than its state's (Russian comments in a Romanian return, saved
// by Excel as "CSV (Comma delimited)" on a Russian-locale PC): read in that language's code page when the words say so
// clearly, else refused with the pages that read them as letters named.

import { encodingLabel, statesPages, usualPages } from './code-pages.js';
import { MIN_FOREIGN_PLAUSIBILITY, MIN_PLAUSIBILITY, plausibility } from './plausibility.js';

/** A page's reading of a file's words (see detectEncoding), scored. */
export interface Reading {
  name: string;
  text: string;
  score: number;
}

/** The states a file's rows report, their usual code pages, and the first words the first of these pages reads. */
export interface Usual {
  states: string[];
  pages: string[];
  sample: string;
}

/** The pages of none of the file's states that read its words as letters, with the first words each reads. */
export interface Candidates {
  kind: 'candidates';
  usual: Usual;
  readings: Array<{ name: string; sample: string }>;
}

/**
 * The least number of letters, in the words holding a non-ASCII letter (each distinct word counted once), that lets a
 * page of none of the file's states win: a whole word or more (`Оценка`, `uključujući`, `Müdürlüğü`), not a letter or
 * an abbreviation (`İl`, `εκτ.`, `МВД`), which pages of several languages read as letters alike.
 */
export const MIN_FOREIGN_LETTERS = 6;

/**
 * Returns the reading of a file whose states' pages (`states`, see fileStates) read its words (`sample`) as no text, not
 * even half plausibly (`Äŕííűĺ`: windows-1250's reading of Russian in windows-1251), judged with every page weighed
 * alike (`open`, see judge): the page `open` reads plausibly and clearly ahead of every other reading, with at least
 * {@link MIN_FOREIGN_LETTERS} letters in such words, to read the file in, its states' usual pages named (`usual`);
 * else the pages that read the words plausibly, at most three (`Candidates`; a Greek `εκτ` is windows-1251's `екф`
 * too), or undefined for none. Undefined too when a state's page reads the words half plausibly or better: the
 * state's pages keep deciding.
 */
export function readForeign(
  sample: Buffer,
  decode: (bytes: Buffer, name: string) => string,
  states: string[],
  open: { kind: 'text' | 'implausible'; name: string; confidence?: number; alternative?: unknown; readings: Reading[] },
): { kind: 'text'; name: string; confidence: number; usual: Usual } | Candidates | undefined {
  const pages = [...statesPages(states)!];
  if (pages.some((page) => plausibility(decode(sample, page)) >= MIN_FOREIGN_PLAUSIBILITY)) return undefined;
  const usualList = usualPages(states);
  const usual = { states, pages: usualList, sample: firstWords(decode(sample, usualList[0]!)) };
  const confidence = open.confidence ?? 0;
  const isClear = open.kind === 'text' && open.alternative === undefined && confidence >= MIN_PLAUSIBILITY * 100;
  if (isClear && foreignLetters(decode(sample, open.name)) >= MIN_FOREIGN_LETTERS) {
    return { kind: 'text', name: open.name, confidence, usual };
  }
  const seen = new Set<string>();
  const readings = [...open.readings].sort((a, b) => b.score - a.score).filter((r) => {
    if (r.score < MIN_PLAUSIBILITY || seen.has(r.text)) return false;
    seen.add(r.text);
    return true;
  }).slice(0, 3).map((r) => ({ name: r.name, sample: firstWords(r.text) }));
  return readings.length === 0 ? undefined : { kind: 'candidates', usual, readings };
}

/**
 * Returns the number of letters in the words of `text` that hold a non-ASCII letter, each distinct word counted once
 * (a return repeats its comments on every row): `Оценка МВД Оценка ok` has 9.
 */
function foreignLetters(text: string): number {
  const words = [...new Set(text.split(/[^\p{L}]+/u))].filter((word) => /[^\x00-\x7f]/.test(word));
  return words.reduce((sum, word) => sum + [...word].length, 0);
}

/**
 * Returns the first few words of a reading that hold non-ASCII letters (to show what a wrong guess looks like), without
 * the quotes of a quoted cell around them.
 */
export function firstWords(text: string): string {
  return text.split(/\s+/).filter((w) => /[^\x00-\x7f]/.test(w)).slice(0, 3).map((w) => w.replace(/^"+|"+$/g, '')).join(' ');
}

/**
 * Returns how a message names a file's states' usual pages, with what the first of them reads when `isRead`.
 *
 * @example notUsual({ states: ['ROU'], pages: ['windows-1250'], sample: 'Îöĺíęŕ' }, true)
 * // 'not windows-1250, the code page of ROU\'s returns (windows-1250 reads the words as "Îöĺíęŕ")'
 */
export function notUsual(usual: Usual, isRead: boolean): string {
  const { states, pages, sample } = usual;
  const whose = `${states.map((code) => `${code}'s`).join(' and ')} returns`;
  const read = isRead ? ` (${encodingLabel(pages[0]!)} reads the words as ${JSON.stringify(sample)})` : '';
  return `not ${pages.map(encodingLabel).join(' or ')}, the code page${pages.length > 1 ? 's' : ''} of ${whose}${read}`;
}

/**
 * Returns the hint of a refused file whose states' pages read it as no text: the pages that read it as letters, each
 * with its first words, then `save`, how to save it.
 */
export function candidatesHint(candidates: Candidates, save: string): string {
  const { readings, usual } = candidates;
  const named = readings.map((r) => `${encodingLabel(r.name)} (${JSON.stringify(r.sample)})`);
  return readings.length === 1
    ? `only ${named[0]} reads the words as letters (${notUsual(usual, false)}), and they are too few to be sure: ${save}`
    : `the words read as letters in ${named.slice(0, -1).join(', ')} and in ${named.at(-1)} (${notUsual(usual, false)}), and nothing tells which is right: ${save}`;
}

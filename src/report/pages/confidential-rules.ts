import { formatNumber } from '../format-number.js';
import type { RulesInfo } from '../review-model.js';
import type { MemberNouns } from './prose-name.js';

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/**
 * Returns the fewest states whose confidential figures a published regional total holds (confidentialMinStates,
 * three unless the build set another), in words as the review's sentences give it.
 *
 * @example minStatesInWords({ ...rules, confidentialMinStates: 4 }) // 'four'
 */
export function minStatesInWords(rules: RulesInfo): string {
  const n = rules.confidentialMinStates ?? 3;
  return WORDS[n] ?? formatNumber(n);
}

/**
 * Returns why a total is withheld under the p % rule (confidentialDominanceP, 10 unless the build set another), as a
 * clause after "withheld: ".
 *
 * @example dominantReason(rules, memberNouns({ code: 'BSEC' })) // 'one state’s confidential figure in it dwarfs the others: …'
 */
export function dominantReason(rules: RulesInfo, nouns: Pick<MemberNouns, 'bareOne' | 'bareMany'>): string {
  const p = `${rules.confidentialDominanceP ?? 10}%`;
  return `one ${nouns.bareOne}\u2019s confidential figure in it dwarfs the others (the confidential figures besides the two largest come to less than ${p} of the largest), so that the ${nouns.bareOne} with the second-largest could work it out to within ${p} from the total less the other ${nouns.bareMany}\u2019 published figures`;
}

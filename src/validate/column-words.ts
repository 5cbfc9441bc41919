import type { CodedColumn } from './resolve-codes.js';

/** Returns how a message names a code of `column`: "an OBS_STATUS code", "a SEX code". */
export function aColumnCode(column: CodedColumn): string {
  return `${/^[AEIOU]/.test(column) ? 'an' : 'a'} ${column} code`;
}

/** Returns what a message says `column` expects: "a catalogue indicator" for INDICATOR, else its code ("a SEX code"). */
export function expectedValue(column: CodedColumn): string {
  return column === 'INDICATOR' ? 'a catalogue indicator' : aColumnCode(column);
}

/** Returns the issue code of a value `column` cannot read: REF_AREA's and INDICATOR's own, UNKNOWN_CODE for the others. */
export function unknownIssueCode(column: CodedColumn): 'UNKNOWN_REF_AREA' | 'UNKNOWN_INDICATOR' | 'UNKNOWN_CODE' {
  return column === 'REF_AREA' ? 'UNKNOWN_REF_AREA' : column === 'INDICATOR' ? 'UNKNOWN_INDICATOR' : 'UNKNOWN_CODE';
}

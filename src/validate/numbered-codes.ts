import { quoteValue } from '../errors.js';
import { aColumnCode } from './column-words.js';
import type { CodedColumn, Resolution } from './resolve-codes.js';

/** The coded columns a statistics program may hold as numbers with value labels (Stata's encode, SPSS's value labels). */
const LABELLED: readonly CodedColumn[] = ['SEX', 'AGE', 'BREAKDOWN', 'OBS_STATUS', 'CONF_STATUS'];
const WHOLE = /^\d{1,2}$/;

/**
 * Returns the coded columns whose every cell is empty or a whole number under 100, one of them at least: a categorical
 * variable a statistics program holds as numbers with value labels and wrote without them (Stata's `export delimited
 * …, nolabel`, SPSS's `SAVE TRANSLATE /CELLS=VALUES`). OBS_STATUS counts only beside another such column (a number
 * there alone is a cell a decimal comma shifted), CONF_STATUS only with a number above 1 (0 and 1 are a no and a yes),
 * and each column with its values, sorted.
 */
export function findNumberedColumns(distinct: Readonly<Record<string, ReadonlyArray<string | null>>>): Map<CodedColumn, string[]> {
  const numbered = new Map<CodedColumn, string[]>();
  for (const column of LABELLED) {
    const values = (distinct[column] ?? []).filter((v): v is string => v !== null && v.trim() !== '').map((v) => v.trim());
    if (values.length === 0 || !values.every((v) => WHOLE.test(v))) continue;
    if (column === 'CONF_STATUS' && values.every((v) => Number(v) <= 1)) continue;
    numbered.set(column, [...new Set(values)].sort((a, b) => Number(a) - Number(b)));
  }
  if (numbered.size === 1 && numbered.has('OBS_STATUS')) numbered.delete('OBS_STATUS');
  return numbered;
}

/**
 * Returns how `value`, a number in a column of numbers alone (see findNumberedColumns), reads: no code (a number is never
 * mapped to one: the labels are the program's), an error saying the program wrote the values without their labels.
 */
export function readNumberedCode(column: CodedColumn, value: string, values: readonly string[]): Resolution {
  const shown = values.length <= 6 ? values.join(', ') : `${values.slice(0, 5).join(', ')}, …`;
  return {
    code: null,
    issueCode: 'UNKNOWN_CODE',
    message: `expected ${aColumnCode(column)}, found ${quoteValue(value.trim())}: the column holds numbers alone (${shown}), as Stata and SPSS write a variable's values without their labels`,
    hint: 'write the codes of the template (_T for the total), not the numbers a program gave them: Stata\'s export delimited writes the value labels '
      + 'unless given nolabel, SPSS\'s SAVE TRANSLATE with /CELLS=LABELS; check that the labels are the codes',
  };
}

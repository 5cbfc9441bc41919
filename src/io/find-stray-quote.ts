/**
 * Returns the cell (0-based index and raw text) of a line in which a quoted cell goes on after its closing quote
 * (`"quoted" then text`), or undefined.
 *
 * @example findStrayQuote('ROU,"a" b,1', ',') // { index: 1, cell: '"a" b' }
 */
export function findStrayQuote(line: string, delimiter: string): { index: number; cell: string } | undefined {
  let index = 0;
  let start = 0;
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let j = i + 1;
      for (; j < line.length; j++) {
        if (line[j] === '"' && line[j + 1] === '"') j++;
        else if (line[j] === '"') break;
      }
      if (j + 1 < line.length && line[j + 1] !== delimiter) {
        const end = line.indexOf(delimiter, j + 1);
        return { index, cell: line.slice(start, end < 0 ? line.length : end) };
      }
      i = j + 1;
    }
    const end = line.indexOf(delimiter, i);
    if (end < 0) return undefined;
    index++;
    i = start = end + 1;
  }
  return undefined;
}

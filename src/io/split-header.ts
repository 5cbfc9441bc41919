/**
 * Returns the cells of a header line split on `delimiter`, with RFC 4180 quotes removed (`""` becomes `"`).
 * Only the header is split here: data lines are parsed by DuckDB.
 *
 * @example splitHeader('REF_AREA,"TIME_PERIOD",INDICATOR', ',') // ['REF_AREA', 'TIME_PERIOD', 'INDICATOR']
 */
export function splitHeader(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let isQuoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (isQuoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') isQuoted = false;
      else cell += char;
    } else if (char === '"' && cell.trim() === '') {
      isQuoted = true;
      cell = '';
    } else if (char === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

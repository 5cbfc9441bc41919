import { DataError } from '../../errors.js';

/** A cell of a dataUNODC row: a country code (`ROU`, `GBR_S`) first, a year in some later cell. */
const isCode = (cell: string): boolean => /^[A-Z]{3}(_[A-Z0-9]+)?$/.test(cell.trim());
const isYear = (cell: string): boolean => /^(19|20)\d{2}$/.test(cell.trim());

/**
 * Returns whether `cells` could be a dataUNODC header whose names were translated or renamed (`Code_iso3, Pays,
 * Région, …, Année, Unité de mesure, VALEUR`): ten names or more, none a year or a country code; a return's header
 * (REF_AREA, TIME_PERIOD, OBS_VALUE) is not one, and keeps its own refusal. Whether it is one is told by the row
 * below it (isUnodcRow).
 */
export function isRenamedHeader(cells: string[]): boolean {
  const named = cells.filter((cell) => cell.trim() !== '');
  if (named.length < 10 || named.some(isYear) || isCode(named[0]!)) return false;
  return !named.some((cell) => /^(REF_AREA|TIME_PERIOD|OBS_VALUE)$/i.test(cell.trim()));
}

/** Returns whether `cells` are laid out as a dataUNODC row: a country code first, a year in a later cell. */
export const isUnodcRow = (cells: readonly string[]): boolean => cells.length >= 10 && isCode(cells[0] ?? '') && cells.slice(1).some(isYear);

/**
 * Returns the refusal of a download whose header, at `line` (a CSV line or a sheet row), names none of the columns
 * `missing` but stands above rows laid out as dataUNODC's: a download whose header was translated or renamed, which
 * was refused as no dataUNODC download at line 1, with the hint that it might be a Eurostat or World Bank file.
 */
export function renamedHeaderError(displayName: string, line: number, unit: 'line' | 'row', header: readonly string[], missing: readonly string[]): DataError {
  const shown = header.map((cell) => `"${cell.replace(/^\uFEFF/, '').trim()}"`);
  return new DataError(
    'IMPORT_COLUMN_MISSING',
    `expected a dataUNODC header naming ${missing.join(', ')}, found on ${unit} ${line} the header ${shown.slice(0, 13).join(', ')}${shown.length > 13 ? ', …' : ''} above rows laid out as a dataUNODC download's (a country code, a year): a header translated or renamed, not imported`,
    [],
    {
      location: { file: displayName, line, column: missing[0] ?? 'Iso3_code' },
      hint: 'give the columns dataUNODC\'s English names (Iso3_code, Country, Region, Subregion, Indicator, Dimension, Category, Sex, Age, Year, Unit of measurement, VALUE, Source), or download the file again from dataunodc.un.org',
    },
  );
}

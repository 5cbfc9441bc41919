import { closest, distance } from 'fastest-levenshtein';
import type { ReturnColumnName } from '../schema/return-format.js';
import { quoteIdent, type SqlValue } from '../store/index.js';
import type { ValidationSession } from './create-session.js';
import type { HeaderMap } from './map-header.js';

/** The coded columns whose distinct values are resolved to codes. */
export const CODED_COLUMNS = ['REF_AREA', 'INDICATOR', 'SEX', 'AGE', 'COUNTERPART_AREA', 'BREAKDOWN', 'OBS_STATUS', 'CONF_STATUS'] as const;
type CodedColumn = (typeof CODED_COLUMNS)[number];

/** How one distinct cell value of a coded column reads. */
export interface Resolution {
  /** The code it stands for (`=REF_AREA` for "Nationals": the reporting state), or null when unknown. */
  code: string | null;
  issueCode: 'NAME_NOT_CODE' | 'UNKNOWN_REF_AREA' | 'UNKNOWN_INDICATOR' | 'UNKNOWN_CODE' | null;
  message: string | null;
  hint: string | null;
}

/**
 * Creates the temporary table `<table>` (col, raw, code, issue_code, message, hint) mapping every distinct value of
 * every coded column of the loaded file to its code. Only distinct values reach JavaScript, never the rows.
 */
export async function resolveCodes(session: ValidationSession, rawTable: string, header: HeaderMap, table: string): Promise<void> {
  const { store } = session;
  const present = CODED_COLUMNS.filter((c) => header.index[c] !== undefined);
  await store.run(`create or replace temp table ${quoteIdent(table)} (col varchar, raw varchar, code varchar, issue_code varchar, message varchar, hint varchar)`);
  if (present.length === 0) return;
  const distinct = await store.all<{ col: CodedColumn; raw: string }>(
    present
      .map((c) => `select distinct '${c}' as col, c${header.index[c]} as raw from ${quoteIdent(rawTable)} where c${header.index[c]} is not null`)
      .join(' union all '),
  );
  const rows: SqlValue[][] = [];
  for (const { col, raw } of distinct) {
    const resolution = resolveValue(session, col, raw.trim());
    rows.push([col, raw, resolution.code, resolution.issueCode, resolution.message, resolution.hint]);
  }
  await store.append(table, rows);
}

/** Returns how a trimmed value of a coded column reads (exported for tests). */
export function resolveValue(session: ValidationSession, column: CodedColumn, value: string): Resolution {
  const ok = (code: string): Resolution => ({ code, issueCode: null, message: null, hint: null });
  if (value === '') return ok('');
  const upper = value.toUpperCase();
  const valid = session.codes[column];
  if (valid.has(upper)) return ok(upper);
  const named = (code: string, what: string): Resolution => ({
    code,
    issueCode: 'NAME_NOT_CODE',
    message: `expected a code, found ${JSON.stringify(value)}; read as ${code === '=REF_AREA' ? 'the reporting state' : code} (${what})`,
    hint: code === '=REF_AREA' ? 'write the reporting state\'s ISO 3166-1 alpha-3 code' : `write ${code}`,
  });

  if (column === 'REF_AREA' || column === 'COUNTERPART_AREA') {
    const match = session.countries.resolve(value);
    if (match !== undefined) {
      if (match.kind === 'nationals') return column === 'COUNTERPART_AREA' ? named('=REF_AREA', 'own nationals') : unknownArea(session, value);
      if (match.kind === 'unknown') return column === 'COUNTERPART_AREA' ? named('_U', 'unknown') : unknownArea(session, value);
      if (valid.has(match.iso3)) return named(match.iso3, match.kind === 'code' ? `${value} is not the ISO 3166-1 alpha-3 code` : `a ${match.kind}`);
      if (column === 'REF_AREA') {
        return {
          code: null,
          issueCode: 'UNKNOWN_REF_AREA',
          message: `expected a state of the region, found ${JSON.stringify(value)} (${match.iso3}), which is not one`,
          hint: 'returns are accepted from the states listed in "crimetrends dictionary"',
        };
      }
    }
  }
  const label = session.labels[column]?.get(value.toLowerCase());
  if (label !== undefined) return named(label, 'a label');
  if (column === 'REF_AREA') return unknownArea(session, value);
  return {
    code: null,
    issueCode: column === 'INDICATOR' ? 'UNKNOWN_INDICATOR' : 'UNKNOWN_CODE',
    message: `expected a ${column === 'INDICATOR' ? 'catalogue indicator' : `${column} code`}, found ${JSON.stringify(value)}`,
    hint: suggest(upper, [...valid], column),
  };
}

function unknownArea(session: ValidationSession, value: string): Resolution {
  return {
    code: null,
    issueCode: 'UNKNOWN_REF_AREA',
    message: `expected the ISO 3166-1 alpha-3 code of a state of the region, found ${JSON.stringify(value)}`,
    hint: suggest(value.toUpperCase(), [...session.codes.REF_AREA], 'REF_AREA'),
  };
}

/** Returns "did you mean X?" for a close valid code, and the list of valid codes when the list is short. */
function suggest(value: string, valid: string[], column: ReturnColumnName): string {
  const candidates = valid.filter((code) => !/^_/.test(code) || column !== 'COUNTERPART_AREA').sort();
  const prefix = candidates.filter((code) => value.startsWith(code) || code.startsWith(value)).sort((a, b) => b.length - a.length)[0];
  const guess = prefix ?? closest(value, candidates);
  const isClose = prefix !== undefined || (value.length >= 3 && distance(value, guess) <= Math.max(1, Math.floor(guess.length / 3)));
  if (candidates.length <= 12) return `${isClose ? `did you mean ${guess}? ` : ''}valid codes: ${candidates.join(', ')}`;
  return isClose ? `did you mean ${guess}?` : 'see "crimetrends dictionary" for the valid codes';
}

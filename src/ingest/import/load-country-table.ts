import { isNotGuessedCode, type CountryResolver } from '../../schema/resolve-country.js';
import { quoteIdent, type Store } from '../../store/index.js';
import { resolveQualifiedName } from './resolve-qualified-name.js';

/** Which matches count: only codes (a reporting area column) or any name, demonym or code (a citizenship). */
export type CountryTextKind = 'code' | 'any';

/**
 * Returns after loading a temporary table `table (text, kind, iso3)` with the resolution of every distinct non-null
 * value of `column` in `source`: a country (`kind` code, name or demonym, `iso3` set), `nationals`, `unknown`,
 * `not_guessed` (UNK: Kosovo's code in some lists, or short for unknown; `iso3` null, so that the mapper lists the row
 * with that reason), or no row at all when the text names no country. Resolution runs once per distinct text in JS (the resolver is a
 * name index); the rows themselves are then joined in SQL. With `qualified`, a name that names no country but a state
 * with a qualifier narrowing its territory (`Serbia (excluding Kosovo)`, see resolveQualifiedName) is that state's name.
 * With kind `any`, a text that names none but misspells one country's name by the resolver's strict measure
 * (`Kazakhistan`) is kind `near`, `iso3` null, and that country's code in `near`, for a hint: it is never read as the
 * country. A text whose letters were lost to U+FFFD reads as the one name it can be (see CountryResolver.resolveLostLetters).
 */
export async function loadCountryTable(
  store: Store,
  resolver: CountryResolver,
  options: { table: string; source: string; column: string; kind: CountryTextKind; qualified?: boolean },
): Promise<void> {
  const texts = await store.all<{ text: string }>(
    `select distinct ${quoteIdent(options.column)} as text from ${quoteIdent(options.source)} where ${quoteIdent(options.column)} is not null`,
  );
  const rows: Array<[string, string, string | null, string | null]> = [];
  for (const { text } of texts) {
    if (isNotGuessedCode(text)) {
      rows.push([text, 'not_guessed', null, null]);
      continue;
    }
    // a name whose letters were lost to U+FFFD on the way ("T\ufffdrkiye") reads as the one name it can be
    const match = resolver.resolve(text) ?? resolver.resolveLostLetters(text);
    if (match === undefined) {
      const state = options.qualified === true ? resolveQualifiedName(text, resolver) : undefined;
      if (state !== undefined) rows.push([text, 'name', state, null]);
      else if (options.kind === 'any') {
        // never read as the country (a misspelling is not guessed): named in the hint only
        const near = resolver.misspelt(text);
        if (near !== undefined) rows.push([text, 'near', null, near]);
      }
      continue;
    }
    if (options.kind === 'code' && match.kind !== 'code') continue;
    rows.push([text, match.kind, 'iso3' in match ? match.iso3 : null, null]);
  }
  await store.run(`create or replace temp table ${quoteIdent(options.table)} (text varchar primary key, kind varchar not null, iso3 varchar, near varchar)`);
  await store.append(options.table, rows);
}

import { beforeAll, describe, expect, it } from 'vitest';
import { resolveQualifiedName } from '../../src/ingest/import/resolve-qualified-name.js';
import { createCountryResolver, type CountryResolver } from '../../src/schema/resolve-country.js';
import { loadTestReference } from '../helpers/warehouse.js';

let resolver: CountryResolver;
beforeAll(async () => {
  const reference = await loadTestReference();
  resolver = createCountryResolver(reference.states, reference.countryAliases);
});

describe('citizenship names UNODC downloads copy from national forms', () => {
  it('the own nationals in English, Spanish and French read as the reporting state (were: no country)', () => {
    for (const text of ['own country', 'Own nationals', 'Nacionales', 'Ciudadanos de su país', 'Nationaux', 'Ressortissants', 'ressortissants nationaux']) {
      expect(resolver.resolve(text), text).toEqual({ kind: 'nationals' });
    }
  });

  it('"<state> (own country)" and "Rep" without its point, after the name or in Spanish, name the state', () => {
    expect(resolveQualifiedName('Netherlands (own country)', resolver)).toBe('NLD');
    expect(resolveQualifiedName('Benin Rep', resolver)).toBe('BEN');
    expect(resolveQualifiedName('Niger Rep', resolver)).toBe('NER');
    expect(resolveQualifiedName('Dominican Rep', resolver)).toBe('DOM');
    expect(resolveQualifiedName('Rep. Dominicana', resolver)).toBe('DOM');
    expect(resolveQualifiedName('Congo, Rep.', resolver)).toBe('COG');
    // a name of no one state stays unread
    expect(resolveQualifiedName('Korea, Dem. Rep.', resolver)).toBeUndefined();
    expect(resolveQualifiedName('Nowhere (own country)', resolver)).toBeUndefined();
  });

  it('a name whose letters were lost to U+FFFD reads as the one name it can be, each � one letter', () => {
    expect(resolver.resolveLostLetters('Ciudadanos de su pa\ufffds')).toEqual({ kind: 'nationals' });
    expect(resolver.resolveLostLetters('T\ufffdrkiye')).toEqual({ kind: 'name', iso3: 'TUR' });
    expect(resolver.resolveLostLetters('C\ufffdte d\ufffdIvoire')).toEqual({ kind: 'name', iso3: 'CIV' });
    expect(resolver.resolveLostLetters('Rep\ufffdblica Dominicana')).toEqual({ kind: 'name', iso3: 'DOM' });
    // three letters kept are too few to tell; a demonym in Spanish is no name
    expect(resolver.resolveLostLetters('PER\ufffd')).toBeUndefined();
    expect(resolver.resolveLostLetters('SALVADORE\ufffdA')).toBeUndefined();
    expect(resolver.resolveLostLetters('Turkey')).toBeUndefined();
  });
});

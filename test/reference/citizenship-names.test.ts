import { beforeAll, describe, expect, it } from 'vitest';
import { resolveQualifiedName } from '../../src/ingest/import/resolve-qualified-name.js';
import { createCountryResolver, type CountryResolver } from '../../src/schema/resolve-country.js';
import type { Demonym } from '../../src/schema/reference.js';
import { loadTestReference } from '../helpers/warehouse.js';

let resolver: CountryResolver;
let demonyms: Demonym[];
beforeAll(async () => {
  const reference = await loadTestReference();
  demonyms = reference.demonyms;
  resolver = createCountryResolver(reference.states, reference.countryAliases, reference.demonyms);
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
    expect(resolveQualifiedName('R.Dominicana', resolver)).toBe('DOM');
    expect(resolveQualifiedName('R.dominicana', resolver)).toBe('DOM');
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
    // a Spanish demonym of demonyms.csv (salvadoreña) too; three letters kept are too few to tell
    expect(resolver.resolveLostLetters('SALVADORE\ufffdA')).toEqual({ kind: 'demonym', iso3: 'SLV' });
    expect(resolver.resolveLostLetters('Hondure\ufffdo')).toEqual({ kind: 'demonym', iso3: 'HND' });
    expect(resolver.resolveLostLetters('PER\ufffd')).toBeUndefined();
    expect(resolver.resolveLostLetters('Turkey')).toBeUndefined();
  });

  it('every demonym of demonyms.csv, in each gender and its plural, reads as its country (none is taken by another country\'s name)', () => {
    expect(demonyms.length).toBeGreaterThan(40);
    const plural = (word: string, language: string) =>
      language === 'spa' ? (/[aeiouáéíóú]$/i.test(word) ? `${word}s` : `${word}es`) : /(s|x|z|sh|ch|ese)$/i.test(word) ? word : `${word}s`;
    for (const { iso3, language, masculine, feminine } of demonyms) {
      for (const word of [masculine, feminine, plural(masculine, language), plural(feminine, language)]) {
        const match = resolver.resolve(word);
        expect(match !== undefined && 'iso3' in match ? match.iso3 : match, word).toBe(iso3);
      }
    }
  });

  it('Spanish demonyms read as the country (were: unmapped); the packages\' English and French ones take their plural', () => {
    expect(resolver.resolve('Argentino')).toEqual({ kind: 'demonym', iso3: 'ARG' });
    expect(resolver.resolve('COLOMBIANA')).toEqual({ kind: 'demonym', iso3: 'COL' });
    expect(resolver.resolve('Guatemaltecos')).toEqual({ kind: 'demonym', iso3: 'GTM' });
    expect(resolver.resolve('Brasilero')).toEqual({ kind: 'demonym', iso3: 'BRA' });
    expect(resolver.resolve('DOMINICANA')).toEqual({ kind: 'demonym', iso3: 'DOM' });
    expect(resolver.resolve('Alemana')).toEqual({ kind: 'demonym', iso3: 'DEU' });
    expect(resolver.resolve('Angolans')).toEqual({ kind: 'demonym', iso3: 'AGO' });
    expect(resolver.resolve('maliens')).toEqual({ kind: 'demonym', iso3: 'MLI' });
    // world-countries gives Indian to IOT and Français to ATF too; demonyms.csv says which country's citizens they are
    expect(resolver.resolve('Indian')).toEqual({ kind: 'demonym', iso3: 'IND' });
    expect(resolver.resolve('francais')).toEqual({ kind: 'demonym', iso3: 'FRA' });
    // a demonym two countries share is never guessed
    expect(resolver.resolve('Congolese')).toBeUndefined();
    expect(resolver.candidates('Congolese')).toEqual(['COD', 'COG']);
    expect(resolver.resolve('Dominican')).toBeUndefined();
  });

  it('words for unknown in Spanish and French read as unknown (_U), as "Unknown" does', () => {
    for (const text of ['Sin determinar', 'DESCONOCIDA', 'Desconocido', 'NO DETERMINADA', 'NO REGISTRA', 'Inconnue', 'non déterminé', 'no information']) {
      expect(resolver.resolve(text), text).toEqual({ kind: 'unknown' });
    }
    // regions and groups name no country
    for (const text of ['Africa others', 'M49 Region: Africa', 'OTROS', 'Stateless', 'Former Yugoslavia']) expect(resolver.resolve(text), text).toBeUndefined();
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reviewFirstYear } from '../../src/report/load/load-review-model.js';
import { groupMembersInProse } from '../../src/report/pages/prose-name.js';
import { runReview, text, writeReturn, year } from './helpers/thin-returns.js';

// A coordinator's own group (BLACKSEA6, "Black Sea littoral states") through the real CLI: five of its six states
// returned for 2024; Bulgaria's 2024 return also revises its 2023 cybercrime offences (one state's figure), and
// Romania's carries a population for 2022; Georgia's only return for 2025 is rejected (a letter in a count), and
// Ukraine's second version too; Türkiye's cybercrime offences jump a thousandfold without a comment.

const LITTORAL = ['ROU', 'BGR', 'GEO', 'TUR', 'UKR', 'RUS'];

/** Writes `to`, a copy of `from` in `dir` with a letter in its first count, so that it is rejected. */
function rejectedVersion(dir: string, from: string, to: string): string {
  const [header, first, ...rest] = readFileSync(join(dir, from), 'utf8').split('\n');
  writeFileSync(join(dir, to), [header, (first ?? '').replace(/^((?:[^,]*,){7})\d+,/, '$1l2,'), ...rest].join('\n'));
  return to;
}

let out: string;
let stderr: string;

beforeAll(async () => {
  const run = await runReview(
    (dir) => [
      writeReturn(dir, 'BGR', 2024, () => true),
      writeReturn(dir, 'ROU', 2024, (l) => year(l) === '2024', (l) => (l.startsWith('ROU,2024,POP,') ? `${l}\n${l.replace('ROU,2024,', 'ROU,2022,')}` : l)),
      ...['GEO', 'TUR', 'UKR'].map((s) => writeReturn(dir, s, 2024, (l) => year(l) === '2024')),
      ...['ROU', 'BGR', 'UKR'].map((s) => writeReturn(dir, s, 2025, (l) => year(l) === '2025')),
      // Türkiye's cybercrime offences a thousandfold (a unit mistake): 69,081,000, no comment
      writeReturn(dir, 'TUR', 2025, (l) => year(l) === '2025', (l) => l.replace('TUR,2025,CYB_OFF,_T,_T,_T,_T,69081,', 'TUR,2025,CYB_OFF,_T,_T,_T,_T,69081000,')),
      writeReturn(dir, 'GEO', 2025, (l) => year(l) === '2025', (l) => l.replace(/^(GEO,2025,TIP_VIC,_T,_T,_T,_T,)\d+,/, '$1l2,')),
      // Ukraine's second version is rejected: its first, accepted, stays in force
      rejectedVersion(dir, 'UKR_2025.csv', 'UKR_2025_v2.csv'),
    ],
    {
      config: { group: 'BLACKSEA6' },
      received: { 'UKR_2025_v2.csv': '2026-02-03T10:00:00Z' },
      rejects: true,
      reference: (dir) => {
        writeFileSync(join(dir, 'groups.csv'), readFileSync(join(dir, 'groups.csv'), 'utf8') + 'BLACKSEA6,Black Sea littoral states,"The six states with a Black Sea coast"\n');
        const states = readFileSync(join(dir, 'states.csv'), 'utf8').split('\n').map((l) => (LITTORAL.includes(l.slice(0, 3)) ? `${l} BLACKSEA6` : l));
        writeFileSync(join(dir, 'states.csv'), states.join('\n'));
      },
    },
  );
  out = run.out;
  stderr = run.result.stderr;
  expect(run.result.code).not.toBe(2);
}, 240_000);

const index = () => readFileSync(join(out, 'index.html'), 'utf8');
const page = (iso3: string) => readFileSync(join(out, 'states', `${iso3}.html`), 'utf8');
const lede = (html: string) => text(/<p class="lede">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '');
const figure = (html: string, id: string) => text(new RegExp(`<figure class="figure" id="${id}">([\\s\\S]*?)</figure>`).exec(html)?.[1] ?? '');

describe('the review period', () => {
  it('starts where at least half as many states have crime figures as in the best-covered year', () => {
    expect(reviewFirstYear([{ year: 2023, states: 1 }, { year: 2024, states: 5 }, { year: 2025, states: 5 }], 2025)).toBe(2024);
    expect(reviewFirstYear([{ year: 2023, states: 1 }, { year: 2024, states: 2 }, { year: 2025, states: 2 }], 2025)).toBe(2023);
    expect(reviewFirstYear([{ year: 2014, states: 13 }, { year: 2016, states: 5 }, { year: 2017, states: 12 }, { year: 2025, states: 2 }], 2025)).toBe(2017); // 2014 is outside the ten years
    expect(reviewFirstYear([], 2025)).toBe(2025);
  });

  it('is not stretched by one state’s revision of an earlier year or by a population', () => {
    const html = index();
    expect(stderr).not.toContain('2023');
    expect(text(html)).toContain('cybercrime and corruption in the 6 Black Sea littoral states, 2024–2025 ');
    expect(figure(html, 'fig-3-1')).toContain('Headline indicators: regional totals, 2024–2025');
    expect(figure(html, 'fig-3-1')).not.toMatch(/2023|2022|2,836/); // Bulgaria's 2023 cybercrime offences alone
    expect(figure(html, 'fig-6-1')).toContain('Cybercrime: like-for-like trends, 2024–2025');
    for (const iso3 of LITTORAL) expect(text(page(iso3)), iso3).not.toMatch(/202[23]\u2013|(?:2022|2023): /);
    expect(text(page('BGR'))).toContain('Indicators reported by Bulgaria, 2024–2025');
  });

  it('says in the annex which years were left out and why', () => {
    expect(text(index())).toContain('The period, 2024–2025, starts in the first year for which at least half as many member states reported crime figures as in the best-covered year (5 states): the figures for 2023, from one state (such as a revision sent with a later return), are left out, as so few states do not stand for the region.');
  });
});

describe('a group of the coordinator’s own', () => {
  it('names its members by the group’s name, in the subtitle and the returns chapter', () => {
    const all = text(index());
    expect(all).toContain('The review rests on the annual returns of the 6 Black Sea littoral states (BLACKSEA6).');
    expect(all).not.toMatch(/member states of (the )?(Black Sea littoral states|BLACKSEA6)/);
  });

  it('reads well for an organisation, a description and a name with "the"', () => {
    expect(groupMembersInProse({ code: 'BSEC', name: 'Organization of the Black Sea Economic Cooperation' }, 13)).toBe('the 13 member states of the Organization of the Black Sea Economic Cooperation (BSEC)');
    expect(groupMembersInProse({ code: 'BSEC', name: 'Organization of the Black Sea Economic Cooperation' }, 13, false)).toBe('the 13 member states of BSEC');
    expect(groupMembersInProse({ code: 'BSEC', name: 'the Black Sea Economic Cooperation' }, 13)).toBe('the 13 member states of the Black Sea Economic Cooperation (BSEC)');
    expect(groupMembersInProse({ code: 'BLACKSEA6', name: 'Black Sea littoral states' }, 6)).toBe('the 6 Black Sea littoral states (BLACKSEA6)');
    expect(groupMembersInProse({ code: 'BLACKSEA6', name: 'Black Sea littoral states' }, 6, false)).toBe('the 6 Black Sea littoral states');
    expect(groupMembersInProse({ code: 'DANUBE', name: 'States along the Danube' }, 9)).toBe('the 9 states along the Danube (DANUBE)');
    expect(groupMembersInProse({ code: 'CIS', name: 'Commonwealth of Independent States' }, 9)).toBe('the 9 member states of the Commonwealth of Independent States (CIS)');
    expect(groupMembersInProse({ code: 'X1', name: 'X1' }, 3)).toBe('the 3 member states of X1');
  });
});

describe('a return that was sent but rejected', () => {
  it('says on the state page that it was received and rejected, and that none of its figures is used', () => {
    const geo = page('GEO');
    expect(lede(geo)).toBe('Georgia’s return for 2025 (GEO_2025.csv) was received on 20 January 2026, by the deadline, and rejected for an error: none of its figures for 2025 is in this review, which counts them as missing, not zero.');
    expect(text(geo)).toContain('No quality summary: the return for 2025 was rejected, so none of it was taken in.');
    expect(text(geo)).not.toContain('Series reported0 of');
    expect(text(geo)).toContain('No comments: the return for 2025 was rejected, and the returns for earlier years carried none.');
  });

  it('says which version is in force when only the latest was rejected', () => {
    expect(lede(page('UKR'))).toBe('Ukraine’s return for 2025 was first received on 20 January 2026, by the deadline. Of the 2 versions received, the latest (UKR_2025_v2.csv, received on 3 February 2026) was rejected for an error; the earlier accepted version, with 250 rows, is in force.');
  });

  it('tells the returns chapter and the key findings that its figures are missing, not that it returned nothing', () => {
    const html = index();
    const all = text(html);
    expect(all).toContain('5 of the 6 member states returned data for 2025, but Georgia’s return was rejected for errors and none of its figures is used; no return was received from the Russian Federation, so regional totals for 2025 cover fewer states and changes are compared like-for-like.');
    expect(all).toContain('The return from Georgia was rejected for errors and no version has been accepted: none of its figures for 2025 is in this review, and the 2025 totals cover the states whose returns were accepted.');
    expect(all).toContain('The latest file from Ukraine was rejected for errors; the earlier accepted version is used.');
    expect(html).toMatch(/<th scope="row"[^>]*>Georgia<\/th><td[^>]*>20 January 2026<\/td><td[^>]*>On time<\/td><td[^>]*>Rejected<\/td><td[^>]*>1<\/td><td[^>]*>0<\/td><td[^>]*>\d+<\/td><td[^>]*>–<\/td>/);
    expect(html).toMatch(/<th scope="row"[^>]*>Ukraine<\/th><td[^>]*>20 January 2026<\/td><td[^>]*>On time<\/td><td[^>]*>Rejected \(earlier version used\)<\/td><td[^>]*>2<\/td><td[^>]*>250<\/td>/);
    expect(figure(html, 'fig-2-1')).toContain('Rejected, on time');
  });
});

describe('a change its return was warned about (CHANGE_WITHOUT_COMMENT)', () => {
  it('is not headlined as the largest rise, but told beside it, and the regional change says it rests on it', () => {
    const findings = text(/<section class="chapter" id="ch-1">([\s\S]*?)<\/section>/.exec(index())?.[1] ?? '');
    expect(findings).toContain('Among states, the largest rise in a headline indicator was in Ukraine, where offences recorded for smuggling of migrants went up by 26.2% to 453. (see Table UKR.1) A larger change is left aside: offences recorded for cybercrime in Türkiye went up by 126,347.9% to 69,081,000, a change on 2024 the return did not explain, flagged on receipt (CHANGE_WITHOUT_COMMENT) and possibly a reporting error. (see the annex)');
    expect(findings).toMatch(/Offences recorded for cybercrime rose by 88,265\.5% on 2024 across the 4 states reporting both years, including the change in Türkiye that its return did not explain \(CHANGE_WITHOUT_COMMENT\)[.;]/);
    expect(findings).not.toContain('the largest rise was in Türkiye');
  });

  it('links a headline\'s like-for-like change to Table 3.1, which prints it, as well as to the chapter\'s trend figure, an index', () => {
    const chapter = /<section class="chapter" id="ch-1">([\s\S]*?)<\/section>/.exec(index())?.[1] ?? '';
    const sentence = /Victims of trafficking in persons detected (rose|fell) by ([\d.]+)% on 2024[^<]*<span class="see">\(see <a href="#tab-3-1">Table 3\.1<\/a> and <a href="#fig-4-1">Figure 4\.1<\/a>\)<\/span>/.exec(chapter);
    expect(sentence).not.toBeNull();
    const table = /<div id="tab-3-1">([\s\S]*?)<\/div>\n/.exec(index())?.[1] ?? '';
    const row = /<th scope="row"[^>]*>Trafficking in persons: victims detected<\/th>([\s\S]*?)<\/tr>/.exec(table)?.[1] ?? '';
    expect(text(row)).toContain(`${sentence?.[1] === 'rose' ? '+' : '\u2212'}${sentence?.[2]}%`);
  });

  it('links the largest rise and fall, a state\'s count and its change, to the row of the state profile\'s table that prints them, not to the rates figure', () => {
    const chapter = /<section class="chapter" id="ch-1">([\s\S]*?)<\/section>/.exec(index())?.[1] ?? '';
    // the rates figure (4.2) shows rates per 100,000: neither 453 nor +26.2% is in it
    expect(chapter).toContain('to 453. <a class="see" href="states/UKR.html#ind-SOM_OFF">(see Table UKR.1)</a>');
    expect(chapter).toMatch(/The largest fall in a headline indicator was in [^<]+\. <a class="see" href="states\/[A-Z]{3}\.html#ind-[A-Z_]+">\(see Table [A-Z]{3}\.1\)<\/a>/);
    expect(chapter).not.toContain('(see Figure 4.2)');
    // the row's cells after the sparkline: 2024, 2025, change
    const cells = (html: string, code: string) => [...(new RegExp(`<tr id="ind-${code}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '').matchAll(/<td class="num">([\s\S]*?)<\/td>/g)].map((m) => text(m[1] ?? ''));
    expect(cells(page('UKR'), 'SOM_OFF').slice(1, 3)).toEqual(['453', '+26.2%']);
    const fall = /The largest fall in a headline indicator was in [^<]+ went down by ([\d.,]+)% to ([\d,]+)\. <a class="see" href="states\/([A-Z]{3})\.html#ind-([A-Z_]+)">/.exec(chapter);
    expect(fall).not.toBeNull();
    const [, change, value, iso3, code] = fall!;
    expect(cells(page(iso3!), code!).slice(1, 3)).toEqual([value, `\u2212${change}%`]);
  });
});

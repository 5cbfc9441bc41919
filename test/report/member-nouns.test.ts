import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKeyFindings } from '../../src/report/pages/build-key-findings.js';
import { buildProfilesChapter } from '../../src/report/pages/build-profiles-chapter.js';
import { buildReturnsChapter } from '../../src/report/pages/build-returns-chapter.js';
import { buildStatePage } from '../../src/report/pages/build-state-page.js';
import { groupMembersInProse } from '../../src/report/pages/prose-name.js';
import type { ReviewIndex } from '../../src/report/pages/review-index.js';
import type { Store } from '../../src/store/index.js';
import { insertObservations, loadTestReference, openTestWarehouse, tempDir, type ObservationFixture } from '../helpers/warehouse.js';
import { buildAndLoadReview, plainText as text } from './helpers/review-warehouse.js';

// The review called every group's members "member states": "the 6 member states of the Western Balkans Six (WB6)",
// "3 of the 6 member states returned data", Kosovo among them, where the Western Balkans Six's own texts speak of six
// "economies" and the SEECP's of its "participants". Kosovo's designation is the page footnote its asterisk refers to
// (member-words.test.ts), no longer a note in the returns chapter and on Kosovo's page.

const HEADLINES = ['TIP_VIC', 'SOM_OFF', 'DRG_SEIZ_KG', 'FA_SEIZED', 'CYB_OFF', 'COR_OFF'];
const all = (ref_area: string, time_period: number, base: number): ObservationFixture[] =>
  HEADLINES.map((indicator, i) => ({ ref_area, time_period, indicator, obs_value: base + 10 * i }));

let store: Store;
const ix: Record<string, ReviewIndex> = {};
beforeAll(async () => {
  const reference = await loadTestReference();
  store = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
  for (const [iso3, base] of [['ALB', 100], ['SRB', 200], ['XKX', 60]] as const) {
    await insertObservations(store, all(iso3, 2024, base), { received_at: '2025-01-15 00:00:00' });
    await insertObservations(store, all(iso3, 2025, base + 5), { received_at: '2026-01-15 00:00:00' });
  }
  for (const group of ['WB6', 'SEECP', 'BSEC']) ix[group] = (await buildAndLoadReview(store, reference, group)).ix;
}, 120_000);
afterAll(() => store.close());

describe('a review names the group\u2019s members as the group does', () => {
  it('calls the Western Balkans Six\u2019s members economies', () => {
    const wb6 = ix.WB6!;
    const returns = text(buildReturnsChapter(wb6, '2').body);
    expect(returns).toContain('The review rests on the annual returns of the 6 economies of the Western Balkans Six (WB6).');
    expect(returns).toContain('By the deadline of 31 January 2026, 3 of the 6 economies had returned their data for 2025.');
    expect(returns).toContain('changes between years are compared like-for-like, over the economies that reported both years.');
    expect(returns).toContain('over the economies that reported both years. Figure 2.1');
    expect(returns).toContain('Table 2.1 Returns for 2025 by economy');
    expect(returns).toContain('Bar chart of the share of catalogue series each economy reported for 2025. 3 of 6 economies returned data, all 3 by the deadline.');
    expect(text(buildKeyFindings(wb6, {}, 'annex')[0])).toBe('3 of the 6 economies returned data for 2025; no return was received from Bosnia and Herzegovina, Montenegro and North Macedonia, so regional totals for 2025 cover fewer economies and changes are compared like-for-like.');
    const profiles = buildProfilesChapter(wb6, '8');
    expect(profiles.title).toBe('Economy profiles');
    expect(text(profiles.body)).toMatch(/^Each economy has a profile page with every indicator it reported: a sparkline of the series over the years the economy has figures for/);
    const kosovo = buildStatePage(wb6, wb6.states.find((s) => s.iso3 === 'XKX')!);
    expect(kosovo.title).toBe('Kosovo*: economy profile 2025');
    expect(text(buildStatePage(wb6, wb6.states.find((s) => s.iso3 === 'ALB')!).body)).not.toContain('designation');
  });

  it('calls the SEECP\u2019s members participants', () => {
    const seecp = ix.SEECP!;
    expect(text(buildReturnsChapter(seecp, '2').body)).toContain('The review rests on the annual returns of the 14 participants of the South-East European Cooperation Process (SEECP).');
    expect(text(buildKeyFindings(seecp, {}, 'annex')[0])).toMatch(/^3 of the 14 participants returned data for 2025; /);
    expect(buildProfilesChapter(seecp, '8').title).toBe('Participant profiles');
  });

  it('keeps BSEC\u2019s member states, with no Kosovo designation where Kosovo is no member', () => {
    const bsec = ix.BSEC!;
    const returns = text(buildReturnsChapter(bsec, '2').body);
    expect(returns).toContain('The review rests on the annual returns of the 13 member states of the Organization of the Black Sea Economic Cooperation (BSEC).');
    expect(returns).not.toContain('designation');
    expect(text(buildKeyFindings(bsec, {}, 'annex')[0])).toMatch(/^2 of the 13 member states returned data for 2025; /);
    expect(buildProfilesChapter(bsec, '8').title).toBe('State profiles');
  });

  it('names a group that describes its members by its own words', () => {
    expect(groupMembersInProse({ code: 'WB6', name: 'Western Balkans Six' }, 6, false)).toBe('the 6 economies of WB6');
    expect(groupMembersInProse({ code: 'BLACKSEA6', name: 'Black Sea littoral states' }, 6)).toBe('the 6 Black Sea littoral states (BLACKSEA6)');
  });
});

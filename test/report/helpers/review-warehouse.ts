import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../src/context.js';
import { buildMarts } from '../../../src/models/index.js';
import { loadReviewModel } from '../../../src/report/load/load-review-model.js';
import { indexReview, type ReviewIndex } from '../../../src/report/pages/review-index.js';
import type { ReviewModel } from '../../../src/report/review-model.js';
import { DEFAULT_CONFIG } from '../../../src/schema/config.js';
import type { Reference } from '../../../src/schema/reference.js';
import type { Store } from '../../../src/store/index.js';
import { insertObservations, loadTestReference, openTestWarehouse, tempDir, type ObservationFixture } from '../../helpers/warehouse.js';

/** A value given as confidential (CONF_STATUS C) in the fixture: it must appear in no written file. */
/** Returns the text of HTML markup, its tags left out and its white space made single spaces. */
export const plainText = (markup: unknown): string => String(markup).replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();

export const CONFIDENTIAL_VALUE = 987_654;
/** A value given as internal use only (CONF_STATUS N). */
export const INTERNAL_VALUE = 876_543;
/** A comment carrying markup, on a published total: it must appear as text. */
export const HOSTILE_COMMENT = 'Revised method <script>alert(1)</script> <img src=x onerror=alert(2)>';

/** The BSEC members as the maps take them (code, numeric code, English name). */
export function bsecMembers(reference: Reference): { iso3: string; numeric: string; name: string }[] {
  return reference.states.filter((st) => st.groups.includes('BSEC')).map((st) => ({ iso3: st.iso3, numeric: st.numeric, name: st.name_en }));
}

const STATES = ['ALB', 'GRC', 'ROU', 'SRB', 'TUR'] as const;
const POPULATION: Record<string, number> = { ALB: 2_800_000, GRC: 10_400_000, ROU: 19_000_000, SRB: 6_700_000, TUR: 85_000_000 };

/**
 * Returns the path of a built warehouse for report tests: five BSEC members (the other eight never return)
 * reporting 2019–2025 for the whole catalogue, with breakdowns, citizenship and origin flows, populations, one late
 * return, one confidential and one internal value, and a hostile comment. Values follow a fixed formula.
 */
export async function buildReviewWarehouse(): Promise<string> {
  const path = join(tempDir('crimetrends-review-'), 'warehouse.duckdb');
  const store = await openTestWarehouse(path);
  try {
    const reference = await loadTestReference();
    const indicators = reference.indicators.filter((i) => i.code !== 'POP');
    const codes = (list: string) => reference.codes.filter((c) => c.codelist === list && c.code !== '_T').map((c) => c.code);
    for (const [s, iso3] of STATES.entries()) {
      for (let year = 2019; year <= 2025; year++) {
        const rows: ObservationFixture[] = [];
        const scale = POPULATION[iso3]! / 1e6;
        rows.push({ ref_area: iso3, time_period: year, indicator: 'POP', obs_value: POPULATION[iso3]! + year * 10 });
        for (const [k, ind] of indicators.entries()) {
          if (iso3 === 'SRB' && ind.area === 'CYB') continue;
          const base = Math.round(scale * (6 + ((k * 7 + s * 3) % 11)) * (1 + ((year - 2019) * ((k % 5) - 2)) / 20));
          const value = ind.unit === 'KG' ? base * 3.5 : ind.unit === 'ROUNDS' ? base * 40 : base;
          rows.push({ ref_area: iso3, time_period: year, indicator: ind.code, obs_value: value, obs_status: year === 2025 && k % 9 === 0 ? 'P' : 'A' });
          if (ind.breakdown_list && ind.is_headline) {
            const parts = codes(ind.breakdown_list);
            parts.forEach((code, i) => rows.push({ ref_area: iso3, time_period: year, indicator: ind.code, breakdown: code, obs_value: Math.round((value * (i + 1)) / ((parts.length * (parts.length + 1)) / 2)) }));
          }
        }
        const victims = rows.find((r) => r.indicator === 'TIP_VIC')?.obs_value ?? 0;
        for (const [sex, age, share] of [['F', 'Y_GE18', 0.4], ['F', 'Y_LT18', 0.25], ['M', 'Y_GE18', 0.25], ['M', 'Y_LT18', 0.1]] as const) {
          rows.push({ ref_area: iso3, time_period: year, indicator: 'TIP_VIC', sex, age, obs_value: Math.round(victims * share) });
        }
        for (const [i, origin] of [iso3, 'NGA', 'UKR', 'MDA', '_U'].entries()) {
          rows.push({ ref_area: iso3, time_period: year, indicator: 'TIP_VIC', counterpart_area: origin, obs_value: 20 + ((s * 13 + i * 7 + year) % 30) });
          rows.push({ ref_area: iso3, time_period: year, indicator: 'FA_SEIZED', counterpart_area: origin, obs_value: 30 + ((s * 5 + i * 11 + year) % 40) });
        }
        if (iso3 === 'ROU' && year === 2025) {
          const cor = rows.find((r) => r.indicator === 'COR_OFF');
          if (cor) Object.assign(cor, { obs_value: CONFIDENTIAL_VALUE, conf_status: 'C' });
        }
        if (iso3 === 'GRC' && year === 2025) {
          const ml = rows.find((r) => r.indicator === 'ML_OFF');
          if (ml) Object.assign(ml, { obs_value: INTERNAL_VALUE, conf_status: 'N' });
        }
        if (iso3 === 'ALB' && year === 2025) {
          const vic = rows.find((r) => r.indicator === 'TIP_VIC' && (r.sex ?? '_T') === '_T' && (r.age ?? '_T') === '_T' && (r.breakdown ?? '_T') === '_T' && (r.counterpart_area ?? '_T') === '_T');
          if (vic) vic.comment = HOSTILE_COMMENT;
        }
        const late = iso3 === 'TUR' && year === 2025;
        await insertObservations(store, rows, { reporting_year: year, received_at: `${year + 1}-${late ? '02-14' : '01-20'} 09:00:00` });
      }
    }
    await buildMarts(store, { root: PROJECT_ROOT, config: DEFAULT_CONFIG, reference });
  } finally {
    store.close();
  }
  return path;
}

/** Returns the 2025 review model of BSEC (or `group`), and its index, after building the marts of `store` with the default config. */
export async function buildAndLoadReview(store: Store, reference: Reference, group = 'BSEC'): Promise<{ model: ReviewModel; ix: ReviewIndex }> {
  await buildMarts(store, { root: PROJECT_ROOT, config: DEFAULT_CONFIG, reference });
  const { smallCountThreshold, confidentialInTotals, deadline, trendYears, populationSource } = DEFAULT_CONFIG;
  const model = await loadReviewModel(store, {
    year: 2025, group, toolVersion: 'test', reference,
    fallbackRules: { smallCountThreshold, confidentialInTotals, deadline, trendYears, populationSource },
  });
  return { model, ix: indexReview(model) };
}

/** The six headline indicators the Western Balkans fixture gives each member. */
const HEADLINES = ['TIP_VIC', 'SOM_OFF', 'DRG_SEIZ_KG', 'FA_SEIZED', 'CYB_OFF', 'COR_OFF'];

/**
 * Returns a warehouse in which four Western Balkans members (ALB, SRB, MKD, XKX: Kosovo among them) returned the six
 * headline indicators and their population for 2024 and 2025, the 2025 values 5 above 2024's.
 */
export async function openWesternBalkansWarehouse(): Promise<Store> {
  const store = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
  const rows = (ref_area: string, time_period: number, base: number, population: number): ObservationFixture[] => [
    ...HEADLINES.map((indicator, i) => ({ ref_area, time_period, indicator, obs_value: base + 10 * i })),
    { ref_area, time_period, indicator: 'POP', obs_value: population },
  ];
  for (const [iso3, base, population] of [['ALB', 100, 2_800_000], ['SRB', 200, 6_700_000], ['MKD', 150, 1_800_000], ['XKX', 60, 1_600_000]] as const) {
    await insertObservations(store, rows(iso3, 2024, base, population), { received_at: '2025-01-15 00:00:00' });
    await insertObservations(store, rows(iso3, 2025, base + 5, population), { received_at: '2026-01-15 00:00:00' });
  }
  return store;
}

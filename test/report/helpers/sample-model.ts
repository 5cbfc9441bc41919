import { POPULATION_DATASET } from '../../../src/report/load/load-review-model.js';
import type { Reference } from '../../../src/schema/reference.js';
import type {
  AttritionPoint, BreakdownPoint, FlowPoint, RegionalPoint, ReturnInfo, ReviewModel, TotalPoint, TrendInfo,
} from '../../../src/report/review-model.js';

/** A small deterministic PRNG (mulberry32) so the sample model is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? null) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

/**
 * Returns a synthetic but plausible review model for `group` built from the project's reference data: every
 * member reports most indicators for 10 years, one member has not returned, one returned late, a few series are
 * missing, and one comment carries markup that must appear as text.
 */
export function buildSampleModel(reference: Reference, { year = 2025, group = 'BSEC', seed = 7, years = 10 } = {}): ReviewModel {
  const rnd = random(seed);
  const members = reference.states.filter((s) => s.groups.includes(group)).sort((a, b) => a.name_en.localeCompare(b.name_en));
  const allYears = Array.from({ length: years }, (_, i) => year - years + 1 + i);
  const missing = members[members.length - 3]?.iso3 ?? '';
  const late = members[1]?.iso3 ?? '';
  const indicators = reference.indicators.filter((i) => i.area !== 'CTX');
  const population = new Map(members.map((m) => [m.iso3, Math.round((2 + rnd() * 80) * 1e6)]));
  const totals: TotalPoint[] = [];
  for (const m of members) {
    const size = (population.get(m.iso3) ?? 1) / 1e6;
    for (const ind of indicators) {
      if (ind.area === 'CYB' && m.iso3 === members[4]?.iso3) continue;
      const base = (ind.unit === 'KG' ? 40 : ind.unit === 'ROUNDS' ? 900 : 6) * size * (0.4 + rnd());
      const growth = 0.9 + rnd() * 0.25;
      for (const y of allYears) {
        if (m.iso3 === missing && y === year) continue;
        if (rnd() < 0.03) continue;
        const value = Math.round(base * growth ** (y - allYears[0]!) * (0.85 + rnd() * 0.3));
        const pop = (population.get(m.iso3) ?? 1) * (1 + (y - year) * 0.002);
        totals.push({
          iso3: m.iso3, year: y, indicator: ind.code, value, status: y === year && rnd() < 0.1 ? 'P' : 'A', isDerived: false,
          rate: (value / pop) * 1e5, change: null, display: null,
          // the second member's firearms surrendered before 2020 come from UNODC (its returns had none); its rates
          // rest on the population of its return, provisional in the reference year
          source: m.iso3 === members[1]?.iso3 && ind.code === 'FA_SURR' && y < 2020 ? 'UNODC' : 'RETURN',
          populationSource: m.iso3 === members[1]?.iso3 ? 'RETURN' : 'WORLDBANK',
        });
      }
    }
  }
  const second = members[1]?.iso3 ?? '';
  totals.push({
    iso3: second, year, indicator: 'POP', value: population.get(second) ?? 1, status: 'P', isDerived: false, rate: null, change: null, display: null,
    source: 'RETURN', populationSource: null,
  });
  const key = (t: { iso3: string; year: number; indicator: string }) => `${t.iso3}|${t.year}|${t.indicator}`;
  const byKey = new Map(totals.map((t) => [key(t), t]));
  for (const t of totals) {
    const prev = byKey.get(key({ ...t, year: t.year - 1 }));
    if (prev?.value && t.value !== null) t.change = t.value / prev.value - 1;
  }
  const regional: RegionalPoint[] = [];
  for (const ind of indicators) {
    for (const y of allYears) {
      const rows = totals.filter((t) => t.indicator === ind.code && t.year === y && t.value !== null);
      const pairs = rows.flatMap((t) => {
        const prev = byKey.get(key({ ...t, year: y - 1 }));
        return prev?.value != null && t.value !== null ? [[prev.value, t.value, t.iso3] as const] : [];
      });
      const before = pairs.reduce((s, p) => s + p[0], 0);
      const after = pairs.reduce((s, p) => s + p[1], 0);
      regional.push({
        indicator: ind.code, year: y, total: rows.reduce((s, t) => s + (t.value ?? 0), 0), reporting: rows.length, members: members.length, reportingStates: rows.map((t) => t.iso3).sort(),
        changeLfl: pairs.length > 0 && before > 0 ? after / before - 1 : null, lflStates: pairs.length, lflStateCodes: pairs.map((p) => p[2]), lflPrevious: pairs.length > 0 ? before : null, lflCurrent: pairs.length > 0 ? after : null, isSuppressed: false, suppressionReason: null,
        medianRate: median(rows.flatMap((t) => (t.rate === null ? [] : [t.rate]))),
      });
    }
  }
  const trends: TrendInfo[] = indicators.flatMap((ind) =>
    [null, ...members.map((m) => m.iso3)].map((iso3): TrendInfo => {
      const s = rnd() * 0.2 - 0.1;
      return { iso3, indicator: ind.code, direction: Math.abs(s) < 0.03 ? 'stable' : s > 0 ? 'rising' : 'falling', slopePct: s, pValue: rnd() * 0.2, points: 5, firstYear: 2021, panel: iso3 === null ? members.map((m) => m.iso3) : [] };
    }),
  );
  const stages = ['suspected_per_offence', 'prosecuted_per_suspected', 'convicted_per_prosecuted'] as const;
  const attrition: AttritionPoint[] = [];
  for (const area of ['TIP', 'SOM', 'DRG', 'FA', 'CYB', 'COR']) {
    for (const stage of stages) {
      const drawn = members.map((m) => ({ iso3: m.iso3, ratio: m.iso3 === missing ? null : 0.2 + rnd() * (stage === 'suspected_per_offence' ? 1.2 : 0.7) }));
      // the third member's trafficking convictions are a small count ("<5"): the mart withholds the ratios on them
      const isSmall = (iso3: string) => area === 'TIP' && stage === 'convicted_per_prosecuted' && iso3 === members[2]?.iso3;
      const ratios = drawn.map((r) => ({ ...r, ratio: isSmall(r.iso3) ? null : r.ratio, reason: isSmall(r.iso3) ? ('small_count' as const) : r.ratio === null ? ('no_count' as const) : null }));
      const med = median(ratios.flatMap((r) => (r.ratio === null ? [] : [r.ratio])));
      for (const r of ratios) attrition.push({ area, iso3: r.iso3, year, stage, ratio: r.ratio, reason: r.reason, regionalMedian: med });
    }
  }
  const breakdowns: BreakdownPoint[] = [];
  for (const ind of indicators.filter((i) => i.breakdown_list !== '')) {
    const codes = reference.codes.filter((c) => c.codelist === ind.breakdown_list && c.code !== '_T');
    for (const m of members) {
      if (m.iso3 === missing) continue;
      for (const c of codes) breakdowns.push({ iso3: m.iso3, year, indicator: ind.code, dimension: 'BREAKDOWN', code: c.code, value: Math.round(rnd() * 200), source: 'RETURN' });
    }
  }
  for (const m of members) {
    if (m.iso3 === missing) continue;
    for (const code of ['F.Y_GE18', 'F.Y_LT18', 'M.Y_GE18', 'M.Y_LT18']) {
      breakdowns.push({ iso3: m.iso3, year, indicator: 'TIP_VIC', dimension: 'SEX_AGE', code, value: Math.round(rnd() * (code.startsWith('F') ? 120 : 50)), source: 'RETURN' });
    }
  }
  const origins = [...members.map((m) => ({ iso3: m.iso3, name: m.name_en })), { iso3: 'NGA', name: 'Nigeria' }, { iso3: 'VNM', name: 'Viet Nam' }, { iso3: '_U', name: 'Unknown' }];
  const flows: FlowPoint[] = [];
  for (const indicator of ['TIP_VIC', 'FA_SEIZED', 'CYB_REQ_SENT', 'DRG_SEIZ_KG', 'SOM_SUS']) {
    for (const m of members) {
      if (m.iso3 === missing) continue;
      for (const o of origins) {
        if (rnd() < 0.55) continue;
        flows.push({ indicator, year, origin: o.iso3, originName: o.name, iso3: m.iso3, value: Math.round(rnd() * (o.iso3 === m.iso3 ? 300 : 60)), source: 'RETURN' });
      }
    }
  }
  const returns: ReturnInfo[] = members.map((m, i) => {
    const isReceived = m.iso3 !== missing;
    const day = m.iso3 === late ? 20 : 5 + i;
    const date = m.iso3 === late ? `${year + 1}-02-${String(day).padStart(2, '0')}` : `${year + 1}-01-${String(day).padStart(2, '0')}`;
    return {
      iso3: m.iso3, isReceived, fileName: isReceived ? `${m.iso3}_${year}.csv` : null, firstReceived: isReceived ? date : null,
      lastReceived: isReceived ? date : null, daysLate: isReceived ? (m.iso3 === late ? 20 : day - 31) : null,
      outcome: isReceived ? 'accepted' : null, versions: isReceived ? 1 + (i % 3 === 0 ? 1 : 0) : 0, isInForce: isReceived, rowsAccepted: isReceived ? 300 + i * 7 : 0,
      errors: 0, warnings: isReceived ? i % 4 : 0, completeness: isReceived ? 0.7 + rnd() * 0.3 : null,
    };
  });
  return {
    year,
    group: { code: group, name: reference.groups.find((g) => g.group_code === group)?.name ?? group },
    states: members.map((m) => ({ iso3: m.iso3, name: m.name_en, numeric: m.numeric })),
    areas: reference.areas.map((a) => ({ area: a.area, name: a.name, chapter: a.chapter, colour: a.colour, sortOrder: a.sort_order })),
    indicators: reference.indicators.map((i) => ({
      code: i.code, area: i.area, name: i.name, definition: i.definition, iccs: i.iccs, unit: i.unit, stage: i.stage,
      stageName: reference.stages.find((s) => s.stage === i.stage)?.name ?? i.stage, cjOrder: reference.stages.find((s) => s.stage === i.stage)?.cj_order ?? null,
      breakdownList: i.breakdown_list, counterpartMeaning: i.counterpart_meaning, isHeadline: i.is_headline,
    })),
    codes: reference.codes.map((c) => ({ codelist: c.codelist, code: c.code, label: c.label, description: c.description })),
    years: allYears,
    returns,
    totals,
    regional,
    trends,
    attrition,
    breakdowns,
    hasBreakdowns: true,
    flows,
    flowTotals: [...new Set(flows.map((f) => f.indicator))].map((indicator) => {
      const of = flows.filter((f) => f.indicator === indicator);
      const sum = (keep: (f: FlowPoint) => boolean) => of.filter(keep).reduce((total, f) => total + f.value, 0);
      // one hidden small count of 3 per indicator, foreign: in the totals, not among the cells shown
      return {
        indicator, nationalValue: sum((f) => f.origin === f.iso3), foreignValue: sum((f) => f.origin !== f.iso3 && f.origin !== '_U') + 3 + 4, reportedValue: sum(() => true) + 3 + 4,
        hiddenNational: 0, hiddenForeign: 2, hiddenAll: 2, hiddenNationalValue: 0, hiddenForeignValue: 3 + 4, hiddenAllValue: 3 + 4,
        withheldStates: [], confidentialStates: [], givenSums: ['national', 'foreign', 'unknown'],
      };
    }),
    quality: members.filter((m) => m.iso3 !== missing).map((m, i) => ({
      iso3: m.iso3, seriesReported: 30 + (i % 8), seriesExpected: 38, shareProvisional: (i % 5) / 20, shareEstimated: (i % 3) / 30, breaks: i % 4 === 0 ? 1 : 0, warningsAccepted: i % 4,
    })),
    comments: [
      { iso3: members[0]?.iso3 ?? '', year, indicator: 'TIP_VIC', comment: 'New victim identification procedure since March; <script>alert(1)</script> <img src=x onerror=alert(1)>' },
      { iso3: members[2]?.iso3 ?? '', year, indicator: 'FA_SEIZED', comment: 'Includes a one-off seizure of 1,200 rifles from a depot (case "Eagle" & partners).' },
    ],
    unexplainedChanges: [],
    warnings: [
      { iso3: members[0]?.iso3 ?? '', year: year - 2, code: 'STAGE_ORDER', count: 1 },
      { iso3: members[0]?.iso3 ?? '', year, code: 'CHANGE_WITHOUT_COMMENT', count: 2 },
      { iso3: members[3]?.iso3 ?? '', year, code: 'VALUE_OUTLIER', count: 1 },
    ],
    sources: [
      { source: 'RETURN', dataset: 'totals (state \u00d7 indicator \u00d7 year)', observations: totals.length, states: members.length - 1 },
      { source: 'RETURN', dataset: POPULATION_DATASET, observations: years, states: 1 },
      { source: 'WORLDBANK', dataset: POPULATION_DATASET, observations: (members.length - 1) * years, states: members.length - 1 },
    ],
    rules: { smallCountThreshold: 5, confidentialInTotals: 'suppress', deadline: '01-31', trendYears: 5, populationSource: 'WORLDBANK', stableSlopePct: 5, trendAlpha: 0.1, trendMinPoints: 4 },
    snapshot: '0'.repeat(64),
    toolVersion: '0.0.0-test',
  };
}

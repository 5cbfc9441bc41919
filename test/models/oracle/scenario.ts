/**
 * Random but plausible warehouse contents for the differential test of the marts: a few states of the reference
 * data (covering every combination of group memberships), a few years with gaps, several indicators (with and
 * without SEX, AGE and BREAKDOWN lists, a count in kilograms), totals with and without parts, complete and
 * incomplete breakdowns, unknown (_U) parts, SEX × AGE and counterpart parts, provisional/estimated/break statuses,
 * values given as confidential (C, N) or withheld (Q), missing values (M), imports beside the returns, and population
 * for some state-years only (World Bank download, a return's POP, or both).
 */
import { fc } from '@fast-check/vitest';
import type { OracleConfig, OracleObservation, OraclePopulation } from './oracle.js';

/** A signature per state: ALB in all three groups, ARM in BSEC only, BGR in BSEC and SEECP, BIH in SEECP and WB6, HRV in SEECP only. */
export const STATES = ['ALB', 'ARM', 'BGR', 'BIH', 'HRV', 'MKD', 'TUR', 'XKX'] as const;
/** TIP_VIC: SEX, AGE, BREAKDOWN (TIP_FORM) and counterparts; FA_SUS: SEX only; FA_OFF: no breakdown; DRG_SEIZ_KG: kilograms by drug; COR_SUS: SEX and BREAKDOWN; FA_AMMO: rounds. */
export const INDICATORS = ['TIP_VIC', 'FA_SUS', 'FA_OFF', 'DRG_SEIZ_KG', 'COR_SUS', 'FA_AMMO'] as const;
export const FIRST_YEAR = 2017;
export const LAST_YEAR = 2025;

/** Confidential and withheld values are at least this, so that a published cell holding one would show. */
export const PLANTED_MIN = 900_000;

const CODES: Record<string, Record<string, string[]>> = {
  TIP_VIC: { SEX: ['F', 'M', '_U'], AGE: ['Y_LT18', 'Y_GE18', '_U'], BREAKDOWN: ['SEX_EXPL', 'FORCED_LAB', 'ORGAN', 'OTHER', '_U'] },
  FA_SUS: { SEX: ['F', 'M', '_U'] },
  FA_OFF: {},
  DRG_SEIZ_KG: { BREAKDOWN: ['CANNABIS', 'COCAINE', 'HEROIN', 'ATS', 'OTHER', '_U'] },
  COR_SUS: { SEX: ['F', 'M', '_U'], BREAKDOWN: ['BRIBERY', 'EMBEZZLEMENT', 'ABUSE', 'INFLUENCE', 'ENRICHMENT', 'OTHER', '_U'] },
  FA_AMMO: {},
};
const HAS_COUNTERPART = new Set(['TIP_VIC', 'DRG_SEIZ_KG']);

/** One value as a return gives it: a number with its statuses, or a withheld (Q) or missing (M) cell without one. */
interface ValueSpec {
  kind: 'value' | 'withheld' | 'missing';
  magnitude: number; // 0..1, scaled per cell
  small: boolean; // a count of 0 to 6
  status: 'A' | 'P' | 'E' | 'B';
  conf: 'F' | 'C' | 'N';
}

const valueSpec: fc.Arbitrary<ValueSpec> = fc.record({
  kind: fc.constantFrom<ValueSpec['kind']>('value', 'value', 'value', 'value', 'value', 'value', 'value', 'value', 'value', 'value', 'value', 'withheld', 'missing'),
  magnitude: fc.integer({ min: 0, max: 10_000 }).map((m) => m / 10_000),
  small: fc.constantFrom(false, false, false, true),
  status: fc.constantFrom<ValueSpec['status']>('A', 'A', 'A', 'A', 'A', 'A', 'P', 'E', 'B'),
  conf: fc.constantFrom<ValueSpec['conf']>('F', 'F', 'F', 'F', 'F', 'F', 'F', 'F', 'F', 'F', 'F', 'F', 'C', 'N'),
});

/** The parts given along one dimension: which codes (by a mask over the list) and their values. */
interface PartsSpec {
  dimension: 'SEX' | 'AGE' | 'BREAKDOWN' | 'SEX_AGE' | 'COUNTERPART';
  complete: boolean;
  mask: number;
  withUnknown: boolean;
  values: ValueSpec[];
}

const partsSpec: fc.Arbitrary<PartsSpec> = fc.record({
  dimension: fc.constantFrom<PartsSpec['dimension']>('SEX', 'SEX', 'AGE', 'BREAKDOWN', 'BREAKDOWN', 'SEX_AGE', 'COUNTERPART'),
  complete: fc.boolean(),
  mask: fc.nat(),
  withUnknown: fc.boolean(),
  values: fc.array(valueSpec, { minLength: 8, maxLength: 8 }),
});

/** One state × indicator × year × source: the total (or none) and parts along up to two dimensions. */
interface CellSpec {
  state: number;
  indicator: number;
  year: number;
  imported: boolean;
  total: ValueSpec | null;
  parts: PartsSpec[];
  scale: number;
}

const cellSpec: fc.Arbitrary<CellSpec> = fc.record({
  state: fc.nat({ max: STATES.length - 1 }),
  indicator: fc.nat({ max: INDICATORS.length - 1 }),
  year: fc.integer({ min: FIRST_YEAR, max: LAST_YEAR }),
  imported: fc.constantFrom(false, false, false, false, true),
  total: fc.option(valueSpec, { freq: 1, nil: null }),
  parts: fc.array(partsSpec, { maxLength: 2 }),
  scale: fc.constantFrom(10, 100, 2000),
});

export interface Scenario {
  observations: OracleObservation[];
  population: OraclePopulation[];
  config: Omit<OracleConfig, 'stableSlopePct' | 'trendAlpha'>;
}

const configSpec = fc.record({
  trendYears: fc.constantFrom(4, 5, 5, 5, 6, 9), // 9: up to 9 points, the exact p-value's larger tables
  populationSource: fc.constantFrom<'WORLDBANK' | 'RETURN'>('WORLDBANK', 'RETURN'),
  smallCountThreshold: fc.constantFrom(5, 5, 5, 3, 10, 0),
  confidentialInTotals: fc.constantFrom<'suppress' | 'flag'>('suppress', 'suppress', 'suppress', 'flag'),
  // with planted values one apart, p 100 finds any three states' values dominated (x3 < x1), four not (x3 + x4 > x1);
  // p 10 finds a value twenty times the others dominant
  confidentialMinStates: fc.constantFrom(3, 3, 3, 2, 4),
  confidentialDominanceP: fc.constantFrom(10, 10, 10, 60, 100),
  group: fc.constantFrom('BSEC', 'SEECP', 'WB6'),
});

/**
 * Series that run over several years are what trends and changes need: a cell's year is drawn per state ×
 * indicator from a run of consecutive years with gaps, so `runs` adds whole runs of totals besides the loose cells.
 */
const runSpec = fc.record({
  state: fc.nat({ max: STATES.length - 1 }),
  indicator: fc.nat({ max: INDICATORS.length - 1 }),
  from: fc.integer({ min: FIRST_YEAR, max: LAST_YEAR - 3 }),
  values: fc.array(fc.option(valueSpec, { freq: 5, nil: null }), { minLength: 4, maxLength: 9 }),
  scale: fc.constantFrom(10, 100, 2000),
  // a drift of the magnitude per year (so that some series trend) and how much noise lies over it
  drift: fc.integer({ min: -3, max: 3 }),
  noise: fc.constantFrom(0.02, 0.2, 1),
  // each year as a total, or as a complete breakdown along the indicator's first list (a derived total)
  asParts: fc.constantFrom(false, false, true),
  // a download's series (UNODC) rather than the state's return
  imported: fc.constantFrom(false, false, false, true),
});

export const scenarioArbitrary: fc.Arbitrary<Scenario> = fc
  .record({
    stateCount: fc.integer({ min: 2, max: 6 }),
    stateOffset: fc.nat({ max: STATES.length - 1 }),
    cells: fc.array(cellSpec, { maxLength: 30 }),
    runs: fc.array(runSpec, { maxLength: 8 }),
    worldBank: fc.array(fc.record({ state: fc.nat({ max: STATES.length - 1 }), year: fc.integer({ min: FIRST_YEAR, max: LAST_YEAR }), persons: fc.oneof(fc.integer({ min: 100_000, max: 9_000_000 }), fc.constant(0)) }), { maxLength: 20 }),
    returnedPopulation: fc.array(fc.record({ state: fc.nat({ max: STATES.length - 1 }), year: fc.integer({ min: FIRST_YEAR, max: LAST_YEAR }), persons: fc.integer({ min: 100_000, max: PLANTED_MIN - 1 }), conf: fc.constantFrom('F', 'F', 'F', 'C'), imported: fc.constantFrom(false, false, true) }), { maxLength: 10 }),
    // a year in which many states report small counts of one indicator: what complementary suppression is for,
    // within a group and across the overlapping groups (SEECP less WB6, BSEC less SEECP)
    clusters: fc.array(fc.record({
      indicator: fc.constantFrom('FA_OFF', 'TIP_VIC', 'FA_SUS'),
      year: fc.integer({ min: FIRST_YEAR, max: LAST_YEAR }),
      values: fc.array(fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 12 })), { minLength: STATES.length, maxLength: STATES.length }),
    }), { maxLength: 3 }),
    // a year in which several states give one indicator as confidential (C or N), now and then one value twenty times
    // the others, beside public figures: what "flag"'s minimum number of states and p % rule are for, within a group
    // and across the overlapping groups
    secrets: fc.array(fc.record({
      indicator: fc.constantFrom('FA_OFF', 'TIP_VIC', 'COR_SUS'),
      year: fc.integer({ min: FIRST_YEAR, max: LAST_YEAR }),
      values: fc.array(fc.constantFrom<'C' | 'N' | 'large' | 'public' | null>(null, 'C', 'C', 'N', 'large', 'public'), { minLength: STATES.length, maxLength: STATES.length }),
    }), { maxLength: 2 }),
    config: configSpec,
  })
  .map(({ stateCount, stateOffset, cells, runs, clusters, secrets, worldBank, returnedPopulation, config }) => {
    const states = Array.from({ length: stateCount }, (_, i) => STATES[(stateOffset + i) % STATES.length]!);
    const pick = (i: number) => states[i % states.length]!;
    let planted = PLANTED_MIN;
    const rows = new Map<string, OracleObservation>();
    const put = (o: Omit<OracleObservation, 'obs_value' | 'obs_status' | 'conf_status' | 'comment'>, spec: ValueSpec, scale: number, unit: string): void => {
      const k = [o.source, o.ref_area, o.time_period, o.indicator, o.sex, o.age, o.counterpart_area, o.breakdown].join('|');
      if (rows.has(k)) return;
      let obs_value: number | null;
      let obs_status: string = spec.status;
      let conf_status: string = spec.conf;
      if (spec.kind === 'withheld') {
        // as validate asks a state to write it: Q with no value (and, now and then, a Q keeping its value)
        obs_status = 'Q';
        obs_value = spec.magnitude < 0.2 ? planted++ : null;
        conf_status = 'F';
      } else if (spec.kind === 'missing') {
        obs_status = spec.magnitude < 0.5 ? 'M' : 'L';
        obs_value = null;
        conf_status = 'F';
      } else if (conf_status !== 'F') {
        // a confidential value no public cell may show; now and then one twenty times the others, which the p % rule
        // of dominance finds in a flagged total
        obs_value = spec.magnitude > 0.85 ? 20 * PLANTED_MIN + planted++ : planted++;
      } else if (spec.small && unit !== 'KG') {
        obs_value = Math.floor(spec.magnitude * 7);
      } else if (unit === 'KG') {
        obs_value = Math.round(spec.magnitude * scale * 1000) / 1000;
      } else {
        obs_value = Math.floor(spec.magnitude * scale);
      }
      const comment = spec.magnitude < 0.3 ? null : `${o.source} ${o.indicator} ${o.time_period} ${o.sex}/${o.age}/${o.breakdown}`;
      rows.set(k, { ...o, obs_value, obs_status, conf_status, comment });
    };
    const unitOf = (indicator: string) => (indicator === 'DRG_SEIZ_KG' ? 'KG' : indicator === 'FA_AMMO' ? 'ROUNDS' : 'NR');

    for (const run of runs) {
      const ref_area = pick(run.state);
      const indicator = INDICATORS[run.indicator]!;
      const dimension = (['SEX', 'AGE', 'BREAKDOWN'] as const).find((d) => CODES[indicator]![d]);
      run.values.forEach((given, i) => {
        const time_period = run.from + i;
        if (given === null || time_period > LAST_YEAR) return;
        const magnitude = Math.min(1, Math.max(0, 0.5 + run.drift * 0.08 * i + (given.magnitude - 0.5) * run.noise));
        const spec = { ...given, magnitude, small: given.small && run.noise === 1 };
        const base = { ref_area, time_period, indicator, sex: '_T', age: '_T', counterpart_area: '_T', breakdown: '_T', source: run.imported ? 'UNODC' : 'RETURN' } as const;
        if (!run.asParts || !dimension) {
          put(base, spec, run.scale, unitOf(indicator));
          return;
        }
        const column = dimension === 'SEX' ? 'sex' : dimension === 'AGE' ? 'age' : 'breakdown';
        const codes = CODES[indicator]![dimension]!.filter((c) => c !== '_U');
        // the year's status and confidentiality on the first part, the others plain
        codes.forEach((code, j) => put({ ...base, [column]: code }, j === 0 ? spec : { ...spec, status: 'A', conf: 'F', kind: 'value' }, run.scale / codes.length, unitOf(indicator)));
      });
    }
    for (const cluster of clusters) {
      cluster.values.forEach((value, i) => {
        if (value === null) return;
        const spec: ValueSpec = { kind: 'value', magnitude: value / 12, small: false, status: 'A', conf: 'F' };
        put({ ref_area: STATES[i]!, time_period: cluster.year, indicator: cluster.indicator, sex: '_T', age: '_T', counterpart_area: '_T', breakdown: '_T', source: 'RETURN' }, spec, 12.0001, 'NR');
      });
    }
    for (const secret of secrets) {
      secret.values.forEach((value, i) => {
        if (value === null) return;
        const spec: ValueSpec = { kind: 'value', magnitude: value === 'large' ? 0.9 : 0.5, small: false, status: 'A', conf: value === 'public' ? 'F' : value === 'N' ? 'N' : 'C' };
        put({ ref_area: STATES[i]!, time_period: secret.year, indicator: secret.indicator, sex: '_T', age: '_T', counterpart_area: '_T', breakdown: '_T', source: 'RETURN' }, spec, 100, 'NR');
      });
    }
    for (const cell of cells) {
      const ref_area = pick(cell.state);
      const indicator = INDICATORS[cell.indicator]!;
      const unit = unitOf(indicator);
      const source = cell.imported ? 'UNODC' : 'RETURN';
      const base = { ref_area, time_period: cell.year, indicator, sex: '_T', age: '_T', counterpart_area: '_T', breakdown: '_T', source } as const;
      if (cell.total) put(base, cell.total, cell.scale, unit);
      const lists = CODES[indicator]!;
      for (const parts of cell.parts) {
        if (parts.dimension === 'COUNTERPART') {
          if (!HAS_COUNTERPART.has(indicator)) continue;
          ['ALB', 'TUR', 'DEU', '_U'].forEach((country, i) => {
            if (parts.mask & (1 << i)) put({ ...base, counterpart_area: country }, parts.values[i]!, cell.scale, unit);
          });
          continue;
        }
        if (parts.dimension === 'SEX_AGE') {
          if (!lists.SEX || !lists.AGE) continue;
          ['F', 'M'].forEach((sex, i) => ['Y_LT18', 'Y_GE18'].forEach((age, j) => put({ ...base, sex, age }, parts.values[2 * i + j]!, cell.scale, unit)));
          continue;
        }
        const codes = lists[parts.dimension];
        if (!codes) continue;
        const required = codes.filter((c) => c !== '_U');
        // complete: every required code; else a subset that leaves at least one out
        const chosen = parts.complete ? required : required.filter((_, i) => parts.mask & (1 << i)).slice(0, required.length - 1);
        const given = parts.withUnknown ? [...chosen, '_U'] : chosen;
        const column = parts.dimension === 'SEX' ? 'sex' : parts.dimension === 'AGE' ? 'age' : 'breakdown';
        given.forEach((code, i) => put({ ...base, [column]: code }, parts.values[i]!, cell.scale, unit));
      }
    }
    for (const p of returnedPopulation) {
      const spec: ValueSpec = { kind: 'value', magnitude: 0, small: false, status: 'A', conf: p.conf as 'F' | 'C' };
      const ref_area = pick(p.state);
      const source = p.imported ? 'UNODC' : 'RETURN';
      const k = [source, ref_area, p.year, 'POP', '_T', '_T', '_T', '_T'].join('|');
      if (rows.has(k)) continue;
      if (spec.conf !== 'F') put({ ref_area, time_period: p.year, indicator: 'POP', sex: '_T', age: '_T', counterpart_area: '_T', breakdown: '_T', source }, spec, 1, 'NR');
      else rows.set(k, { ref_area, time_period: p.year, indicator: 'POP', sex: '_T', age: '_T', counterpart_area: '_T', breakdown: '_T', source, obs_value: p.persons, obs_status: 'A', conf_status: 'F', comment: null });
    }
    const population = new Map<string, OraclePopulation>();
    for (const p of worldBank) {
      const ref_area = pick(p.state);
      population.set(`${ref_area}|${p.year}`, { ref_area, time_period: p.year, persons: p.persons });
    }
    return { observations: [...rows.values()], population: [...population.values()], config };
  });

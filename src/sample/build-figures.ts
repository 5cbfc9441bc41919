import { createRng, seedFrom, type Rng } from './create-rng.js';
import { leaf, thinLeaves, type Block, type Leaf } from './sample-block.js';
import { EVENTS, SAMPLE_YEARS } from './sample-scenario.js';
import {
  ARMS_PRODUCERS, COVID_DIP, CYBER_PARTNERS, DRUG_ORIGINS, FIREARM_ORIGINS, REGIONAL_DRUG_KG, REGIONAL_RATES, ROUTE_WAVE,
  SMUGGLER_CITIZENSHIPS, type StateProfile,
} from './state-profiles.js';

type Weights = Readonly<Record<string, number>>;

const TIP_FORMS: Weights = { SEX_EXPL: 0.55, FORCED_LAB: 0.3, ORGAN: 0.005, OTHER: 0.145 };
const LABOUR_DESTINATIONS = new Set(['RUS', 'TUR', 'GEO', 'AZE']);
const DRUG_MIX: Weights = { CANNABIS: 0.55, COCAINE: 0.08, HEROIN: 0.1, ATS: 0.17, OTHER: 0.1 };
const FIREARM_TYPES: Weights = { PISTOL: 0.35, REVOLVER: 0.05, RIFLE: 0.18, SHOTGUN: 0.2, SMG: 0.03, MG: 0.01, OTHER: 0.06, UNKNOWN: 0.12 };
const DEPOT_TYPES: Weights = { PISTOL: 0.15, REVOLVER: 0.02, RIFLE: 0.45, SHOTGUN: 0.05, SMG: 0.2, MG: 0.1, OTHER: 0.03, UNKNOWN: 0 };
const COR_TYPES: Weights = { BRIBERY: 0.35, EMBEZZLEMENT: 0.15, ABUSE: 0.35, INFLUENCE: 0.07, ENRICHMENT: 0.02, OTHER: 0.06 };
const UNKNOWN_SEX = new Set(['GRC', 'TUR', 'RUS']);
const UNKNOWN_AGE = new Set(['GRC', 'BGR']);

/**
 * Returns the true figures of one state for one year, one {@link Block} per indicator (every indicator the
 * storyline knows, reported or not): consistent across breakdowns and criminal-justice stages by construction.
 */
export function buildFigures(profile: StateProfile, year: number, seed: number): Map<string, Block> {
  const blocks = new Map<string, Block>();
  const add = (indicator: string, leaves: Leaf[], margins: Block['margins']): void => {
    blocks.set(indicator, { indicator, leaves, margins });
  };
  const t = year - SAMPLE_YEARS.first;
  const population = populationOf(profile, year);
  const per100k = population / 100_000;
  const rngFor = (area: string): Rng => createRng(seedFrom(seed, profile.iso3, year, area));
  const attrition = stateAttrition(profile.iso3, seed);
  const covid = COVID_DIP[year] ?? 1;
  const own = profile.iso3;

  add('POP', [leaf(population)], [[]]);

  // trafficking in persons: victims by form, sex, age and citizenship; offences and suspects by form
  {
    const rng = rngFor('TIP');
    const victims = Math.round(
      REGIONAL_RATES.victims * profile.scale[0] * per100k * Math.exp(profile.victimTrend * t) * covid * rng.lognormal(0, 0.07),
    );
    const forms = LABOUR_DESTINATIONS.has(own) ? { ...TIP_FORMS, SEX_EXPL: 0.4, FORCED_LAB: 0.45 } : TIP_FORMS;
    const sexes = (form: string): Weights => {
      const female = form === 'SEX_EXPL' ? 0.9 : form === 'FORCED_LAB' ? 0.35 : form === 'ORGAN' ? 0.3 : 0.5;
      return UNKNOWN_SEX.has(own) ? { F: female * 0.97, M: (1 - female) * 0.97, _U: 0.03 } : { F: female, M: 1 - female };
    };
    const ages: Weights = UNKNOWN_AGE.has(own) ? { Y_LT18: 0.2, Y_GE18: 0.76, _U: 0.04 } : { Y_LT18: 0.22, Y_GE18: 0.78 };
    const victimLeaves: Leaf[] = [];
    const byForm = splitBy(rng, victims, forms);
    for (const [form, n] of byForm) {
      for (const [sex, ns] of splitBy(rng, n, sexes(form))) {
        for (const [age, na] of splitBy(rng, ns, ages)) {
          for (const [citizenship, v] of splitBy(rng, na, profile.victimCitizenships)) {
            victimLeaves.push(leaf(v, { SEX: sex, AGE: age, COUNTERPART_AREA: citizenship, BREAKDOWN: form }));
          }
        }
      }
    }
    add('TIP_VIC', victimLeaves, own === 'RUS' ? [[], ['SEX'], ['AGE']] : [[], ['SEX'], ['AGE'], ['SEX', 'AGE'], ['BREAKDOWN'], ['COUNTERPART_AREA']]);
    const offenceLeaves = [...byForm].map(([form, n]) => leaf(rng.binomial(n, 0.75), { BREAKDOWN: form }));
    add('TIP_OFF', offenceLeaves, [[], ['BREAKDOWN']]);
    const suspectCitizenships = withOwn(own, 0.85, { [profile.neighbours[0]!]: 0.05, [profile.neighbours[1]!]: 0.05, _U: 0.05 });
    const suspects = offenceLeaves.flatMap((o) =>
      splitLeaves(rng, rng.binomial(o.value, attrition.suspected), { BREAKDOWN: o.BREAKDOWN }, [
        ['SEX', { M: 0.72, F: 0.28 }],
        ['COUNTERPART_AREA', suspectCitizenships],
      ]),
    );
    const prosecuted = thinLeaves(suspects, attrition.prosecuted, rng.binomial);
    const isBacklog = own === EVENTS.convictionsBacklog.state && year === EVENTS.convictionsBacklog.year;
    const convicted = isBacklog
      ? prosecuted.map((p, i) => ({ ...p, value: p.value + rng.binomial(suspects[i]!.value - p.value, 0.6) }))
      : thinLeaves(prosecuted, attrition.convicted, rng.binomial);
    add('TIP_SUS', suspects, [[], ['SEX'], ['COUNTERPART_AREA']]);
    add('TIP_PRS', prosecuted, [[], ['SEX']]);
    add('TIP_CNV', convicted, [[], ['SEX']]);
  }

  // smuggling of migrants: follows the route's waves
  {
    const rng = rngFor('SOM');
    const wave = profile.isOnRoute ? (ROUTE_WAVE[year] ?? 1) : covid;
    const offences = Math.round(REGIONAL_RATES.smuggling * profile.scale[1] * per100k * wave * rng.lognormal(0, 0.07));
    add('SOM_OFF', [leaf(offences)], [[]]);
    const suspects = splitLeaves(rng, rng.binomial(offences, 0.9), {}, [
      ['SEX', { M: 0.93, F: 0.07 }],
      ['COUNTERPART_AREA', withOwn(own, 0.55, SMUGGLER_CITIZENSHIPS)],
    ]);
    const prosecuted = thinLeaves(suspects, attrition.prosecuted, rng.binomial);
    add('SOM_SUS', suspects, [[], ['SEX'], ['COUNTERPART_AREA']]);
    add('SOM_PRS', prosecuted, [[], ['SEX']]);
    add('SOM_CNV', thinLeaves(prosecuted, attrition.convicted, rng.binomial), [[], ['SEX']]);
  }

  // drug trafficking: offences by drug along the stages; seizures in kilograms by drug and origin
  {
    const rng = rngFor('DRG');
    const mix = profile.drugMix ?? DRUG_MIX;
    const offences = Math.round(
      REGIONAL_RATES.drugOffences * profile.scale[2] * per100k * Math.exp(0.01 * t) * (year === 2020 ? 0.9 : 1) * rng.lognormal(0, 0.07),
    );
    const offenceLeaves = [...splitBy(rng, offences, mix)].map(([drug, v]) => leaf(v, { BREAKDOWN: drug }));
    const suspects = thinLeaves(offenceLeaves, attrition.suspected, rng.binomial);
    const prosecuted = thinLeaves(suspects, attrition.prosecuted, rng.binomial);
    add('DRG_OFF', offenceLeaves, [[], ['BREAKDOWN']]);
    add('DRG_SUS', suspects, [[], ['BREAKDOWN']]);
    add('DRG_PRS', prosecuted, [[], ['BREAKDOWN']]);
    add('DRG_CNV', thinLeaves(prosecuted, attrition.convicted, rng.binomial), [[], ['BREAKDOWN']]);
    const seizures: Leaf[] = [];
    for (const drug of Object.keys(DRUG_MIX)) {
      const kg = REGIONAL_DRUG_KG[drug]! * profile.scale[3] * per100k * drugTrend(drug, year) * (mix[drug]! / DRUG_MIX[drug]!) * rng.lognormal(0, 0.08);
      const origins = withOwn(own, drug === 'CANNABIS' ? 0.25 : 0.05, DRUG_ORIGINS[drug]!);
      for (const [origin, v] of splitBy(rng, Math.round(kg * 10), origins)) {
        seizures.push(leaf(v, { BREAKDOWN: drug, COUNTERPART_AREA: origin }));
      }
    }
    add('DRG_SEIZ_KG', seizures, [[], ['BREAKDOWN'], ['COUNTERPART_AREA']]);
  }

  buildFirearms(profile, year, per100k, rngFor('FA'), attrition, add);
  buildCyber(profile, year, per100k, rngFor('CYB'), attrition, add);

  // corruption and money laundering
  {
    const rng = rngFor('COR');
    const offences = Math.round(REGIONAL_RATES.corruption * profile.scale[6] * per100k * Math.exp(-0.01 * t) * rng.lognormal(0, 0.07));
    const offenceLeaves = [...splitBy(rng, offences, COR_TYPES)].map(([type, v]) => leaf(v, { BREAKDOWN: type }));
    const suspects = offenceLeaves.flatMap((o) =>
      splitLeaves(rng, rng.binomial(o.value, attrition.suspected), { BREAKDOWN: o.BREAKDOWN }, [['SEX', { M: 0.78, F: 0.22 }]]),
    );
    const prosecuted = thinLeaves(suspects, attrition.prosecuted, rng.binomial);
    add('COR_OFF', offenceLeaves, [[], ['BREAKDOWN']]);
    add('COR_SUS', suspects, [[], ['SEX'], ['BREAKDOWN']]);
    add('COR_PRS', prosecuted, [[], ['SEX'], ['BREAKDOWN']]);
    add('COR_CNV', thinLeaves(prosecuted, attrition.convicted, rng.binomial), [[], ['SEX'], ['BREAKDOWN']]);
    const officials = Math.round(REGIONAL_RATES.officialsInvestigated * per100k * rng.lognormal(0, 0.1));
    add('COR_LEO_INV', splitLeaves(rng, officials, {}, [['SEX', { M: 0.88, F: 0.12 }]]), [[], ['SEX']]);
    const tests = Math.round(REGIONAL_RATES.integrityTests * per100k * Math.exp(0.04 * t) * rng.lognormal(0, 0.1));
    const failed = 0.05 + 0.1 * createRng(seedFrom(seed, own, 'integrity')).next();
    add('COR_INTEGRITY_TESTS', splitLeaves(rng, tests, {}, [['BREAKDOWN', { PASSED: 1 - failed, FAILED: failed }]]), [[], ['BREAKDOWN']]);
    const isBreak = own === EVENTS.launderingBreak.state && year >= EVENTS.launderingBreak.year;
    const laundering = Math.round(
      REGIONAL_RATES.launderingOffences * profile.scale[7] * per100k * Math.exp(0.03 * t) * (isBreak ? EVENTS.launderingBreak.factor : 1) * rng.lognormal(0, 0.08),
    );
    add('ML_OFF', [leaf(laundering)], [[]]);
    add('ML_CNV', splitLeaves(rng, rng.binomial(laundering, 0.3), {}, [['SEX', { M: 0.8, F: 0.2 }]]), [[], ['SEX']]);
  }
  return blocks;
}

type AddBlock = (indicator: string, leaves: Leaf[], margins: Block['margins']) => void;
interface Attrition {
  suspected: number;
  prosecuted: number;
  convicted: number;
}

function buildFirearms(profile: StateProfile, year: number, per100k: number, rng: Rng, attrition: Attrition, add: AddBlock): void {
  const own = profile.iso3;
  const war = EVENTS.firearmsWar;
  const depot = EVENTS.firearmsDepot;
  const seized = Math.round(
    REGIONAL_RATES.firearms * profile.scale[4] * per100k * Math.exp(-0.02 * (year - SAMPLE_YEARS.first)) *
      (own === war.state && year >= war.from ? war.factor : 1) * rng.lognormal(0, 0.06),
  );
  const origins = withOwn(own, ARMS_PRODUCERS.has(own) ? 0.3 : 0.05, FIREARM_ORIGINS);
  const seizedLeaves = splitLeaves(rng, seized, {}, [['BREAKDOWN', FIREARM_TYPES], ['COUNTERPART_AREA', origins]]);
  let cases = rng.binomial(seized, 0.6);
  if (own === depot.state && year === depot.year) {
    const extra = splitLeaves(rng, depot.weapons, {}, [['BREAKDOWN', DEPOT_TYPES], ['COUNTERPART_AREA', { SRB: 0.55, _U: 0.3, BIH: 0.1, RUS: 0.05 }]]);
    mergeLeaves(seizedLeaves, extra);
    cases += 1;
  }
  add('FA_SEIZED', seizedLeaves, [[], ['BREAKDOWN'], ['COUNTERPART_AREA']]);
  add('FA_SEIZ_CASES', [leaf(cases)], [[]]);
  const offences = rng.binomial(cases, 0.55);
  add('FA_OFF', [leaf(offences)], [[]]);
  const suspects = splitLeaves(rng, rng.binomial(offences, attrition.suspected), {}, [['SEX', { M: 0.95, F: 0.05 }]]);
  const prosecuted = thinLeaves(suspects, attrition.prosecuted, rng.binomial);
  add('FA_SUS', suspects, [[], ['SEX']]);
  add('FA_PRS', prosecuted, [[], ['SEX']]);
  add('FA_CNV', thinLeaves(prosecuted, attrition.convicted, rng.binomial), [[], ['SEX']]);
  add('FA_FOUND', splitLeaves(rng, Math.round(seized * 0.25 * rng.lognormal(0, 0.05)), {}, [['BREAKDOWN', FIREARM_TYPES]]), [[], ['BREAKDOWN']]);
  add('FA_SURR', splitLeaves(rng, Math.round(seized * 0.15 * rng.lognormal(0, 0.05)), {}, [['BREAKDOWN', FIREARM_TYPES]]), [[], ['BREAKDOWN']]);
  add('FA_PARTS', [leaf(Math.round(seized * 0.12 * rng.lognormal(0, 0.05)))], [[]]);
  add('FA_AMMO', [leaf(Math.round(seized * rng.lognormal(Math.log(45), 0.08)))], [[]]);
}

function buildCyber(profile: StateProfile, year: number, per100k: number, rng: Rng, attrition: Attrition, add: AddBlock): void {
  const t = year - SAMPLE_YEARS.first;
  // Russia's recorded cybercrime grew fastest until 2021, then levelled off
  const growth = profile.iso3 === 'RUS' ? (0.13 + profile.cyberTrend) * Math.min(t, 5) + 0.02 * Math.max(0, t - 5) : (0.13 + profile.cyberTrend) * t;
  const offences = Math.round(REGIONAL_RATES.cyber * profile.scale[5] * per100k * Math.exp(growth) * rng.lognormal(0, 0.05));
  const fraud = 0.55 + 0.02 * t;
  const rest = (1 - fraud) / 0.45;
  const types: Weights = { ACCESS: 0.2 * rest, INTERFERENCE: 0.08 * rest, INTERCEPTION: 0.03 * rest, FRAUD_CY: fraud, OTHER: 0.14 * rest };
  const offenceLeaves = [...splitBy(rng, offences, types)].map(([type, v]) => leaf(v, { BREAKDOWN: type }));
  const suspects = thinLeaves(offenceLeaves, 0.3, rng.binomial);
  const prosecuted = thinLeaves(suspects, attrition.prosecuted, rng.binomial);
  add('CYB_OFF', offenceLeaves, [[], ['BREAKDOWN']]);
  add('CYB_SUS', suspects, [[], ['BREAKDOWN']]);
  add('CYB_PRS', prosecuted, [[], ['BREAKDOWN']]);
  add('CYB_CNV', thinLeaves(prosecuted, attrition.convicted, rng.binomial), [[], ['BREAKDOWN']]);
  const partners: Record<string, number> = {};
  for (const [code, w] of Object.entries(CYBER_PARTNERS)) if (code !== profile.iso3) partners[code] = w;
  for (const code of profile.neighbours.slice(0, 3)) partners[code] = (partners[code] ?? 0) + 0.04;
  for (const [indicator, factor] of [['CYB_REQ_SENT', 1], ['CYB_REQ_RECV', 0.8]] as const) {
    const requests = Math.round(REGIONAL_RATES.cyberRequests * profile.scale[8] * factor * per100k * Math.exp(0.08 * t) * rng.lognormal(0, 0.08));
    const leaves = splitLeaves(rng, requests, {}, [['BREAKDOWN', { MLA: 0.35, NET247: 0.65 }], ['COUNTERPART_AREA', partners]]);
    add(indicator, leaves, [[], ['BREAKDOWN'], ['COUNTERPART_AREA']]);
  }
}

/** Returns the state's mid-year population in `year`: geometric between its 2016 and 2025 figures, with breaks. */
export function populationOf(profile: StateProfile, year: number): number {
  const census = EVENTS.censusBreak;
  const [start, end] = profile.population;
  if (profile.iso3 === census.state && year >= census.year) {
    return Math.round(census.population * (end / census.population) ** ((year - census.year) / (SAMPLE_YEARS.last - census.year)));
  }
  if (profile.iso3 === census.state) return Math.round(2_072_000 + 1_300 * (year - SAMPLE_YEARS.first));
  if (profile.iso3 === 'UKR' && year >= 2022) return Math.round(end + (37_600_000 - end) * ((SAMPLE_YEARS.last - year) / 2));
  const share = (year - SAMPLE_YEARS.first) / (SAMPLE_YEARS.last - SAMPLE_YEARS.first);
  if (profile.iso3 === 'UKR') return Math.round(start + (41_170_000 - start) * ((year - SAMPLE_YEARS.first) / 5));
  return Math.round(start * (end / start) ** share);
}

function drugTrend(drug: string, year: number): number {
  const t = year - SAMPLE_YEARS.first;
  if (drug === 'COCAINE') return Math.exp(0.12 * t);
  if (drug === 'HEROIN') return Math.exp(-0.03 * t) * (year >= 2023 ? 0.6 : 1);
  if (drug === 'ATS') return Math.exp(0.08 * t);
  if (drug === 'OTHER') return Math.exp(0.05 * t);
  return 1;
}

function stateAttrition(iso3: string, seed: number): Attrition {
  const rng = createRng(seedFrom(seed, iso3, 'attrition'));
  const jitter = (): number => 0.85 + 0.3 * rng.next();
  return { suspected: Math.min(0.95, 0.8 * jitter()), prosecuted: 0.6 * jitter(), convicted: 0.7 * jitter() };
}

/** Returns `weights` with the reporting state's own nationals (or domestic origin) given `share`, merged if listed. */
function withOwn(own: string, share: number, weights: Weights): Weights {
  const out: Record<string, number> = { [own]: share };
  for (const [code, w] of Object.entries(weights)) out[code] = (out[code] ?? 0) + w;
  return out;
}

function splitBy(rng: Rng, n: number, weights: Weights): Map<string, number> {
  const codes = Object.keys(weights);
  const parts = rng.split(n, codes.map((code) => weights[code]!));
  return new Map(codes.map((code, i) => [code, parts[i]!]));
}

/** Returns `n` split along each dimension in turn (a nested multinomial), as leaves carrying `fixed` too. */
function splitLeaves(rng: Rng, n: number, fixed: Partial<Leaf>, dims: ReadonlyArray<readonly [keyof Omit<Leaf, 'value'>, Weights]>): Leaf[] {
  if (dims.length === 0) return [leaf(n, fixed)];
  const [[dim, weights], ...rest] = dims as [readonly [keyof Omit<Leaf, 'value'>, Weights], ...Array<readonly [keyof Omit<Leaf, 'value'>, Weights]>];
  return [...splitBy(rng, n, weights)].flatMap(([code, part]) => splitLeaves(rng, part, { ...fixed, [dim]: code }, rest));
}

function mergeLeaves(into: Leaf[], extra: readonly Leaf[]): void {
  for (const e of extra) {
    const match = into.find((l) => l.SEX === e.SEX && l.AGE === e.AGE && l.COUNTERPART_AREA === e.COUNTERPART_AREA && l.BREAKDOWN === e.BREAKDOWN);
    if (match) match.value += e.value;
    else into.push({ ...e });
  }
}

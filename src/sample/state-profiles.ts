/**
 * The synthetic states' characteristics: population, how much of each crime area they record relative to the region,
 * how their figures move over the years and with whom they deal. Invented for the demo data, loosely shaped on the
 * region's published orders of magnitude; no figure here is an official statistic.
 */

/** Rates per 100,000 population in 2016 for a state with every multiplier at 1. */
export const REGIONAL_RATES = {
  victims: 1.5,
  smuggling: 2,
  drugOffences: 25,
  firearms: 15,
  cyber: 20,
  corruption: 15,
  launderingOffences: 1,
  cyberRequests: 0.8,
  officialsInvestigated: 1.5,
  integrityTests: 4,
} as const;

/** Kilograms seized per 100,000 population in 2016 for a state with a multiplier of 1, by drug. */
export const REGIONAL_DRUG_KG: Record<string, number> = { CANNABIS: 40, COCAINE: 1, HEROIN: 4, ATS: 3, OTHER: 1 };

/** How a state's figures compare with the region's and how they move. */
export interface StateProfile {
  iso3: string;
  /** Mid-year population in 2016 and 2025 (interpolated between), in persons. */
  population: readonly [number, number];
  /** Multipliers of {@link REGIONAL_RATES}: victims, smuggling, drug offences, drug kilograms, firearms, cyber,
   * corruption, money laundering, cyber requests. */
  scale: readonly [number, number, number, number, number, number, number, number, number];
  /** Yearly log-change of detected victims (negative: falling). */
  victimTrend: number;
  /** Yearly log-change of cybercrime (before the region's common growth is added). */
  cyberTrend: number;
  /** On the Balkan or Eastern Mediterranean migration route (smuggling follows the route's waves). */
  isOnRoute: boolean;
  /** Share of detected victims who are foreign nationals, and their citizenships with weights. */
  victimCitizenships: Readonly<Record<string, number>>;
  /** Neighbouring and partner states, for suspects' citizenship and cooperation requests. */
  neighbours: readonly string[];
  /** Drug mix of offences and seizures, if different from the region's. */
  drugMix?: Readonly<Record<string, number>>;
}

/** One profile per BSEC member state, in ISO3 order. */
export const STATE_PROFILES: readonly StateProfile[] = [
  {
    iso3: 'ALB', population: [2_876_000, 2_745_000], scale: [2.3, 2, 1.6, 6, 3, 0.6, 1.2, 1.5, 0.8],
    victimTrend: -0.03, cyberTrend: 0, isOnRoute: true,
    victimCitizenships: { ALB: 0.86, XKX: 0.05, MKD: 0.03, GRC: 0.02, _U: 0.04 },
    neighbours: ['GRC', 'MKD', 'XKX', 'MNE', 'ITA'],
    drugMix: { CANNABIS: 0.9, COCAINE: 0.05, HEROIN: 0.03, ATS: 0.01, OTHER: 0.01 },
  },
  {
    iso3: 'ARM', population: [2_925_000, 2_800_000], scale: [0.5, 0.2, 0.8, 0.3, 0.8, 0.9, 1, 0.4, 1],
    victimTrend: 0, cyberTrend: 0.02, isOnRoute: false,
    victimCitizenships: { ARM: 0.82, RUS: 0.08, GEO: 0.05, _U: 0.05 },
    neighbours: ['GEO', 'IRN', 'RUS', 'FRA'],
  },
  {
    iso3: 'AZE', population: [9_760_000, 10_180_000], scale: [0.6, 0.3, 1, 1.5, 0.6, 0.5, 0.6, 0.3, 0.5],
    victimTrend: 0.01, cyberTrend: 0, isOnRoute: false,
    victimCitizenships: { AZE: 0.86, UZB: 0.05, GEO: 0.03, TKM: 0.03, _U: 0.03 },
    neighbours: ['GEO', 'RUS', 'IRN', 'TUR', 'KAZ'],
    drugMix: { CANNABIS: 0.35, COCAINE: 0.01, HEROIN: 0.45, ATS: 0.15, OTHER: 0.04 },
  },
  {
    iso3: 'BGR', population: [7_128_000, 6_430_000], scale: [3.5, 3, 0.8, 1.5, 0.7, 0.9, 1, 1, 1.2],
    victimTrend: -0.05, cyberTrend: 0, isOnRoute: true,
    victimCitizenships: { BGR: 0.9, ROU: 0.03, UKR: 0.02, TUR: 0.02, _U: 0.03 },
    neighbours: ['ROU', 'GRC', 'TUR', 'MKD', 'SRB', 'DEU'],
  },
  {
    iso3: 'GEO', population: [3_729_000, 3_690_000], scale: [0.4, 0.5, 1.2, 0.5, 0.8, 1.1, 0.8, 0.5, 1.3],
    victimTrend: 0, cyberTrend: 0.02, isOnRoute: false,
    victimCitizenships: { GEO: 0.5, UZB: 0.15, AZE: 0.1, KGZ: 0.08, ARM: 0.05, TUR: 0.05, _U: 0.07 },
    neighbours: ['ARM', 'AZE', 'TUR', 'RUS', 'UKR'],
  },
  {
    iso3: 'GRC', population: [10_780_000, 10_380_000], scale: [0.8, 8, 1, 2, 1.2, 1, 0.7, 0.8, 1],
    victimTrend: 0.03, cyberTrend: 0, isOnRoute: true,
    victimCitizenships: { GRC: 0.1, ALB: 0.14, ROU: 0.14, BGR: 0.12, UKR: 0.08, NGA: 0.08, MDA: 0.05, GEO: 0.05, PAK: 0.05, SYR: 0.05, _U: 0.14 },
    neighbours: ['ALB', 'BGR', 'MKD', 'TUR', 'CYP', 'ITA'],
  },
  {
    iso3: 'MDA', population: [2_802_000, 2_420_000], scale: [3, 0.5, 0.7, 0.4, 0.5, 0.8, 1.5, 1.2, 1.5],
    victimTrend: -0.05, cyberTrend: 0, isOnRoute: false,
    victimCitizenships: { MDA: 0.96, UKR: 0.02, _U: 0.02 },
    neighbours: ['ROU', 'UKR', 'RUS', 'TUR'],
  },
  {
    iso3: 'MKD', population: [2_072_000, 1_815_000], scale: [1, 6, 1.1, 1.5, 1.5, 0.5, 0.8, 0.7, 0.9],
    victimTrend: 0, cyberTrend: 0, isOnRoute: true,
    victimCitizenships: { MKD: 0.7, ALB: 0.1, SRB: 0.05, XKX: 0.05, _U: 0.1 },
    neighbours: ['ALB', 'BGR', 'GRC', 'SRB', 'XKX'],
  },
  {
    iso3: 'ROU', population: [19_700_000, 19_020_000], scale: [2.5, 0.7, 0.6, 0.6, 0.3, 0.9, 1.2, 0.9, 1.3],
    victimTrend: -0.06, cyberTrend: 0, isOnRoute: true,
    victimCitizenships: { ROU: 0.93, MDA: 0.02, UKR: 0.02, NPL: 0.01, LKA: 0.01, _U: 0.01 },
    neighbours: ['BGR', 'MDA', 'UKR', 'SRB', 'HUN', 'ITA'],
  },
  {
    iso3: 'RUS', population: [144_300_000, 143_800_000], scale: [0.05, 0.2, 2, 0.5, 0.9, 2.5, 1.6, 0.5, 0.2],
    victimTrend: 0, cyberTrend: 0.12, isOnRoute: false,
    victimCitizenships: { RUS: 0.4, UZB: 0.15, TJK: 0.1, KGZ: 0.1, UKR: 0.1, MDA: 0.05, _U: 0.1 },
    neighbours: ['UKR', 'GEO', 'AZE', 'KAZ', 'BLR'],
    drugMix: { CANNABIS: 0.4, COCAINE: 0.02, HEROIN: 0.15, ATS: 0.33, OTHER: 0.1 },
  },
  {
    iso3: 'SRB', population: [7_060_000, 6_580_000], scale: [0.6, 2.5, 1, 1.2, 2.5, 0.7, 0.9, 0.8, 1],
    victimTrend: -0.01, cyberTrend: 0, isOnRoute: true,
    victimCitizenships: { SRB: 0.85, BIH: 0.03, MKD: 0.03, XKX: 0.02, ALB: 0.02, _U: 0.05 },
    neighbours: ['BIH', 'MKD', 'HUN', 'ROU', 'BGR', 'HRV', 'MNE'],
  },
  {
    iso3: 'TUR', population: [79_800_000, 85_700_000], scale: [0.4, 6, 2.5, 3, 2.5, 1.2, 0.5, 0.3, 0.4],
    victimTrend: 0.05, cyberTrend: 0, isOnRoute: true,
    victimCitizenships: { UZB: 0.25, SYR: 0.15, KGZ: 0.1, TKM: 0.1, GEO: 0.08, AZE: 0.05, MDA: 0.05, UKR: 0.05, TUR: 0.05, _U: 0.12 },
    neighbours: ['GRC', 'BGR', 'GEO', 'IRN', 'IRQ', 'SYR', 'AZE', 'DEU'],
    drugMix: { CANNABIS: 0.5, COCAINE: 0.03, HEROIN: 0.17, ATS: 0.25, OTHER: 0.05 },
  },
  {
    iso3: 'UKR', population: [42_590_000, 37_000_000], scale: [0.6, 0.5, 0.6, 0.4, 0.8, 0.4, 1.3, 0.6, 1],
    victimTrend: -0.02, cyberTrend: 0.03, isOnRoute: false,
    victimCitizenships: { UKR: 0.96, MDA: 0.01, _U: 0.03 },
    neighbours: ['MDA', 'ROU', 'POL', 'SVK', 'HUN', 'GEO'],
  },
];

/** Countries of origin of seized firearms besides the seizing state, with weights. */
export const FIREARM_ORIGINS: Readonly<Record<string, number>> = {
  _U: 0.38, DEU: 0.06, CZE: 0.06, ITA: 0.05, USA: 0.05, AUT: 0.04, TUR: 0.05, SRB: 0.04, BIH: 0.03, RUS: 0.03, BGR: 0.03, CHN: 0.02,
};
/** States with a sizeable arms industry: a large share of their seized firearms are domestic. */
export const ARMS_PRODUCERS = new Set(['TUR', 'SRB', 'RUS', 'BGR', 'ROU', 'UKR']);

/** Countries of origin or departure of seized drugs, by drug. */
export const DRUG_ORIGINS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  CANNABIS: { ALB: 0.3, MAR: 0.12, _U: 0.28, ESP: 0.05 },
  COCAINE: { ECU: 0.3, COL: 0.2, BRA: 0.15, PAN: 0.05, _U: 0.2 },
  HEROIN: { AFG: 0.4, IRN: 0.3, TUR: 0.1, _U: 0.2 },
  ATS: { NLD: 0.3, SYR: 0.2, LBN: 0.1, _U: 0.3 },
  OTHER: { IND: 0.2, CHN: 0.2, _U: 0.6 },
};
/** Partner states of cybercrime requests, with weights (the reporting state itself is left out). */
export const CYBER_PARTNERS: Readonly<Record<string, number>> = {
  USA: 0.3, DEU: 0.1, NLD: 0.08, GBR: 0.08, FRA: 0.05, ROU: 0.05, UKR: 0.05, BGR: 0.04, TUR: 0.04, MDA: 0.03, IRL: 0.05,
};
/** Citizenships of migrant smugglers besides the reporting state's own nationals, with weights. */
export const SMUGGLER_CITIZENSHIPS: Readonly<Record<string, number>> = {
  SYR: 0.08, AFG: 0.05, IRQ: 0.04, TUR: 0.05, PAK: 0.04, ALB: 0.03, UKR: 0.03, GEO: 0.03, _U: 0.05,
};

/** The route's waves of migrant smuggling, relative to 2016 (the Balkan route in 2016, 2022–2023). */
export const ROUTE_WAVE: Readonly<Record<number, number>> = {
  2016: 1, 2017: 0.68, 2018: 0.64, 2019: 0.75, 2020: 0.62, 2021: 0.82, 2022: 1.12, 2023: 1.3, 2024: 0.98, 2025: 0.82,
};
/** COVID-19 restrictions: less recorded crime of most kinds in 2020, recovering in 2021. */
export const COVID_DIP: Readonly<Record<number, number>> = { 2020: 0.82, 2021: 0.92 };

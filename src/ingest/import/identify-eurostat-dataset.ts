import { DataError, type Location } from '../../errors.js';

/** A Eurostat dataset this import reads, told by the dimensions of its key. */
interface EurostatDataset {
  code: string;
  /** Every dimension its key may have, in Eurostat's order. */
  key: readonly string[];
  /** Those a download must have (`freq` is absent from the bulk downloads before 2023: `iccs,unit,geo\time`). */
  required: readonly string[];
  /** What it counts, for messages. */
  what: string;
  /** What its rows are loaded as, for messages. */
  rows: string;
  /** Its title in Eurostat's database, for hints. */
  title: string;
}

/**
 * The datasets `import eurostat` reads. A download's file name never names its dataset: browsers and users rename it
 * (`crim_off_cat (1).tsv`, `data.tsv`, `crim_off_cat__custom_12345_page_tabular.tsv`), and a dataset known under
 * two names would no longer replace itself state by state.
 */
const DATASETS: readonly EurostatDataset[] = [
  {
    code: 'crim_off_cat', key: ['freq', 'iccs', 'unit', 'geo'], required: ['iccs', 'unit', 'geo'],
    what: 'police-recorded offences', rows: 'offences', title: 'Police-recorded offences by offence category',
  },
  // persons suspected (PER_SUSP), prosecuted (PER_PRSC) and convicted (PER_CNV), by offence and sex or citizenship: see mapEurostat
  {
    code: 'crim_just_sex', key: ['freq', 'leg_stat', 'sex', 'iccs', 'unit', 'geo'], required: ['leg_stat', 'sex', 'iccs', 'unit', 'geo'],
    what: 'persons suspected, prosecuted or convicted, by offence and sex', rows: 'persons suspected, prosecuted or convicted',
    title: 'Persons brought into formal contact with the police and criminal justice system, by sex of the person',
  },
  {
    code: 'crim_just_ctz', key: ['freq', 'citizen', 'leg_stat', 'iccs', 'unit', 'geo'], required: ['citizen', 'leg_stat', 'iccs', 'unit', 'geo'],
    what: 'persons suspected, prosecuted or convicted, by offence and citizenship', rows: 'persons suspected, prosecuted or convicted',
    title: 'Persons brought into formal contact with the police and criminal justice system, by citizenship',
  },
];

/** Returns the dataset this import reads with that code. */
const datasetOf = (code: string): EurostatDataset => DATASETS.find((d) => d.code === code) ?? DATASETS[0]!;
/** Returns the datasets this import reads, with what each counts (`crim_off_cat (police-recorded offences), …`). */
const readable = (): string => DATASETS.map((d) => `${d.code} (${d.what})`).join(', ');
/** Returns the hint naming the datasets to download instead. */
const downloadHint = (): string => {
  const named = DATASETS.map((d) => `${d.code} ("${d.title}")`);
  return `download ${named.slice(0, -1).join(', ')} or ${named[named.length - 1]!} from Eurostat as SDMX-CSV or TSV`;
};

/**
 * Returns the Eurostat dataset code of an SDMX-TSV download, from the dimensions of its key: the first header cell
 * `freq,iccs,unit,geo\TIME_PERIOD` (any order, any case) is crim_off_cat's. SDMX-TSV has no dataflow column, so the
 * key is the only part of the content that tells the dataset.
 *
 * @param keyNames the key's dimension names, lower case, as the header gives them
 * @param header the header's first cell as published, for messages
 * @throws DataError `IMPORT_COLUMN_UNSUPPORTED` for a dimension no dataset this import reads has (its dataset cannot
 *   be determined), `IMPORT_COLUMN_MISSING` when the key lacks a dimension the dataset needs; when the file's name
 *   gives a table with a hint of its own (`crim_thb_vctz.tsv`: trafficking victims come from GLOTIP), the hint starts
 *   with it, as the table's SDMX-CSV refusal does. The name only adds to the hint: it never names the dataset.
 * @example identifyEurostatDataset(['freq', 'iccs', 'unit', 'geo'], 'freq,iccs,unit,geo\\TIME_PERIOD', { file: 'data.tsv', line: 1 })
 *   // 'crim_off_cat'
 */
export function identifyEurostatDataset(keyNames: readonly string[], header: string, location: Location): string {
  const at = { ...location, column: header };
  const fits = DATASETS.filter((d) => keyNames.every((name) => d.key.includes(name)));
  if (fits.length === 0) {
    const other = keyNames.find((name) => !DATASETS.some((d) => d.key.includes(name)));
    // each dimension known to some dataset, but no dataset with them all (citizen and sex)
    const together = keyNames.filter((name) => name !== 'freq' && DATASETS.filter((d) => d.key.includes(name)).length < DATASETS.length);
    const found = other === undefined ? `the dimensions ${together.map((name) => `"${name}"`).join(' and ')} together` : `the dimension "${other}"`;
    const known = DATASETS.map((d) => `${d.code} (${d.key.join(', ')})`).join(', ');
    throw new DataError('IMPORT_COLUMN_UNSUPPORTED', `expected the key of a dataset this import reads, ${known}, found ${found} in "${header}": the dataset cannot be determined`, [], {
      location: at,
      hint: `${namedTableHint(location.file ?? '')}only Eurostat crime tables keyed by ICCS offence, unit and country (crim_off_cat), and by legal status and sex (crim_just_sex) or citizenship (crim_just_ctz) too, can be imported; ${downloadHint()}`,
    });
  }
  const complete = fits.filter((d) => d.required.every((name) => keyNames.includes(name)));
  if (complete.length === 0) {
    const missing = fits[0]!.required.find((name) => !keyNames.includes(name));
    throw new DataError('IMPORT_COLUMN_MISSING', `expected a key dimension "${missing}" in "${header}", found ${keyNames.join(', ')}`, [], {
      location: at,
      hint: `${namedTableHint(location.file ?? '')}only Eurostat crime tables keyed by ICCS offence, unit and country (such as ${fits[0]!.code}) can be imported`,
    });
  }
  if (complete.length > 1) {
    throw new DataError('IMPORT_COLUMN_UNSUPPORTED', `expected a key that tells the dataset, found "${header}", the key of ${complete.map((d) => d.code).join(' and ')}: the dataset cannot be determined`, [], {
      location: at,
      hint: 'download the table as SDMX-CSV, which names its dataset (DATAFLOW)',
    });
  }
  return complete[0]!.code;
}

/**
 * What some Eurostat dataflows count, by the start of their code: an SDMX-CSV of one of them names its dataflow, and
 * its ICCS codes, unit and geo would otherwise pass for crim_off_cat's.
 */
const OTHER_FLOWS: readonly [prefix: string, what: string, hint?: string][] = [
  ['crim_pris', 'prisoners'],
  ['crim_just', 'persons in the criminal justice system (suspected, prosecuted, convicted) or its personnel'],
  ['crim_hom', 'victims and persons involved in intentional homicide and sexual offences'],
  ['crim_thb', 'victims and suspects of trafficking in human beings',
    'Eurostat\'s trafficking in human beings tables (crim_thb_…) are not read: victims of trafficking (TIP_VIC) come from the returns and from UNODC\'s GLOTIP download ("crimetrends import unodc FILE"), persons suspected, prosecuted and convicted of trafficking (TIP_SUS, TIP_PRS, TIP_CNV) from these or from crim_just_sex (ICCS0204)'],
  ['crim_gen', 'offences by region (NUTS)'],
  ['migr_', 'migrants, asylum seekers or residence permits'],
];

/** Returns the Eurostat crime tables a file's name gives, lower case (`CRIM_THB_VCTZ (1).tsv` → `['crim_thb_vctz']`). */
const tablesNamed = (file: string): string[] => [...file.toLowerCase().matchAll(/crim_[a-z]+_[a-z0-9]+/g)].map((match) => match[0]);

/**
 * Returns the hint of the table a file's name gives, followed by `; ` (`crim_thb_vctz.tsv` → `Eurostat's trafficking
 * in human beings tables (crim_thb_…) are not read: victims of trafficking (TIP_VIC) come from …; `), or `` when it gives none with a hint: an SDMX-TSV names no dataset, and a trafficking
 * table refused by its key would otherwise not say where its values come from.
 */
function namedTableHint(file: string): string {
  const hint = tablesNamed(file).map((code) => OTHER_FLOWS.find(([prefix]) => code.startsWith(prefix))?.[2]).find((h) => h !== undefined);
  return hint === undefined ? '' : `${hint}; `;
}

/**
 * Returns the Eurostat dataset code of an SDMX-CSV download's dataflow (`ESTAT:CRIM_OFF_CAT(1.0)` → `crim_off_cat`)
 * when it is one this import reads: `eurostat_mapping.csv` takes ICCS codes to offences, so prisoners by offence
 * (crim_pris_cat) or persons prosecuted for corruption would be loaded as corruption offences.
 *
 * @param flow the dataflow as published (`ESTAT:CRIM_PRIS_CAT(1.0)`)
 * @throws DataError `IMPORT_COLUMN_UNSUPPORTED` for a dataflow of another dataset, naming what it counts when known.
 * @example checkEurostatDataflow('ESTAT:CRIM_OFF_CAT(1.0)', { file: 'data.csv', line: 2, column: 'DATAFLOW' }) // 'crim_off_cat'
 */
export function checkEurostatDataflow(flow: string, location: Location): string {
  const code = (/([A-Za-z0-9_]+)(?:\$[A-Za-z0-9_]*)?\(/.exec(flow)?.[1] ?? flow).toLowerCase();
  if (DATASETS.some((d) => d.code === code)) return code;
  const [, what, otherHint] = OTHER_FLOWS.find(([prefix]) => code.startsWith(prefix)) ?? [];
  throw new DataError(
    'IMPORT_COLUMN_UNSUPPORTED',
    `expected the dataflow of a dataset this import reads, ${readable()}, found ${JSON.stringify(flow.trim())}${what === undefined ? '' : `, which counts ${what}`}: not one of these, so its values are not imported`,
    [],
    {
      location,
      hint: `${otherHint === undefined ? '' : `${otherHint}; `}${downloadHint()}; ${code} maps to no catalogue indicator`,
    },
  );
}

/**
 * Returns `dataset` (told by a download's key) unless the file's name names another Eurostat crime table sharing that
 * key: SDMX-TSV names no dataset, and prisoners by offence category (`crim_pris_cat`) or offences by region
 * (`crim_gen_reg`) have crim_off_cat's very key, `freq,iccs,unit,geo`, so their rows would be loaded as offences and
 * replace a state's crim_off_cat series. The name never names the dataset (a renamed crim_off_cat is crim_off_cat);
 * it only refuses a file that says it is another table.
 *
 * @throws DataError `IMPORT_COLUMN_UNSUPPORTED` naming the table the file's name gives.
 * @example checkEurostatFileName('crim_off_cat (1).tsv', 'crim_off_cat', 'freq,iccs,unit,geo\\TIME_PERIOD', { file: 'crim_off_cat (1).tsv', line: 1 }) // 'crim_off_cat'
 */
export function checkEurostatFileName(displayName: string, dataset: string, header: string, location: Location): string {
  const named = tablesNamed(displayName);
  const other = named.find((code) => code !== dataset);
  if (other === undefined || named.includes(dataset)) return dataset;
  const [, what, otherHint] = OTHER_FLOWS.find(([prefix]) => other.startsWith(prefix)) ?? [];
  throw new DataError(
    'IMPORT_COLUMN_UNSUPPORTED',
    `expected ${dataset}, the dataset this import reads with the key "${header}", found a file named after ${other}${what === undefined ? '' : `, which counts ${what}`} and has the same key: the dataset cannot be determined, and its values would be loaded as ${datasetOf(dataset).rows}: not imported`,
    [],
    {
      location: { ...location, column: header },
      hint: `${otherHint === undefined ? '' : `${otherHint}; `}download ${dataset} ("${datasetOf(dataset).title}") from Eurostat; if this file is ${dataset} saved under another name, name it ${dataset}.tsv`,
    },
  );
}

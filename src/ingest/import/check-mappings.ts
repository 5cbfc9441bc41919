import { join, relative } from 'node:path';
import { ConfigError, formatIssue } from '../../errors.js';
import type { Issue } from '../../schema/issue.js';
import type { Reference } from '../../schema/reference.js';
import { referenceLine } from './load-mapping-tables.js';

/**
 * Returns after checking the import mapping tables against the catalogue: every code names an indicator, every
 * breakdown belongs to that indicator's code list, SEX/AGE codes exist, and a mapped row only uses dimensions its
 * indicator has (TIP_SUS has no AGE, FA_SEIZED no SEX). Row shapes are checked by zod when the reference is read;
 * this is the cross-file part.
 *
 * @throws ConfigError `REFERENCE_INVALID` listing every broken cell as `file:line column NAME: … [CODE]`.
 */
export function checkImportMappings(reference: Reference, dir: string, cwd: string = process.cwd()): void {
  const issues: Issue[] = [];
  const fileName = (file: string): string => relative(cwd, join(dir, file)) || file;
  const fail = (file: string, row: object, column: string, value: string, message: string): void => {
    issues.push({ code: 'REFERENCE_INVALID', severity: 'error', file: fileName(file), line: referenceLine(row), column, value, message, hint: null });
  };
  const indicators = new Map(reference.indicators.map((i) => [i.code, i]));
  const codes = new Map<string, Set<string>>();
  for (const c of reference.codes) codes.set(c.codelist, (codes.get(c.codelist) ?? new Set()).add(c.code));
  const inList = (list: string, code: string): boolean => codes.get(list)?.has(code) ?? false;

  const checkSeries = (file: string, row: object, code: string, parts: Record<string, string>): void => {
    const indicator = indicators.get(code);
    if (indicator === undefined) return fail(file, row, 'code', code, `expected an indicator of indicators.csv, found "${code}"`);
    const has = (dimension: string): boolean => (indicator.dimensions as string[]).includes(dimension);
    const breakdown = parts.breakdown ?? '_T';
    if (breakdown !== '_T' && !(has('BREAKDOWN') && inList(indicator.breakdown_list, breakdown))) {
      fail(file, row, 'breakdown', breakdown, `expected _T or a code of ${code}'s breakdown list ${indicator.breakdown_list || '(none)'}, found "${breakdown}"`);
    }
    for (const [column, dimension, list] of [['sex_code', 'SEX', 'SEX'], ['age_code', 'AGE', 'AGE']] as const) {
      const value = parts[column];
      if (value === undefined || value === '*' || value === '_T') continue;
      if (!inList(list, value)) fail(file, row, column, value, `expected * or a code of the ${list} list, found "${value}"`);
      else if (!has(dimension)) fail(file, row, column, value, `expected _T or * since ${dimension} is not a dimension of ${code}, found "${value}"`);
    }
    const counterpart = parts.counterpart;
    if (counterpart !== undefined && counterpart !== '_T' && !has('COUNTERPART_AREA')) {
      fail(file, row, 'counterpart', counterpart, `expected _T since COUNTERPART_AREA is not a dimension of ${code}, found "${counterpart}"`);
    }
  };

  for (const row of reference.unodcMapping) {
    if (row.code !== '') checkSeries('unodc_mapping.csv', row, row.code, row);
  }
  for (const row of reference.unodcLabels) {
    const list = row.column === 'Sex' ? 'SEX' : 'AGE';
    if (row.code !== '' && !inList(list, row.code)) fail('unodc_labels.csv', row, 'code', row.code, `expected a code of the ${list} list, found "${row.code}"`);
  }
  const seen = new Set<string>();
  for (const row of reference.eurostatMapping) {
    if (seen.has(row.iccs)) fail('eurostat_mapping.csv', row, 'iccs', row.iccs, `expected each ICCS code once, found ${row.iccs} again`);
    seen.add(row.iccs);
    if (row.code !== '') checkSeries('eurostat_mapping.csv', row, row.code, { breakdown: row.breakdown });
  }
  seen.clear();
  for (const row of reference.eurostatFlags) {
    if (seen.has(row.flag)) fail('eurostat_flags.csv', row, 'flag', row.flag, `expected each flag once, found "${row.flag}" again`);
    seen.add(row.flag);
    if (!inList('OBS_STATUS', row.obs_status)) fail('eurostat_flags.csv', row, 'obs_status', row.obs_status, `expected a code of the OBS_STATUS list, found "${row.obs_status}"`);
  }
  if (issues.length > 0) {
    throw new ConfigError('REFERENCE_INVALID', `import mapping tables are invalid:\n${issues.slice(0, 20).map(formatIssue).join('\n')}`, {
      location: { file: issues[0]!.file, line: issues[0]!.line ?? undefined, column: issues[0]!.column ?? undefined },
      hint: 'fix the mapping files in data/reference/ (unodc_mapping.csv, unodc_labels.csv, eurostat_mapping.csv, eurostat_flags.csv)',
    });
  }
}

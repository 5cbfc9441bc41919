import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { generateSample, RECEIVED_MANIFEST, RETURN_COLUMNS, type GenerateSampleResult } from '../../src/sample/index.js';
import { tempDir } from '../helpers/warehouse.js';

const COMMITTED = join(PROJECT_ROOT, 'data/sample/returns');
const BSEC = 'ALB ARM AZE BGR GEO GRC MDA MKD ROU RUS SRB TUR UKR'.split(' ');
const STAGES = ['OFF', 'SUS', 'PRS', 'CNV'];

interface Row {
  file: string;
  line: number;
  cells: Record<(typeof RETURN_COLUMNS)[number], string>;
}

/** Splits RFC 4180 text with LF line ends into records of cells (quoted fields may hold commas and quotes). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (isQuoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (char === '"') {
      isQuoted = !isQuoted;
    } else if (!isQuoted && char === ',') {
      cells.push(cell);
      cell = '';
    } else if (!isQuoted && char === '\n') {
      records.push([...cells, cell]);
      cells = [];
      cell = '';
    } else {
      cell += char;
    }
  }
  return records;
}

const returnFiles = (dir: string): string[] => readdirSync(dir).filter((name) => /^[A-Z]{3}_\d{4}(_v\d+)?\.csv$/.test(name)).sort();
const isTotal = (r: Row, except: string): boolean =>
  (['SEX', 'AGE', 'COUNTERPART_AREA', 'BREAKDOWN'] as const).every((dim) => dim === except || r.cells[dim] === '_T');

describe('sample data', () => {
  let generated: GenerateSampleResult;
  const rows: Row[] = [];
  const texts = new Map<string, string>();

  beforeAll(async () => {
    generated = await generateSample({ outDir: tempDir('crimetrends-sample-') });
    for (const file of returnFiles(COMMITTED)) {
      const text = readFileSync(join(COMMITTED, file), 'utf8');
      texts.set(file, text);
      parseCsv(text).slice(1).forEach((cells, i) => {
        rows.push({ file, line: i + 2, cells: Object.fromEntries(RETURN_COLUMNS.map((c, j) => [c, cells[j] ?? ''])) as Row['cells'] });
      });
    }
  });
  afterAll(() => rmSync(generated.outDir, { recursive: true, force: true }));

  it('regenerates byte for byte what is committed', () => {
    expect(returnFiles(generated.outDir)).toEqual(returnFiles(COMMITTED));
    for (const file of [...returnFiles(COMMITTED), RECEIVED_MANIFEST]) {
      expect(readFileSync(join(generated.outDir, file)).equals(readFileSync(join(COMMITTED, file))), file).toBe(true);
    }
  });

  it('has one return per state and year except the missing ones, plus the resubmission', () => {
    const files = returnFiles(COMMITTED);
    for (const state of BSEC) {
      for (let year = 2016; year <= 2025; year++) {
        const isMissing = (state === 'RUS' && year >= 2023) || (state === 'AZE' && year === 2025) || (state === 'UKR' && year === 2022);
        expect(files.includes(`${state}_${year}.csv`), `${state}_${year}`).toBe(!isMissing);
      }
    }
    expect(files).toContain('GEO_2025_v2.csv');
    expect(files).toHaveLength(13 * 10 - 5 + 1);
    const manifest = parseCsv(readFileSync(join(COMMITTED, RECEIVED_MANIFEST), 'utf8'));
    expect(manifest[0]).toEqual(['file', 'received_at']);
    expect(manifest.slice(1).map((r) => r[0]).sort()).toEqual(files);
    for (const [file, at] of manifest.slice(1)) {
      expect(at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/);
      expect(Number(at!.slice(0, 4)), file).toBe(Number(file!.slice(4, 8)) + 1);
    }
  });

  it('writes UTF-8 without BOM, LF line ends, the return header and 100–400 rows per file', () => {
    for (const [file, text] of texts) {
      expect(text.charCodeAt(0), file).not.toBe(0xfeff);
      expect(text).not.toContain('\r');
      expect(text.endsWith('\n')).toBe(true);
      const records = parseCsv(text);
      expect(records[0]).toEqual([...RETURN_COLUMNS]);
      expect(records.length - 1, file).toBeGreaterThanOrEqual(100);
      expect(records.length - 1, file).toBeLessThanOrEqual(400);
      expect(records.filter((record) => record.length !== RETURN_COLUMNS.length), file).toEqual([]);
    }
  });

  it('has non-negative values, integers for counts, the file state and year, and a comment on every break', () => {
    const wrong: string[] = [];
    for (const { file, line, cells } of rows) {
      const year = Number(file.slice(4, 8));
      const value = cells.INDICATOR === 'DRG_SEIZ_KG' ? /^\d+(\.\d)?$/ : /^\d+$/;
      if (cells.REF_AREA !== file.slice(0, 3)) wrong.push(`${file}:${line} REF_AREA`);
      if (cells.TIME_PERIOD !== String(year) && cells.TIME_PERIOD !== String(year - 1)) wrong.push(`${file}:${line} TIME_PERIOD`);
      if (!value.test(cells.OBS_VALUE)) wrong.push(`${file}:${line} OBS_VALUE ${cells.OBS_VALUE}`);
      if (cells.OBS_STATUS === 'B' && cells.COMMENT === '') wrong.push(`${file}:${line} B without COMMENT`);
    }
    expect(wrong).toEqual([]);
    const statuses = new Set(rows.map((r) => r.cells.OBS_STATUS));
    for (const status of ['P', 'E', 'B']) expect(statuses).toContain(status);
    expect(rows.filter((r) => r.cells.CONF_STATUS === 'C').length).toBeGreaterThan(0);
  });

  it('has breakdowns that add up to their totals', () => {
    const groups = new Map<string, { total?: number; parts: number; codes: Set<string> }>();
    for (const dim of ['SEX', 'AGE', 'COUNTERPART_AREA', 'BREAKDOWN'] as const) {
      for (const r of rows) {
        if (!isTotal(r, dim)) continue;
        const others = (['SEX', 'AGE', 'COUNTERPART_AREA', 'BREAKDOWN'] as const).filter((d) => d !== dim).map((d) => r.cells[d]);
        const key = `${r.file}|${r.cells.TIME_PERIOD}|${r.cells.INDICATOR}|${dim}|${others.join('|')}`;
        const group = groups.get(key) ?? { parts: 0, codes: new Set() };
        const value = Math.round(Number(r.cells.OBS_VALUE) * 10);
        if (r.cells[dim] === '_T') group.total = value;
        else (group.parts += value), group.codes.add(r.cells[dim]);
        groups.set(key, group);
      }
    }
    // the sex × age cross-classification: each sex's age parts add up to that sex's total
    for (const r of rows.filter((x) => x.cells.SEX !== '_T' && x.cells.AGE !== '_T')) {
      const key = `${r.file}|${r.cells.TIME_PERIOD}|${r.cells.INDICATOR}|AGE|${r.cells.SEX}|_T|_T`;
      const group = groups.get(key) ?? { parts: 0, codes: new Set() };
      group.parts += Number(r.cells.OBS_VALUE) * 10;
      group.codes.add(r.cells.AGE);
      groups.set(key, group);
    }
    for (const r of rows.filter((x) => x.cells.SEX !== '_T' && isTotal(x, 'SEX'))) {
      const group = groups.get(`${r.file}|${r.cells.TIME_PERIOD}|${r.cells.INDICATOR}|AGE|${r.cells.SEX}|_T|_T`);
      if (group) group.total = Number(r.cells.OBS_VALUE) * 10;
    }
    let checked = 0;
    const mismatches: string[] = [];
    for (const [key, group] of groups) {
      if (group.codes.size === 0) continue;
      if (key.includes('|SEX|') && !(group.codes.has('F') && group.codes.has('M'))) continue;
      if (group.parts !== group.total) mismatches.push(`${key}: parts ${group.parts} total ${group.total}`);
      checked++;
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(5_000);
  });

  it('keeps criminal-justice attrition (one deliberate exception) and explains every large change', () => {
    const value = new Map(rows.map((r) => [`${r.file}|${r.cells.TIME_PERIOD}|${r.cells.INDICATOR}|${r.cells.SEX}|${r.cells.AGE}|${r.cells.COUNTERPART_AREA}|${r.cells.BREAKDOWN}`, Number(r.cells.OBS_VALUE)]));
    const inversions: string[] = [];
    for (const r of rows) {
      const [area, stage] = r.cells.INDICATOR.split('_') as [string, string];
      const earlier = STAGES.indexOf(stage) - 1;
      if (earlier < 0) continue;
      const before = value.get(`${r.file}|${r.cells.TIME_PERIOD}|${area}_${STAGES[earlier]}|${r.cells.SEX}|${r.cells.AGE}|${r.cells.COUNTERPART_AREA}|${r.cells.BREAKDOWN}`);
      if (before !== undefined && Number(r.cells.OBS_VALUE) > before) inversions.push(`${r.file}:${r.line}`);
    }
    expect(new Set(inversions.map((i) => i.split(':')[0]))).toEqual(new Set(['ALB_2023.csv']));

    const unexplained: string[] = [];
    for (const r of rows) {
      const year = Number(r.file.slice(4, 8));
      if (r.cells.COMMENT !== '' || r.cells.TIME_PERIOD !== String(year) || r.file === 'GEO_2025.csv') continue;
      const previous = value.get(`${r.file.slice(0, 3)}_${year - 1}.csv|${year - 1}|${r.cells.INDICATOR}|${r.cells.SEX}|${r.cells.AGE}|${r.cells.COUNTERPART_AREA}|${r.cells.BREAKDOWN}`);
      const now = Number(r.cells.OBS_VALUE);
      if (previous !== undefined && Math.abs(now - previous) > 20 && (previous === 0 || Math.abs(now - previous) / previous > 0.5)) unexplained.push(`${r.file}:${r.line}`);
    }
    expect(unexplained).toEqual([]);
  });

  it('is labelled synthetic in its README', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'data/sample/README.md'), 'utf8');
    expect(readme).toMatch(/synthetic/i);
    expect(readme).toContain('npm run sample');
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertToUtf8 } from '../../io/convert-to-utf8.js';
import type { CountryResolver } from '../../schema/resolve-country.js';
import { quoteIdent, type Store } from '../../store/index.js';
import { locateColumns } from '../../io/find-header.js';
import { stageCsv, type StageCsvOptions, type StagedCsv } from './stage-csv.js';

/** Single-byte code pages a download may be in; which one is told apart by the country names it holds. */
const CODE_PAGES = ['windows-1252', 'windows-1250', 'windows-1251', 'windows-1253', 'windows-1254', 'windows-1257'];
const NAME_COLUMNS = [
  { key: 'country', display: 'Country', aliases: ['Country', 'Country Name'] },
  { key: 'category', display: 'Category', aliases: ['Category'] },
];

/**
 * Returns the download staged as {@link stageCsv} does, but with a second opinion on its code page: when the file
 * was not UTF-8, its country names (the Country and Category columns' texts with accents) are resolved as decoded
 * and as each other single-byte code page would decode the same bytes; when another code page resolves more of them,
 * the file is read in that one instead and the ENCODING_CONVERTED warning says so. Byte statistics cannot tell
 * Windows-1252 from Windows-1250 in a file whose only accents are in a few names ("Türkiye" read as "TĂĽrkiye"); the
 * names can.
 */
export async function stageCsvByNames(
  store: Store,
  path: string,
  options: StageCsvOptions,
  resolver: CountryResolver,
): Promise<StagedCsv> {
  const staged = await stageCsv(store, path, options);
  const detected = staged.read.encoding;
  if (!/^(windows-125\d|iso-8859-\d+)$/i.test(detected)) return staged;
  const at = locateColumns(staged.read.header, NAME_COLUMNS);
  const columns = Object.values(at).filter((index) => index >= 0).map((index) => quoteIdent(`c${index}`));
  if (columns.length === 0) return staged;
  const rows = await store.all<{ text: string }>(
    `select distinct text from (${columns.map((c) => `select ${c} as text from ${quoteIdent(options.table)}`).join(' union all ')}) where text is not null`,
  );
  const texts = rows.map((r) => r.text).filter((text) => /[^\x00-\x7f]/.test(text));
  if (texts.length === 0) return staged;
  const { default: iconv } = await import('iconv-lite');
  const resolves = (encoding: string): number =>
    texts.filter((text) => resolver.resolve(encoding === detected ? text : iconv.decode(iconv.encode(text, detected), encoding)) !== undefined).length;
  const asDetected = resolves(detected);
  let best = { encoding: detected, count: asDetected };
  for (const encoding of CODE_PAGES) {
    if (encoding === detected.toLowerCase()) continue;
    const count = resolves(encoding);
    if (count > best.count) best = { encoding, count };
  }
  if (best.encoding === detected) return staged;

  const dir = await mkdtemp(join(tmpdir(), 'crimetrends-'));
  try {
    const converted = join(dir, 'utf8.csv');
    await convertToUtf8(path, converted, best.encoding);
    const reread = await stageCsv(store, converted, options);
    const original = staged.issues.find((issue) => issue.code === 'ENCODING_CONVERTED');
    const confidence = /detected with (\d+)% confidence/.exec(original?.message ?? '')?.[1];
    const note = {
      code: 'ENCODING_CONVERTED', severity: 'warning' as const, file: options.displayName, line: null, column: null, value: best.encoding,
      message: `expected UTF-8, found ${best.encoding} (the byte statistics suggested ${detected}${confidence ? ` at ${confidence}%` : ''}, but ${best.count} of ${texts.length} names with accents name a country in ${best.encoding} against ${asDetected} in ${detected}); the file was converted`,
      hint: original?.hint ?? 'save the file as "CSV UTF-8"',
    };
    return { ...reread, issues: [note, ...reread.issues.filter((issue) => issue.code !== 'ENCODING_CONVERTED')] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

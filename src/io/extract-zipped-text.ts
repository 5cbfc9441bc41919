import { createWriteStream } from 'node:fs';
import { posix, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import unzipper, { type File } from 'unzipper';

/** The data file a zip download holds, extracted. */
export interface ZippedText {
  /** Where the data file was written. */
  path: string;
  /** Its name in the archive (`API_SP.POP.TOTL_DS2_en_csv_v2_85.csv`). */
  name: string;
}

/**
 * A metadata file a publisher zips beside the data: the World Bank's `Metadata_Country_…csv`, DataBank's `… -
 * Metadata.csv`, the WDI bulk download's `WDICountry.csv`, `WDISeries.csv`, `WDICountry-Series.csv`,
 * `WDISeries-Time.csv` and `WDIfootnote.csv` beside its data, `WDICSV.csv` (`WDIData.csv` before 2023).
 */
const METADATA = /metadata|^wdi(country|series|country-series|series-time|footnote)\.csv$/i;

/**
 * Returns the one data file (`.csv` or `.tsv`, not named as metadata) of the zip archive at `path`, extracted into
 * `dir`: the World Bank's download as published (`API_SP.POP.TOTL_DS2_en_csv_v2_85.zip`, the data file beside two
 * `Metadata_…` files; DataBank's CSV download, `…_Data.csv` beside `…_Series - Metadata.csv`). Undefined when the
 * archive is a workbook (`xl/workbook.xml`), cannot be opened, or holds no such file or several, which the workbook
 * reader then names.
 */
export async function extractZippedText(path: string, dir: string): Promise<ZippedText | undefined> {
  let files: File[];
  try {
    files = (await unzipper.Open.file(path)).files.filter((file) => file.type === 'File');
  } catch {
    return undefined;
  }
  if (files.some((file) => file.path.replace(/^\//, '').toLowerCase() === 'xl/workbook.xml')) return undefined;
  const texts = files.filter((file) => /\.(csv|tsv)$/i.test(file.path));
  const data = texts.filter((file) => !METADATA.test(posix.basename(file.path)));
  if (data.length !== 1) return undefined;
  const name = posix.basename(data[0]!.path);
  const out = join(dir, name);
  await pipeline(data[0]!.stream(), createWriteStream(out));
  return { path: out, name };
}

// The part of unzipper (no bundled types) that src/io/xlsx-worksheets.ts and src/ingest/archive-receipts.ts use: a zip opened by its central directory.
declare module 'unzipper' {
  import type { Readable } from 'node:stream';

  export interface File {
    path: string;
    type: 'File' | 'Directory';
    /** The size of the entry's bytes, from the central directory. */
    uncompressedSize?: number;
    /** The entry's modification date and time, as MS-DOS packs them (from the central directory). */
    lastModifiedDate?: number;
    lastModifiedTime?: number;
    stream(): Readable;
  }

  export interface CentralDirectory {
    files: File[];
  }

  export const Open: { file(path: string): Promise<CentralDirectory> };
  const unzipper: { Open: typeof Open };
  export default unzipper;
}

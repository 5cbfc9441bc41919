import { open } from 'node:fs/promises';

/** The stream an encrypted Office file keeps its package in (MS-OFFCRYPTO), as a compound file directory entry names it. */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage\0', 'utf16le');
/** Compound file directory entries are 128 bytes, aligned on 128 bytes after the 512-byte header. */
const ENTRY_SIZE = 128;
const CHUNK = 1 << 20;

/** What to do with a workbook saved with a password to open (import and a return sent as a workbook both say it). */
export const ENCRYPTED_WORKBOOK_HINT = 'open it in Excel with its password, clear the password (File > Info > Protect Workbook > Encrypt with Password) and save it as .xlsx or CSV UTF-8';

/**
 * Returns true when the compound file (OLE2, the container an `.xls` also uses) at `path` is a password-protected
 * Office document: Excel saves an `.xlsx` with a password to open as a compound file holding an `EncryptedPackage`
 * stream. Looks for that stream's directory entry (its UTF-16 name at an entry's start, its name length after it).
 *
 * @example await isEncryptedWorkbook('data_glotip (protected).xlsx') // true
 */
export async function isEncryptedWorkbook(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK);
    for (let position = 0; ; position += CHUNK) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
      for (let offset = 0; offset + ENTRY_SIZE <= bytesRead; offset += ENTRY_SIZE) {
        const isEntry = buffer.readUInt16LE(offset + 64) === ENCRYPTED_PACKAGE.length;
        if (isEntry && buffer.subarray(offset, offset + ENCRYPTED_PACKAGE.length).equals(ENCRYPTED_PACKAGE)) return true;
      }
      if (bytesRead < CHUNK) return false;
    }
  } finally {
    await handle.close();
  }
}

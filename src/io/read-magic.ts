import { open } from 'node:fs/promises';

/** Returns the file's first two bytes, which name its kind (`PK` a zip, `1f 8b` gzip, `d0 cf` a compound file); fewer for a shorter file. */
export async function readMagic(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(2);
    const { bytesRead } = await handle.read(buffer, 0, 2, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

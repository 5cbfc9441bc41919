import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { unprefixSpreadsheetMl } from '../../src/io/unprefix-spreadsheetml.js';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const through = async (xml: string, cut: number) =>
  text(Readable.from([Buffer.from(xml.slice(0, cut)), Buffer.from(xml.slice(cut))]).pipe(unprefixSpreadsheetMl()));

describe('unprefixSpreadsheetMl', () => {
  it('drops the prefix bound to SpreadsheetML from every element, wherever the stream is cut', async () => {
    const xml = `<?xml version="1.0"?><!-- by a tool --><x:sst xmlns:x="${MAIN}"><x:si><x:t>a &lt; b</x:t></x:si><x:si/></x:sst>`;
    for (let cut = 1; cut < xml.length; cut++) {
      expect(await through(xml, cut), `cut at ${cut}`).toBe(`<?xml version="1.0"?><!-- by a tool --><sst xmlns:x="${MAIN}"><si><t>a &lt; b</t></si><si/></sst>`);
    }
  });

  it('passes a part unchanged whose elements have no prefix, or a prefix bound to another namespace', async () => {
    const plain = `<?xml version="1.0"?><worksheet xmlns="${MAIN}" xmlns:r="urn:r"><sheetData/></worksheet>`;
    const other = `<?xml version="1.0"?><y:root xmlns:y="urn:other"><y:item/></y:root>`;
    for (const xml of [plain, other]) for (let cut = 1; cut < xml.length; cut++) expect(await through(xml, cut)).toBe(xml);
  });
});

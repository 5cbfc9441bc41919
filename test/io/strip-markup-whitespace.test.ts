import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { stripMarkupWhitespace } from '../../src/io/strip-markup-whitespace.js';

const strip = (chunks: string[]): Promise<string> => text(Readable.from(chunks.map((chunk) => Buffer.from(chunk, 'utf8'))).pipe(stripMarkupWhitespace()));

describe('stripMarkupWhitespace', () => {
  const xml = '<?xml version="1.0"?>\n<sst>\n  <si>\n    <t>Türkiye</t>\n  </si>\n  <si><t xml:space="preserve">  </t></si>\n  <si><v/>\n</si>\n</sst>\n';
  const expected = '<?xml version="1.0"?>\n<sst>\n  <si>\n    <t>Türkiye</t></si><si><t xml:space="preserve">  </t></si><si><v/></si></sst>';

  it('drops the white space after end tags, keeps text inside elements', async () => {
    expect(await strip([xml])).toBe(expected);
  });

  it('gives the same text wherever the stream is cut, a UTF-8 letter included', async () => {
    const bytes = Buffer.from(xml, 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      const out = await text(Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]).pipe(stripMarkupWhitespace()));
      expect(out, `cut at byte ${cut}`).toBe(expected);
    }
  });
});

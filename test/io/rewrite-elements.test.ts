import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { rewriteElements } from '../../src/io/rewrite-elements.js';

describe('rewriteElements', () => {
  it('rewrites each whole element, self-closing or not, wherever the stream is cut, and passes the rest through', async () => {
    const xml = `<sst><si><t>ROU</t><rPh sb="0" eb="3"><t>X</t></rPh><rPh/><phoneticPr fontId="1"/></si><si><t>a &lt; b</t></si></sst>`;
    for (let cut = 1; cut < xml.length; cut++) {
      const out = await text(Readable.from([Buffer.from(xml.slice(0, cut)), Buffer.from(xml.slice(cut))]).pipe(rewriteElements('rPh', () => '')));
      expect(out, `cut at ${cut}`).toBe(`<sst><si><t>ROU</t><phoneticPr fontId="1"/></si><si><t>a &lt; b</t></si></sst>`);
    }
  });
});

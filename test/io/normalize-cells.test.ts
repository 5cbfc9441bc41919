import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { normalizeCells } from '../../src/io/normalize-cells.js';

/** Returns what normalizeCells gives for `xml` sent in two chunks cut at every place. */
async function everyCut(xml: string): Promise<Set<string>> {
  const outs = new Set<string>();
  for (let cut = 1; cut < xml.length; cut++) outs.add(await text(Readable.from([Buffer.from(xml.slice(0, cut)), Buffer.from(xml.slice(cut))]).pipe(normalizeCells())));
  return outs;
}

describe('normalizeCells', () => {
  it('gives an inline string of several runs as one text, without its phonetic reading, wherever the stream is cut', async () => {
    const xml = `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/></rPr><t>1,0</t></r><r><t xml:space="preserve">11</t></r><rPh sb="0" eb="1"><t>X</t></rPh></is></c><c r="B1"/><c r="C1" t="inlineStr"><is><t>ROU</t></is></c><c r="D1"><v>2</v></c></row></sheetData>`;
    expect(await everyCut(xml)).toEqual(
      new Set([`<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>1,011</t></is></c><c r="B1"/><c r="C1" t="inlineStr"><is><t>ROU</t></is></c><c r="D1"><v>2</v></c></row></sheetData>`]),
    );
  });

  it('gives a date cell (t="d") as the text of its ISO date', async () => {
    const xml = `<row r="2"><c r="A2" s="1" t="d"><v>2013-05-30T00:00:00</v></c><c r="B2" t='d'><f>TODAY()</f><v>2026-11-23</v></c><c r="C2" t="d"><v>T10:00:00</v></c></row>`;
    expect(await everyCut(xml)).toEqual(new Set([`<row r="2"><c r="A2" s="1" t="str"><v>2013-05-30</v></c><c r="B2" t='str'><v>2026-11-23</v></c><c r="C2" t="d"><v>T10:00:00</v></c></row>`]));
  });

  it('gives a formula with its result stored as that result alone, and keeps a formula without one', async () => {
    const xml = `<row r="2"><c r="A2" t="e"><f>NA()</f><v>#N/A</v></c><c r="B2" t="b"><f t="shared" si="0"/><v>1</v></c><c r="C2"><f>1+1</f></c></row>`;
    expect(await everyCut(xml)).toEqual(new Set([`<row r="2"><c r="A2" t="e"><v>#N/A</v></c><c r="B2" t="b"><v>1</v></c><c r="C2"><f>1+1</f></c></row>`]));
  });
});

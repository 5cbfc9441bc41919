import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { numberCells } from '../../src/io/number-cells.js';

describe('numberCells', () => {
  const xml = `<worksheet><cols><col min="1" max="2"/></cols><sheetData><row><c t="inlineStr"><is><t>a</t></is></c><c/><c r='E1'><v>1</v></c><c><v>2</v></c></row><row r="5"><c s="1"><v>3</v></c></row><row><c><v>4</v></c></row></sheetData></worksheet>`;
  const expected = `<worksheet><cols><col min="1" max="2"/></cols><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1"/><c r='E1'><v>1</v></c><c r="F1"><v>2</v></c></row><row r="5"><c r="A5" s="1"><v>3</v></c></row><row r="6"><c r="A6"><v>4</v></c></row></sheetData></worksheet>`;

  it('gives rows and cells without r their place after the one before, wherever the stream is cut', async () => {
    for (let cut = 1; cut < xml.length; cut++) {
      const out = await text(Readable.from([Buffer.from(xml.slice(0, cut)), Buffer.from(xml.slice(cut))]).pipe(numberCells()));
      expect(out, `cut at ${cut}`).toBe(expected);
    }
  });
});

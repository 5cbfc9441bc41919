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

  it('carries the place of rows and cells that name it into a later part of the stream that does not', async () => {
    const placed = `<sheetData><row r="2"><c r="A2"><v>1</v></c><c r="C2"><v>2</v></c></row><row r="4"><c r="B4"><v>3</v></c>`;
    const unplaced = `<c><v>4</v></c></row><row><c><v>5</v></c></row></sheetData>`;
    const out = await text(Readable.from([Buffer.from(placed), Buffer.from(unplaced)]).pipe(numberCells()));
    expect(out).toBe(`${placed}<c r="C4"><v>4</v></c></row><row r="5"><c r="A5"><v>5</v></c></row></sheetData>`);
  });
});

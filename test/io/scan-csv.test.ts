import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellShape, findOpenCell, isQuoteSwallowingRows, scanCsv } from '../../src/io/scan-csv.js';
import { tempDir } from '../helpers/warehouse.js';

const dir = tempDir();
const scan = async (name: string, text: string, delimiter?: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return scanCsv(path, delimiter);
};

describe('scanCsv: quotes left open over a line break (openQuotes)', () => {
  it('a comment over two lines takes in no row: rowLines 0', async () => {
    const result = await scan('comment.csv', 'a,b,c\n1,"two\nlines",3\n4,5,6\n');
    expect(result.multiLineRecords).toEqual([[2, 3]]);
    expect(result.openQuotes).toEqual([{ line: 2, lastLine: 3, cell: 1, text: '"two', rowLines: 0, alikeRowLines: 0, isWellFormed: true }]);
  });

  it('a stray quote takes in the rows below it up to the next quote: the lines holding the header’s delimiters are counted', async () => {
    const result = await scan('stray.csv', 'a,b,c\n1,2,3\n4,"5,6\n7,8,9\nnote\n10,11,"12"\n13,14,15\n');
    expect(result.multiLineRecords).toEqual([[3, 6]]);
    expect(result.unterminatedQuoteLine).toBeUndefined();
    // lines 4 and 6 have two commas as the header has; "note" on line 5 has none
    expect(result.openQuotes).toEqual([{ line: 3, lastLine: 6, cell: 1, text: '"5,6', rowLines: 2, alikeRowLines: 2, isWellFormed: false }]);
  });

  it('a quote never closed runs to the last line (CR LF, no final line break)', async () => {
    const result = await scan('open.csv', 'a;b;c;d\r\n1;2;3;4\r\n5;6;7;"8\r\n9;10\r\n11;12;13;14\r\n15;16;17;18');
    expect(result.unterminatedQuoteLine).toBe(3);
    // "9;10" has fewer delimiters than the header's three: not a row
    expect(result.openQuotes).toEqual([{ line: 3, lastLine: 6, cell: 3, text: '"8', rowLines: 2, alikeRowLines: 2, isWellFormed: false }]);
  });

  it('a note over two lines whose second holds the header’s delimiters is well formed: its quote closes at the cell’s end, its record has the header’s width', async () => {
    const result = await scan('note.csv', 'a,b,c\r\n1,2,"IAFQ\r\npolice, customs, courts"\r\n4,5,6\r\n');
    expect(result.openQuotes).toEqual([{ line: 2, lastLine: 3, cell: 2, text: '"IAFQ', rowLines: 1, alikeRowLines: 0, isWellFormed: true }]);
  });

  it.each([
    ['closed within a cell', 'a,b,c\n1,"2\n3,4,5\n6,"7",8\n', 4],
    ['closed at a cell’s end, the record one cell too wide', 'a,b,c\n1,"2\n3,4,5\n6",7,8\n', 4],
    ['closed at a cell’s end, the record one cell too narrow', 'a,b,c\n1,"2\n3,4,5\n6"\n', 4],
  ])('a stray quote %s is not well formed', async (_, text, lastLine) => {
    const result = await scan('stray-width.csv', text);
    expect(result.openQuotes).toEqual([expect.objectContaining({ line: 2, lastLine, isWellFormed: false })]);
  });

  it('rows swallowed by a quote that a second stray quote closes at a cell’s end begin as the record’s own line: swallowing, though well formed', async () => {
    const result = await scan('paired.csv', 'a,b,c\nROU,2,"3\nALB,5,6\nMDA,8,9"\n');
    expect(result.openQuotes).toEqual([{ line: 2, lastLine: 4, cell: 2, text: '"3', rowLines: 2, alikeRowLines: 2, isWellFormed: true }]);
    expect(isQuoteSwallowingRows(result.openQuotes[0]!)).toBe(true);
  });

  it.each([
    ['a note whose second line begins unlike the rows, in a well-formed record', 'a,b,c\r\nROU,2,"IAFQ\r\nNote: police, customs, courts"\r\n', false],
    ['a note with no line like a row', 'a,b,c\nROU,"two\nlines",3\n', false],
    ['a stray quote closed within a cell', 'a,b,c\nROU,"2\nNote: police, customs\nALB,"7",8\n', true],
    ['a quote never closed', 'a,b,c\nROU,"2\nNote: police, customs, courts\n', true],
  ])('isQuoteSwallowingRows: %s → %s', async (_, text, expected) => {
    const result = await scan('which.csv', text);
    expect(result.openQuotes.map(isQuoteSwallowingRows)).toEqual([expected]);
  });

  it('cellShape: codes, years and names of one column share a shape; a note’s words do not', () => {
    const shape = (text: string) => cellShape(Buffer.from(text), 0, Buffer.byteLength(text), 44);
    expect([shape('ROU,1'), shape('ALB'), shape('2020,x'), shape('Romania,'), shape('Türkiye,'), shape('Note: seized by the police, customs')]).toEqual([
      'A', 'A', '9', 'Aa', 'Aa', 'Aa: a a a a',
    ]);
  });

  it('finds the cell of a quote opened on a line that spans two 1 MiB chunks', async () => {
    const header = 'a,b,c\n';
    const filler = '1,2,3\n'.repeat(170_000);
    // pad so that the line with the quote starts three bytes before the first chunk ends: '4,"' | '5,6'
    const pad = `1,2,${'9'.repeat((1 << 20) - 3 - header.length - filler.length - 5)}\n`;
    const result = await scan('chunks.csv', `${header}${filler}${pad}4,"5,6\n7,8,9\n10,11,"12"\n`);
    expect((header + filler + pad).length).toBe((1 << 20) - 3);
    const line = 170_003;
    expect(result.openQuotes).toEqual([{ line, lastLine: line + 2, cell: 1, text: '"5,6', rowLines: 2, alikeRowLines: 2, isWellFormed: false }]);
  });

  it('keeps a header and a letter split between chunks as read, though every chunk is read into the buffer of the one before', async () => {
    const MiB = 1 << 20;
    // blank lines put the header's start 10 bytes before the first chunk ends: 'REF_AREA,T' | 'IME_PERIOD,COMMENT'
    const blank = '\n'.repeat(MiB - 10);
    const header = 'REF_AREA,TIME_PERIOD,COMMENT\n';
    const rows = 'ROU,2025,x\n'.repeat(90_000);
    // the two bytes of 'Ș' (C8 98) end the second chunk and start the third, whose bytes then overwrite the second's
    const pad = `ROU,2025,${'y'.repeat(2 * MiB - 1 - blank.length - header.length - rows.length - 9)}`;
    const tail = 'ROU,2025,z\n'.repeat(200_000);
    const text = `${blank}${header}${rows}${pad}Ș\n${tail}`;
    expect(Buffer.byteLength(`${blank}${header}${rows}${pad}`)).toBe(2 * MiB - 1);
    const result = await scan('reused.csv', text);
    expect(result.headerLine).toBe(MiB - 9);
    expect(result.headerText).toBe('REF_AREA,TIME_PERIOD,COMMENT');
    expect(result.isUtf8).toBe(true);
    expect(result.blankLines).toHaveLength(MiB - 10);
    expect(result.lineCount).toBe(MiB - 9 + 90_000 + 1 + 200_000);
    expect(result.sizeBytes).toBe(Buffer.byteLength(text));
  });
});

describe('findOpenCell', () => {
  it.each([
    ['ROU,2020,"28,IAFQ', 2, '"28,IAFQ'],
    ['"a,b",,"c ""d"", e', 2, '"c ""d"", e'],
    ['x,"closed" then,"open\r', 2, '"open'],
  ])('%j: cell %i, %j', (line, cell, text) => {
    expect(findOpenCell(Buffer.from(line), 44, false)).toEqual({ cell, text });
  });

  it('knows no cell in the start of a longer line', () => {
    expect(findOpenCell(Buffer.from('1,2,"3'), 44, true)).toEqual({ cell: undefined, text: '' });
  });
});

describe('scanCsv: line breaks (hasMixedBreaks)', () => {
  it.each([
    ['CR LF rows, then LF rows (rows added in an editor)', 'a,b\r\n1,x\r\n2,y\n3,z\n', true],
    ['an LF header, then CR LF rows', 'a,b\n1,x\r\n', true],
    ['CR LF rows with an LF inside a quoted cell (as Excel writes a cell’s line break)', 'a,b\r\n1,"x\ny"\r\n2,z\r\n', false],
    ['LF only', 'a,b\n1,x\n', false],
    ['CR LF only', 'a,b\r\n1,x\r\n', false],
  ])('%s: %s', async (_, text, expected) => {
    expect((await scan('breaks.csv', text)).hasMixedBreaks).toBe(expected);
  });

  it('sees a CR LF split between two 1 MiB chunks', async () => {
    const header = 'a,b\n';
    const filler = '1,x\n'.repeat(200_000);
    const pad = `2,${'y'.repeat((1 << 20) - header.length - filler.length - 3)}\r`; // the CR ends the first chunk, its LF starts the next
    const result = await scan('split.csv', `${header}${filler}${pad}\n3,z\n`);
    expect((header + filler + pad).length).toBe(1 << 20);
    expect(result.hasMixedBreaks).toBe(true);
  });
});

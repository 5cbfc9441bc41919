import { describe, expect, it } from 'vitest';
import { normalizePdf } from '../../src/report/print-pdf.js';

/** A PDF's text as Chromium writes a tagged one: dates, a document id, structure elements and the id tree. */
function chromiumPdf(firstNode: number, stamp: string): string {
  const node = (offset: number): string => `(node${String(firstNode + offset).padStart(8, '0')})`;
  return [
    '%PDF-1.7',
    `1 0 obj\n<</Type /StructElem\n/S /TH\n/ID ${node(0)}>>\nendobj`,
    `2 0 obj\n<</Type /StructElem\n/S /TD\n/ID ${node(1)}>>\nendobj`,
    `3 0 obj\n<</Type /StructElem\n/S /P\n/ID ${node(40)}>>\nendobj`,
    `4 0 obj\n<</Names [${node(0)} 1 0 R ${node(1)} 2 0 R ${node(40)} 3 0 R]>>\nendobj`,
    `5 0 obj\n<</CreationDate (D:${stamp}+01'00')\n/ModDate (D:${stamp}+01'00')>>\nendobj`,
    'trailer\n<</ID [<8F3A0C11B2> <8F3A0C11B2>]>>\n%%EOF',
  ].join('\n');
}

describe('normalizePdf', () => {
  it('makes two prints of one review the same bytes: dates, document id, and structure ids shifted by a DOM node created while loading', () => {
    const first = Buffer.from(chromiumPdf(351, '20261123210455'), 'latin1');
    const second = Buffer.from(chromiumPdf(352, '20261124093012'), 'latin1');
    expect(Buffer.from(first).equals(second)).toBe(false);
    const [a, b] = [normalizePdf(first, 2025), normalizePdf(second, 2025)];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    // every byte offset is kept (the cross-reference table points into the file), ids keep their order in the id tree
    expect(a.length).toBe(first.length);
    const text = Buffer.from(a).toString('latin1');
    expect(text).toContain('/Names [(node00000001) 1 0 R (node00000002) 2 0 R (node00000003) 3 0 R]');
    expect(text).toContain("/CreationDate (D:20260201000000+00'00')");
    expect(text).toContain('/ID [<0000000000> <0000000000>]');
  });
});

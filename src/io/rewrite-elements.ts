import { Transform, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/**
 * Returns a stream that passes XML through with every `<name …>…</name>` (or `<name …/>`) element replaced by what
 * `rewrite` returns for it, whole, wherever the stream cuts it: an element that starts in one chunk and ends in a
 * later one is held back until its end tag arrives. The elements must not nest in themselves (a worksheet's `<c>`,
 * a string's `<rPh>`), and at most one of them is held at a time.
 *
 * @example createReadStream('sheet1.xml').pipe(rewriteElements('rPh', () => '')) // without phonetic readings
 */
export function rewriteElements(name: string, rewrite: (element: string) => string): Transform {
  const element = new RegExp(`<${name}(?=[\\s>/])[^>]*?(?:/>|>[\\s\\S]*?</${name}>)`, 'g');
  const start = new RegExp(`<${name}(?=[\\s>/])`);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  // the text before the last element that is complete, rewritten; the rest is held (an element or a tag begun)
  const rewriteComplete = (text: string, isEnd: boolean): string => {
    let out = '';
    let done = 0;
    for (const match of text.matchAll(element)) {
      out += text.slice(done, match.index) + rewrite(match[0]);
      done = match.index + match[0].length;
    }
    const rest = text.slice(done);
    if (isEnd) return out + rest;
    const begun = rest.search(start);
    const hold = begun >= 0 ? begun : rest.lastIndexOf('<');
    if (hold < 0) {
      pending = '';
      return out + rest;
    }
    pending = rest.slice(hold);
    return out + rest.slice(0, hold);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      done(null, rewriteComplete(pending + decoder.write(chunk), false));
    },
    flush(done: TransformCallback) {
      done(null, rewriteComplete(pending + decoder.end(), true));
    },
  });
}

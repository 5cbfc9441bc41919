import { Transform, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/**
 * Returns a stream that passes XML through with every `<name …>…</name>` (or `<name …/>`) element replaced by what
 * `rewrite` returns for it, whole, wherever the stream cuts it: an element that starts in one chunk and ends in a
 * later one is held back until its end tag arrives. The elements must not nest in themselves (a worksheet's `<c>`,
 * a string's `<rPh>`). With `needs`, a run of complete elements in which `needs` finds nothing is passed through as
 * it is, unread element by element (most of a worksheet's cells need no rewriting).
 *
 * @example createReadStream('sheet1.xml').pipe(rewriteElements('rPh', () => '')) // without phonetic readings
 */
export function rewriteElements(name: string, rewrite: (element: string) => string, needs?: RegExp): Transform {
  const element = elementPattern(name, 'g');
  return xmlChunks(
    (complete) => (needs !== undefined && !needs.test(complete) ? complete : complete.replace(element, rewrite)),
    (text) => lastStartTag(text, name),
  );
}

/**
 * Returns a pattern for one whole `<name …>…</name>` or `<name …/>` element (not nesting in itself), its content the
 * first group (undefined for `<name/>`).
 *
 * @example elementPattern('t').exec('<si><t xml:space="preserve">a </t></si>')?.[1] // 'a '
 */
export function elementPattern(name: string, flags = ''): RegExp {
  return new RegExp(`<${name}(?=[\\s>/])[^>]*?(?:/>|>([\\s\\S]*?)</${name}>)`, flags);
}

/**
 * Returns a stream that passes XML text through `edit`, in runs that end where `hold` says the text may go on in the
 * next chunk (the start of an element or tag not yet known to be complete; by default the last `<`). Each run is
 * decoded whole, a UTF-8 character cut by a chunk included; the text after the last chunk is the last run.
 */
export function xmlChunks(edit: (complete: string) => string, hold: (text: string) => number = () => -1): Transform {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      const text = pending + decoder.write(chunk);
      const held = hold(text);
      const cut = held >= 0 ? held : text.lastIndexOf('<');
      pending = cut >= 0 ? text.slice(cut) : '';
      done(null, edit(cut >= 0 ? text.slice(0, cut) : text));
    },
    flush(done: TransformCallback) {
      done(null, edit(pending + decoder.end()));
    },
  });
}

/**
 * Returns where the last `<name` start tag in `text` begins, or -1. Every `name` element starting before it has ended
 * before it (they do not nest); that one may go on in the next chunk. A tag cut right after its name (`<c` at the end)
 * is left to the last `<`.
 */
export function lastStartTag(text: string, name: string): number {
  for (let at = text.lastIndexOf(`<${name}`); at >= 0; at = text.lastIndexOf(`<${name}`, at - 1)) {
    const next = text.charAt(at + name.length + 1);
    if (next === '>' || next === '/' || /\s/.test(next)) return at;
    if (at === 0) break;
  }
  return -1;
}

import { html, type Interpolation, type Markup } from '../html.js';

/** Numbered footnotes of one chapter. */
export interface Footnotes {
  /** Adds a note and returns its superscript reference; a note already added is referred to by its number again. */
  add(note: Interpolation): Markup;
  /** Returns the chapter's list of notes (nothing when there are none). */
  render(): Markup;
}

/**
 * Returns a footnote collector whose notes and references carry ids `fn-<prefix>-<n>` and `fnref-<prefix>-<n>`.
 */
export function createFootnotes(prefix: string): Footnotes {
  const notes: Interpolation[] = [];
  const numbers = new Map<string, number>();
  const refs = new Map<number, number>();
  return {
    add(note) {
      const key = String(html`${note}`);
      const n = numbers.get(key) ?? notes.push(note);
      numbers.set(key, n);
      // a note's later references get ids of their own (fnref-ch3-1-2); its back link returns to the first
      const k = (refs.get(n) ?? 0) + 1;
      refs.set(n, k);
      return html`<sup class="fn-ref"><a href="#fn-${prefix}-${n}" id="fnref-${prefix}-${n}${k > 1 ? `-${k}` : ''}">${n}</a></sup>`;
    },
    render() {
      if (notes.length === 0) return html``;
      return html`<ol class="footnotes">${notes.map((note, i) => html`<li id="fn-${prefix}-${i + 1}">${note} <a href="#fnref-${prefix}-${i + 1}" class="fn-back" aria-label="Back to text">↩</a></li>`)}</ol>`;
    },
  };
}

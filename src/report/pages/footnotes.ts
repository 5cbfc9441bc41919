import { html, type Interpolation, type Markup } from '../html.js';

/** Numbered footnotes of one chapter. */
export interface Footnotes {
  /** Adds a note and returns its superscript reference. */
  add(note: Interpolation): Markup;
  /** Returns the chapter's list of notes (nothing when there are none). */
  render(): Markup;
}

/**
 * Returns a footnote collector whose notes and references carry ids `fn-<prefix>-<n>` and `fnref-<prefix>-<n>`.
 */
export function createFootnotes(prefix: string): Footnotes {
  const notes: Interpolation[] = [];
  return {
    add(note) {
      notes.push(note);
      const n = notes.length;
      return html`<sup class="fn-ref"><a href="#fn-${prefix}-${n}" id="fnref-${prefix}-${n}">${n}</a></sup>`;
    },
    render() {
      if (notes.length === 0) return html``;
      return html`<ol class="footnotes">${notes.map((note, i) => html`<li id="fn-${prefix}-${i + 1}">${note} <a href="#fnref-${prefix}-${i + 1}" class="fn-back" aria-label="Back to text">↩</a></li>`)}</ol>`;
    },
  };
}

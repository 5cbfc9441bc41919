import type { Markup } from '../html.js';
import type { Figure } from '../figures/figure.js';

/** A numbered chapter of the review, rendered, with the figures it holds. */
export interface Chapter {
  /** Anchor: `ch-4`, `annex`. */
  id: string;
  /** As printed: `4`, `A`. */
  number: string;
  title: string;
  body: Markup;
  figures: Figure[];
  /** Sections for the table of contents. */
  sections: { id: string; title: string }[];
  /** Figures the key findings may link to, by purpose (`trend:TIP`, `rates:FA`, `returns`). */
  anchors: Record<string, string>;
}

/** Where a figure goes: its page-unique id and its printed number. */
export interface FigureSlot {
  id: string;
  number: string;
}

/**
 * Returns a numbering function for a chapter: each call yields the next slot (`fig-4-1` / `4.1`, `fig-4-2` / `4.2`, …).
 *
 * @example const next = createFigureSlots('4'); next() // { id: 'fig-4-1', number: '4.1' }
 */
export function createFigureSlots(chapter: string, idStem = chapter): () => FigureSlot {
  let n = 0;
  return () => {
    n += 1;
    return { id: `fig-${idStem.toLowerCase()}-${n}`, number: `${chapter}.${n}` };
  };
}

// The width of chart text as browsers draw it, for the charts rendered to SVG in Node (render-svg.ts and
// render-worker.mjs). Vega measures text with a canvas; in Node it has none and guesses 0.8 em a character, about a
// third too wide for Latin text, so the server-rendered SVG (what print and readers without scripts see) cut labels
// short ("Drug seizures (kilogra…") and came out wider than the interactive chart of the same spec. The charts use
// CHART_FONT, Helvetica or a font with its widths (Arial, Liberation Sans, Arimo), so one table of advance widths
// measures their text as every browser draws it. Plain JavaScript, as render-worker.mjs must import it.

/**
 * Advance widths in thousandths of an em of Liberation Sans, metric-compatible with Helvetica and Arial, from
 * U+0020 to U+007E, U+00A0 to U+017F (Latin-1 and Latin Extended-A: Türkiye, Ş), the dashes, quotes and ellipsis
 * of U+2010 to U+203A, the minus sign and the arrows U+2190 to U+2193. A character the font lacks is as wide as a digit.
 */
const REGULAR = [
  [0x0020, [278,278,355,556,556,889,667,191,333,333,389,584,278,333,278,278,556,556,556,556,556,556,556,556,556,556,278,278,584,584,584,556,1015,667,667,722,722,667,611,778,722,278,500,667,556,833,722,778,667,778,722,667,611,722,667,944,667,667,611,278,278,278,469,556,333,556,556,500,556,556,278,556,556,222,222,500,222,833,556,556,556,556,333,500,278,556,500,722,500,500,500,334,260,334,584]],
  [0x00a0, [278,333,556,556,556,556,260,556,333,737,370,556,584,333,737,552,400,549,333,333,333,576,537,278,333,333,365,556,834,834,834,611,667,667,667,667,667,667,1000,722,667,667,667,667,278,278,278,278,722,722,778,778,778,778,778,584,778,722,722,722,722,667,667,611,556,556,556,556,556,556,889,500,556,556,556,556,278,278,278,278,556,556,556,556,556,556,556,549,611,556,556,556,556,500,556,500,667,556,667,556,667,556,722,500,722,500,722,500,722,500,722,615,722,556,667,556,667,556,667,556,667,556,667,556,778,556,778,556,778,556,778,556,722,556,722,556,278,278,278,278,278,278,278,222,278,278,735,444,500,222,667,500,500,556,222,556,222,556,292,556,334,556,222,722,556,722,556,722,556,604,723,556,778,556,778,556,778,556,1000,944,722,333,722,333,722,333,667,500,667,500,667,500,667,500,611,278,611,375,611,278,722,556,722,556,722,556,722,556,722,556,722,556,944,722,667,500,667,611,500,611,500,611,500,222]],
  [0x2010, [333,333,556,556,1000,1000,556,552,222,222,222,222,333,333,333,556,556,556,350,556,556,556,1000]],
  [0x2030, [1000,556,188,354,556,556,556,556,556,333,333]],
  [0x2212, [584]],
  [0x2190, [1000,500,1000,500]],
];
const BOLD = [
  [0x0020, [278,333,474,556,556,889,722,238,333,333,389,584,278,333,278,278,556,556,556,556,556,556,556,556,556,556,333,333,584,584,584,611,975,722,722,722,722,667,611,778,722,278,556,722,611,833,722,778,667,778,722,667,611,722,667,944,667,667,611,333,278,333,584,556,333,556,611,556,611,556,333,611,611,278,278,556,278,889,611,611,611,611,389,556,333,611,556,778,556,556,500,389,280,389,584]],
  [0x00a0, [278,333,556,556,556,556,280,556,333,737,370,556,584,333,737,552,400,549,333,333,333,576,556,278,333,333,365,556,834,834,834,611,722,722,722,722,722,722,1000,722,667,667,667,667,278,278,278,278,722,722,778,778,778,778,778,584,778,722,722,722,722,667,667,611,556,556,556,556,556,556,889,556,556,556,556,556,278,278,278,278,611,611,611,611,611,611,611,549,611,611,611,611,611,556,611,556,722,556,722,556,722,556,722,556,722,556,722,556,722,556,722,719,722,611,667,556,667,556,667,556,667,556,667,556,778,611,778,611,778,611,778,611,722,611,722,611,278,278,278,278,278,278,278,278,278,278,785,556,556,278,722,556,556,611,278,611,278,611,385,611,479,611,278,722,611,722,611,722,611,708,723,611,778,611,778,611,778,611,1000,944,722,389,722,389,722,389,667,556,667,556,667,556,667,556,611,333,611,479,611,333,722,611,722,611,722,611,722,611,722,611,722,611,944,778,667,556,667,611,500,611,500,611,500,278]],
  [0x2010, [333,333,556,556,1000,1000,556,552,278,278,278,278,500,500,500,556,556,556,350,556,556,556,1000]],
  [0x2030, [1000,556,240,479,556,556,556,556,556,333,333]],
  [0x2212, [584]],
  [0x2190, [1000,500,1000,500]],
];

/** The width of a character outside the tables: a digit's (half an em and a bit), neither narrow nor wide. */
const OTHER = 556;

function advance(table, code) {
  for (const [first, widths] of table) {
    if (code >= first && code < first + widths.length) return widths[code - first];
  }
  return OTHER;
}

/**
 * Returns the width in pixels of `text` set in the charts' font at `fontSize` pixels, bold where `fontWeight` is
 * `bold` or 600 and more (italic has the regular widths). Kerning is left out, so a width is never less than the
 * browser's.
 *
 * @param {string} text
 * @param {number} fontSize
 * @param {string | number | undefined} [fontWeight]
 * @returns {number}
 * @example measureChartText('Russian Federation', 11) // 99.6…
 */
export function measureChartText(text, fontSize, fontWeight) {
  const table = fontWeight === 'bold' || fontWeight === 'bolder' || Number(fontWeight) >= 600 ? BOLD : REGULAR;
  let thousandths = 0;
  for (const char of text) thousandths += advance(table, char.codePointAt(0) ?? 0);
  return (thousandths * fontSize) / 1000;
}

/**
 * Returns `textMetrics` (Vega's, from `vega.textMetrics`) measuring text with {@link measureChartText} instead of
 * its guess. The width is that of the whole text, as Vega itself shortens a text longer than its limit by calling
 * this width on shorter and shorter parts; a text drawn shortened thus reserves its full width, which only errs
 * on the side of room.
 *
 * @template {{ width: (item: any, text: unknown) => number }} T
 * @param {T} textMetrics
 * @returns {T}
 */
export function useChartTextMetrics(textMetrics) {
  textMetrics.width = (item, text) => {
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const line = text == null ? '' : String(text).trim();
    return size <= 0 || line === '' ? 0 : measureChartText(line, size, item.fontWeight);
  };
  return textMetrics;
}

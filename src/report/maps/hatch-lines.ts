/**
 * Hatching for map shapes drawn as line segments: Vega has no pattern fills, so a shape is hatched by clipping
 * parallel diagonal lines to its outline here and drawing the pieces as rules.
 */

/** A hatch stroke in pixels: `[x1, y1, x2, y2]`. */
export type HatchSegment = [number, number, number, number];

/**
 * Returns the pieces of the diagonal lines x + y = k·`spacing` (rising to the right on screen) that lie inside
 * `rings` (even-odd: a ring inside another is a hole) and inside the `width` × `height` frame, rounded to 0.1 px.
 *
 * @example hatchLines([[[0, 0], [10, 0], [10, 10], [0, 10]]], 20, 20, 5) // four strokes across the square
 */
export function hatchLines(rings: readonly (readonly [number, number][])[], width: number, height: number, spacing = 5): HatchSegment[] {
  const edges = rings.flatMap((ring) => ring.map((p, i) => [p, ring[(i + 1) % ring.length] ?? p] as const));
  const out: HatchSegment[] = [];
  for (let c = spacing; c < width + height; c += spacing) {
    const xs: number[] = [];
    for (const [p, q] of edges) {
      const fp = p[0] + p[1] - c;
      const fq = q[0] + q[1] - c;
      if (fp > 0 === fq > 0) continue;
      xs.push(p[0] + (fp / (fp - fq)) * (q[0] - p[0]));
    }
    xs.sort((a, b) => a - b);
    const left = Math.max(0, c - height);
    const right = Math.min(width, c);
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const x1 = Math.max(left, xs[i] ?? 0);
      const x2 = Math.min(right, xs[i + 1] ?? 0);
      if (x2 - x1 < 0.5) continue;
      out.push([round(x1), round(c - x1), round(x2), round(c - x2)]);
    }
  }
  return out;
}

const round = (v: number) => Math.round(v * 10) / 10;

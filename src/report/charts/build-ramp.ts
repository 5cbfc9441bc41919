/**
 * Sequential colour ramps derived from an area's colour, stepped evenly in CIE L* lightness so that the classes of a
 * map or the parts of a stacked bar stay distinguishable in greyscale.
 */

type Lab = [number, number, number];

const WHITE: [number, number, number] = [0.95047, 1, 1.08883];

/**
 * Returns `n` colours from a pale tint to a dark shade of `hex`, lightest first, evenly spaced in L* between
 * `lightest` and `darkest`.
 *
 * @example buildRamp('#062e63', 5) // ['#e6ecf8', …, '#062e63']-like: five blues, pale to dark
 */
export function buildRamp(hex: string, n: number, lightest = 93, darkest = 28): string[] {
  const [, a, b] = hexToLab(hex);
  if (n === 1) return [labToHex([darkest + (lightest - darkest) / 2, a, b])];
  return Array.from({ length: n }, (_, i) => {
    const t = i / (n - 1);
    const l = lightest + (darkest - lightest) * t;
    const chroma = 0.25 + 0.75 * t;
    return labToHex([l, a * chroma, b * chroma]);
  });
}

/** Returns the CIE L* lightness (0–100) of a `#rrggbb` colour. */
export function lightnessOf(hex: string): number {
  return hexToLab(hex)[0];
}

/**
 * Returns the WCAG 2 contrast ratio (1 to 21) of a `#rrggbb` colour against `background`: a line, point or bar that
 * carries meaning needs at least 3 against the charts' white (WCAG 1.4.11, non-text contrast).
 *
 * @example contrastRatio('#8fc3e8') // 1.89: too faint for a line on white
 */
export function contrastRatio(hex: string, background = '#ffffff'): number {
  const [a, b] = [hex, background].map((h) => {
    const [r = 0, g = 0, bl = 0] = linearRgb(h);
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  }) as [number, number];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

function linearRgb(hex: string): number[] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
}

function hexToLab(hex: string): Lab {
  const [r = 0, g = 0, bl = 0] = linearRgb(hex);
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * bl) / WHITE[0];
  const y = (0.2126 * r + 0.7152 * g + 0.0722 * bl) / WHITE[1];
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * bl) / WHITE[2];
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (t * 24389) / 27 / 116 + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

function labToHex([l, a, b]: Lab): string {
  const fy = (l + 16) / 116;
  const fx = fy + a / 500;
  const fz = fy - b / 200;
  const inv = (t: number) => (t ** 3 > 216 / 24389 ? t ** 3 : (116 * t - 16) / (24389 / 27));
  const x = inv(fx) * WHITE[0];
  const y = inv(fy) * WHITE[1];
  const z = inv(fz) * WHITE[2];
  const linear = [3.2406 * x - 1.5372 * y - 0.4986 * z, -0.9689 * x + 1.8758 * y + 0.0415 * z, 0.0557 * x - 0.204 * y + 1.057 * z];
  return `#${linear
    .map((v) => (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055))
    .map((v) => Math.round(Math.min(1, Math.max(0, v)) * 255).toString(16).padStart(2, '0'))
    .join('')}`;
}

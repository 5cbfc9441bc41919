/** A small seeded pseudo-random generator with the draws the sample and benchmark generators need. */
export interface Rng {
  /** Returns a float in [0, 1). */
  next(): number;
  /** Returns an integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number;
  /** Returns true with probability `p`. */
  chance(p: number): boolean;
  /** Returns a standard normal draw. */
  normal(): number;
  /** Returns `exp(mu + sigma * z)` for a standard normal `z`. */
  lognormal(mu: number, sigma: number): number;
  /** Returns a binomial draw: successes in `n` trials of probability `p` (normal approximation for large `n`). */
  binomial(n: number, p: number): number;
  /** Returns `n` split into parts proportional to `weights` at random (a multinomial draw); the parts sum to `n`. */
  split(n: number, weights: readonly number[]): number[];
  /** Returns one element of `items`, chosen uniformly. */
  pick<T>(items: readonly T[]): T;
}

/**
 * Returns a 32-bit seed derived from `parts` (FNV-1a over their text), so that every state, year and indicator draws
 * from its own stream and a change in one place does not reshuffle the rest.
 *
 * @example createRng(seedFrom(20260131, 'ROU', 2025, 'TIP'))
 */
export function seedFrom(...parts: ReadonlyArray<string | number>): number {
  let hash = 0x811c9dc5;
  for (const char of parts.join('\u0001')) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * Returns a deterministic generator seeded with `seed` (mulberry32): the same seed always gives the same draws,
 * on every platform.
 *
 * @example const rng = createRng(42); rng.int(1, 6);
 */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  let spare: number | undefined;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    // Box-Muller; 1 - next() is in (0, 1], so the logarithm is finite
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  const binomial = (n: number, p: number): number => {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (n <= 64) {
      let successes = 0;
      for (let i = 0; i < n; i++) if (next() < p) successes++;
      return successes;
    }
    const draw = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * normal());
    return Math.min(n, Math.max(0, draw));
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    normal,
    lognormal: (mu, sigma) => Math.exp(mu + sigma * normal()),
    binomial,
    split(n, weights) {
      const parts = weights.map(() => 0);
      let remaining = n;
      let weightLeft = weights.reduce((sum, w) => sum + w, 0);
      for (let i = 0; i < weights.length && remaining > 0; i++) {
        const weight = weights[i]!;
        const take = i === weights.length - 1 || weightLeft <= weight ? remaining : binomial(remaining, weight / weightLeft);
        parts[i] = take;
        remaining -= take;
        weightLeft -= weight;
      }
      return parts;
    },
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}

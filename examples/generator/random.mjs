// A small seeded PRNG and the distributions the generators need. Math.random
// is never used: every data file must come out byte-identical on every run.

/** mulberry32: tiny, fast and good enough for synthetic business data. */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Derives a 32-bit seed from a name so each example has its own stream. */
function seedFromName(name) {
  let hash = 2166136261;
  for (const char of name) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}

export function createRandom(name) {
  const next = mulberry32(seedFromName(name));

  const uniform = (min = 0, max = 1) => min + (max - min) * next();
  const chance = (probability) => next() < probability;
  const integer = (min, max) => Math.floor(uniform(min, max + 1));

  const normal = (mean = 0, sd = 1) => {
    // Box-Muller; 1 - next() keeps the logarithm away from zero.
    const u = 1 - next();
    const v = next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };

  /** Log-normal given its median, so parameters read like business numbers. */
  const logNormal = (median, sigma) => median * Math.exp(normal(0, sigma));

  const exponential = (mean) => -mean * Math.log(1 - next());

  /** Knuth for small means, a rounded normal for large ones. */
  const poisson = (mean) => {
    if (mean <= 0) return 0;
    if (mean > 40) return Math.max(0, Math.round(normal(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let count = 0;
    let product = next();
    while (product > limit) {
      count += 1;
      product *= next();
    }
    return count;
  };

  /** Picks a key of `weights` ({ key: weight }) with probability proportional to its weight. */
  const weighted = (weights) => {
    const entries = Object.entries(weights);
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let threshold = next() * total;
    for (const [key, weight] of entries) {
      threshold -= weight;
      if (threshold < 0) return key;
    }
    return entries[entries.length - 1][0];
  };

  return { next, uniform, chance, integer, normal, logNormal, exponential, poisson, weighted };
}

/**
 * Agreement statistics between two paired lists of numbers (a person's grades and an evaluator's
 * scores). Every function returns null, never NaN, when the figure is undefined: too few pairs
 * (n < 2 for correlations and kappa, n = 0 for means) or no variance to correlate.
 */

function assertPaired(xs: readonly number[], ys: readonly number[]): void {
  if (xs.length !== ys.length)
    throw new Error(`paired lists differ in length: ${xs.length} and ${ys.length}`);
}

export function mean(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/** Pearson's product-moment correlation; null when n < 2 or either side has zero variance. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  assertPaired(xs, ys);
  const n = xs.length;
  if (n < 2) return null;
  const mx = mean(xs)!;
  const my = mean(ys)!;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  // rounding can push a perfect correlation a hair past ±1
  return Math.max(-1, Math.min(1, r));
}

/** Ranks 1..n; tied values share the average of the ranks they span. */
export function averageRanks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x);
  const ranks = new Array<number>(xs.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.x === order[start]!.x) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]!.i] = rank;
    start = end + 1;
  }
  return ranks;
}

/** Spearman's rank correlation: Pearson's r of the average ranks (ties handled). */
export function spearman(xs: readonly number[], ys: readonly number[]): number | null {
  assertPaired(xs, ys);
  if (xs.length < 2) return null;
  return pearson(averageRanks(xs), averageRanks(ys));
}

/**
 * Cohen's kappa with quadratic weights over the integer categories min..max (both lists already
 * on that grid): 1 - Σ w·O / Σ w·E, with w_ij = (i - j)² / (K - 1)², O the observed pair counts
 * and E the counts expected by chance from the two marginal histograms. 1 is perfect agreement,
 * 0 what chance gives. Null when n < 2 or when chance alone cannot disagree (Σ w·E = 0, e.g.
 * every grade in one category).
 */
export function quadraticWeightedKappa(
  xs: readonly number[],
  ys: readonly number[],
  min: number,
  max: number,
): number | null {
  assertPaired(xs, ys);
  if (!Number.isInteger(min) || !Number.isInteger(max) || max <= min) {
    throw new Error(`kappa needs an integer range min < max, got ${min}..${max}`);
  }
  const n = xs.length;
  if (n < 2) return null;
  const k = max - min + 1;
  const index = (v: number) => {
    if (!Number.isInteger(v) || v < min || v > max) throw new Error(`${v} is not on the grid ${min}..${max}`);
    return v - min;
  };
  const observed = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const histX = new Array<number>(k).fill(0);
  const histY = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const a = index(xs[i]!);
    const b = index(ys[i]!);
    observed[a]![b]!++;
    histX[a]!++;
    histY[b]!++;
  }
  let num = 0;
  let den = 0;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const w = ((a - b) * (a - b)) / ((k - 1) * (k - 1));
      num += w * observed[a]![b]!;
      den += (w * histX[a]! * histY[b]!) / n;
    }
  }
  if (den === 0) return null;
  return 1 - num / den;
}

/** Mean absolute difference |y - x|; null when there are no pairs. */
export function meanAbsoluteError(xs: readonly number[], ys: readonly number[]): number | null {
  assertPaired(xs, ys);
  return mean(xs.map((x, i) => Math.abs(ys[i]! - x)));
}

/** mean(ys) - mean(xs): positive when the evaluator scores above the people; null when empty. */
export function bias(xs: readonly number[], ys: readonly number[]): number | null {
  assertPaired(xs, ys);
  if (xs.length === 0) return null;
  return mean(ys)! - mean(xs)!;
}

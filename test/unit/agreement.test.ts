import { describe, expect, it } from 'vitest';
import {
  averageRanks,
  bias,
  gradeTo100,
  gradeToGrid,
  mean,
  meanAbsoluteError,
  parseScale,
  pearson,
  quadraticWeightedKappa,
  scoreToGrid,
  spearman,
} from '../../src/evaluation/index.ts';

/** The calibration statistics against values worked out by hand. */

describe('pearson', () => {
  it('matches a hand computation', () => {
    // dx = -2,-1,0,1,2; dy = -2,0,1,0,1: Sxy = 6, Sxx = 10, Syy = 6, r = 6 / sqrt(60)
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(6 / Math.sqrt(60), 12);
    expect(pearson([1, 2, 3], [30, 20, 10])).toBe(-1);
    expect(pearson([1, 2, 3], [2, 4, 6])).toBe(1);
  });

  it('is invariant under a linear change of scale (a grade on 0-5 or on 0-100)', () => {
    const h = [0, 2.5, 3, 5, 4];
    const s = [10, 40, 70, 90, 20];
    expect(pearson(h, s)).toBeCloseTo(
      pearson(
        h.map((x) => x * 20),
        s,
      )!,
      12,
    );
  });

  it('is null, not NaN, when undefined', () => {
    expect(pearson([], [])).toBeNull();
    expect(pearson([3], [50])).toBeNull();
    expect(pearson([3, 3, 3], [10, 20, 30])).toBeNull(); // no variance in the grades
    expect(pearson([1, 2, 3], [50, 50, 50])).toBeNull(); // no variance in the scores
  });

  it('refuses unpaired lists', () => {
    expect(() => pearson([1, 2], [1])).toThrow('differ in length');
  });
});

describe('spearman', () => {
  it('gives tied values the average of their ranks', () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(averageRanks([5, 1, 5, 5])).toEqual([3, 1, 3, 3]);
    expect(averageRanks([])).toEqual([]);
  });

  it('matches a hand computation with ties', () => {
    // ranks of y = 1, 2.5, 4.5, 2.5, 4.5; with x ranks 1..5: Sxy = 7, Sxx = 10, Syy = 9
    expect(spearman([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(7 / Math.sqrt(90), 12);
  });

  it('is 1 for any increasing relation, and null when undefined', () => {
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBe(1);
    expect(spearman([1], [1])).toBeNull();
    expect(spearman([2, 2], [1, 5])).toBeNull();
  });
});

describe('quadratic weighted kappa', () => {
  it('matches a hand computation', () => {
    // O: (0,0) (1,2) (2,2); marginals x = 1,1,1 and y = 1,0,2; w = (i-j)^2 / 4
    // Σ w·O = 0.25; Σ w·E = (2 + 0.25 + 0.5 + 1) / 3 = 1.25; kappa = 1 - 0.25 / 1.25
    expect(quadraticWeightedKappa([0, 1, 2], [0, 2, 2], 0, 2)).toBeCloseTo(0.8, 12);
  });

  it('is 1 for perfect agreement and -1 for perfect opposition', () => {
    expect(quadraticWeightedKappa([0, 3, 5, 1], [0, 3, 5, 1], 0, 5)).toBe(1);
    // K = 2: Σ w·O = 4, Σ w·E = (2·2 + 2·2) / 4 = 2
    expect(quadraticWeightedKappa([0, 0, 1, 1], [1, 1, 0, 0], 0, 1)).toBe(-1);
  });

  it('works on a scale that does not start at 0', () => {
    expect(quadraticWeightedKappa([1, 2, 3], [1, 3, 3], 1, 3)).toBeCloseTo(0.8, 12);
  });

  it('is null when undefined, and refuses values off the grid', () => {
    expect(quadraticWeightedKappa([], [], 0, 5)).toBeNull();
    expect(quadraticWeightedKappa([3], [3], 0, 5)).toBeNull();
    expect(quadraticWeightedKappa([4, 4, 4], [4, 4, 4], 0, 5)).toBeNull(); // chance cannot disagree
    expect(() => quadraticWeightedKappa([2.5, 1], [1, 1], 0, 5)).toThrow('not on the grid');
    expect(() => quadraticWeightedKappa([6, 1], [1, 1], 0, 5)).toThrow('not on the grid');
  });
});

describe('mean absolute error, bias, mean', () => {
  it('match a hand computation', () => {
    expect(meanAbsoluteError([0, 50, 100], [10, 60, 100])).toBeCloseTo(20 / 3, 12);
    expect(bias([0, 50, 100], [10, 60, 100])).toBeCloseTo(20 / 3, 12);
    expect(bias([100, 80], [40, 60])).toBe(-40); // the evaluator scores below the people
    expect(mean([1, 2, 6])).toBe(3);
  });

  it('work for a single pair and are null when empty', () => {
    expect(meanAbsoluteError([80], [70])).toBe(10);
    expect(bias([80], [70])).toBe(-10);
    expect(meanAbsoluteError([], [])).toBeNull();
    expect(bias([], [])).toBeNull();
    expect(mean([])).toBeNull();
  });
});

describe('the grading scale', () => {
  it('parses MIN..MAX and refuses anything else', () => {
    expect(parseScale('0..5')).toEqual({ min: 0, max: 5 });
    expect(parseScale(' 1..10 ')).toEqual({ min: 1, max: 10 });
    expect(parseScale('-2..2')).toEqual({ min: -2, max: 2 });
    for (const bad of ['5', '0-5', '0..5.5', '5..0', '3..3', 'a..b', '0..', '0..100000']) {
      expect(() => parseScale(bad), bad).toThrow('--scale');
    }
  });

  it('maps a grade to 0-100 linearly and to the integer grid by rounding (halves up)', () => {
    const s = { min: 0, max: 5 };
    expect(gradeTo100(s, 0)).toBe(0);
    expect(gradeTo100(s, 3.5)).toBe(70);
    expect(gradeTo100(s, 5)).toBe(100);
    expect(gradeTo100({ min: 1, max: 10 }, 1)).toBe(0);
    expect(gradeTo100({ min: 1, max: 10 }, 10)).toBe(100);
    expect(gradeToGrid(s, 3.5)).toBe(4);
    expect(gradeToGrid(s, 3.25)).toBe(3);
    expect(gradeToGrid(s, 4.75)).toBe(5);
  });

  it('maps a score to the grid as MIN + score/100 * (MAX - MIN), rounded', () => {
    const s = { min: 0, max: 5 };
    expect(scoreToGrid(s, 0)).toBe(0);
    expect(scoreToGrid(s, 49)).toBe(2); // 2.45
    expect(scoreToGrid(s, 50)).toBe(3); // 2.5, halves up
    expect(scoreToGrid(s, 100)).toBe(5);
    expect(scoreToGrid({ min: 1, max: 10 }, 50)).toBe(6); // 5.5
    expect(scoreToGrid({ min: 1, max: 10 }, 0)).toBe(1);
  });
});

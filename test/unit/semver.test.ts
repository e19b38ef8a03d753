import { describe, expect, it } from 'vitest';
import { compareSemver } from '../../src/plugins/registry/semver.ts';

/** SemVer 2.0.0 §11: the specification's own precedence example, lowest first. */
const SPEC_CHAIN = [
  '1.0.0-alpha',
  '1.0.0-alpha.1',
  '1.0.0-alpha.beta',
  '1.0.0-beta',
  '1.0.0-beta.2',
  '1.0.0-beta.11',
  '1.0.0-rc.1',
  '1.0.0',
];

const CORE_CHAIN = ['1.9.0', '1.10.0', '2.0.0'];

const adjacent = (chain: string[]) => chain.slice(1).map((b, i) => [chain[i]!, b] as const);
const allPairs = (chain: string[]) => chain.flatMap((a, i) => chain.slice(i + 1).map((b) => [a, b] as const));

describe('compareSemver', () => {
  it.each(adjacent(SPEC_CHAIN))('§11 example: %s < %s', (a, b) => {
    expect(compareSemver(a, b)).toBeLessThan(0);
    expect(compareSemver(b, a)).toBeGreaterThan(0);
  });

  it.each(adjacent(CORE_CHAIN))('numeric core: %s < %s', (a, b) => {
    expect(compareSemver(a, b)).toBeLessThan(0);
    expect(compareSemver(b, a)).toBeGreaterThan(0);
  });

  it('orders every pair of each chain consistently (transitive) with a symmetric sign', () => {
    for (const chain of [SPEC_CHAIN, CORE_CHAIN]) {
      for (const [a, b] of allPairs(chain)) {
        expect(compareSemver(a, b), `${a} vs ${b}`).toBe(-1);
        expect(compareSemver(b, a), `${b} vs ${a}`).toBe(1);
      }
    }
  });

  it('sorts a shuffled list into the §11 order', () => {
    const shuffled = [...SPEC_CHAIN].reverse();
    [shuffled[1], shuffled[5]] = [shuffled[5]!, shuffled[1]!];
    expect(shuffled.sort(compareSemver)).toEqual(SPEC_CHAIN);
  });

  it.each([
    ['1.0.0', '1.0.0'],
    ['1.0.0+a', '1.0.0+b'],
    ['1.0.0+build.1', '1.0.0'],
    ['1.0.0-rc.1+x.7', '1.0.0-rc.1+y'],
  ])('equal precedence (build metadata ignored): %s == %s', (a, b) => {
    expect(compareSemver(a, b)).toBe(0);
    expect(compareSemver(b, a)).toBe(0);
  });

  it.each([
    ['1.0.0+zzz', '1.0.1+aaa'],
    ['1.0.0-alpha+999', '1.0.0+0'],
  ])('build metadata does not affect ordering: %s < %s', (a, b) => {
    expect(compareSemver(a, b)).toBeLessThan(0);
    expect(compareSemver(b, a)).toBeGreaterThan(0);
  });

  it.each(['1.0', 'v1.0.0', '', 'abc', '1.0.0-', '1.0.0+', '1.0.0.0', ' 1.0.0'])(
    'throws on non-semver input %j (either side)',
    (bad) => {
      expect(() => compareSemver(bad, '1.0.0')).toThrow(/not a semantic version/);
      expect(() => compareSemver('1.0.0', bad)).toThrow(/not a semantic version/);
    },
  );
});

describe('compareSemver: large numeric identifiers', () => {
  it('compares numbers beyond 2^53 exactly', () => {
    expect(compareSemver('9007199254740993.0.0', '9007199254740992.0.0')).toBe(1);
    expect(compareSemver('1.0.0-10000000000000000001', '1.0.0-9999999999999999999')).toBe(1);
  });
});

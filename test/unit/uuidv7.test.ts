import { describe, expect, it } from 'vitest';
import { UUID_PATTERN, uuidv7 } from '../../src/db/ids.ts';

describe('uuidv7', () => {
  it('is a well-formed version 7, variant 10 UUID', () => {
    for (let i = 0; i < 100; i++) {
      const id = uuidv7();
      expect(id).toMatch(UUID_PATTERN);
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
    }
  });

  it('never repeats, across many refills of the random pool', () => {
    const ids = new Set(Array.from({ length: 20_000 }, () => uuidv7(1_700_000_000_000)));
    expect(ids.size).toBe(20_000);
  });

  it('sorts by time: the first 48 bits are the milliseconds', () => {
    const earlier = uuidv7(1_700_000_000_000);
    const later = uuidv7(1_700_000_000_001);
    expect(earlier < later).toBe(true);
    expect(Number.parseInt(earlier.replace(/-/g, '').slice(0, 12), 16)).toBe(1_700_000_000_000);
  });
});

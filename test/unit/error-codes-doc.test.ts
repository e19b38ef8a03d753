import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors/index.ts';

// The README's table of error codes is what API clients read: every code, under its status.
const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
const documented = new Map<string, number>();
for (const [, status, codes] of readme.matchAll(/^\|\s*(\d{3})\s*\|(.+)\|\s*$/gm)) {
  for (const [, code] of codes!.matchAll(/`([a-z_]+)`/g)) documented.set(code!, Number(status));
}

describe('the README lists every error code', () => {
  it.each(Object.entries(ERROR_CODES))('%s under its status', (code, { status }) => {
    expect(documented.get(code)).toBe(status);
  });

  it('and no code the API does not have', () => {
    const unknown = [...documented.keys()].filter(
      (c) => !(c in ERROR_CODES) && c !== 'errors' && c !== 'expectedTurn',
    );
    expect(unknown).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES } from '../../src/config/index.ts';

// The README's configuration table is what operators read: every variable the platform reads.
const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
const section = readme.slice(
  readme.indexOf('## Configuration'),
  readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1),
);
const documented = new Set([...section.matchAll(/^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|/gm)].map((m) => m[1]!));

describe("the README's configuration table", () => {
  it.each(ENV_VARIABLES)('lists %s', (name) => {
    expect(documented.has(name)).toBe(true);
  });

  it('and no variable the platform does not read', () => {
    expect([...documented].filter((v) => !(ENV_VARIABLES as string[]).includes(v))).toEqual([]);
  });
});

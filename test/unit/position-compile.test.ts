import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { advance, initialState } from '../../src/interview/index.ts';
import { BUNDLED_PLUGINS_DIR, type Manifest, validateManifest } from '../../src/plugins/index.ts';
import { compileDesign, PositionDesign, type PositionDesignInput } from '../../src/positions/index.ts';

/** Compiling a position's design into its private manifest, and the strategy running it. */

const bundled = (name: string): Manifest => {
  const result = validateManifest(readFileSync(path.join(BUNDLED_PLUGINS_DIR, name, 'plugin.json'), 'utf8'));
  if (!result.ok) throw new Error(name);
  return result.manifest;
};
const backend = bundled('backend-engineer');
const frontend = bundled('frontend-engineer');
const banks = [
  { pluginId: backend.id, version: backend.version, manifest: backend },
  { pluginId: frontend.id, version: frontend.version, manifest: frontend },
];
const position = {
  id: '0193a1b2-0000-7000-8000-000000000001',
  title: 'Full-stack Engineer',
  description: 'APIs and UIs.',
};

const compile = (design: PositionDesignInput) =>
  compileDesign({
    position,
    designVersion: 3,
    publisher: 'Acme',
    design: PositionDesign.parse(design),
    banks,
  });

const ok = (design: PositionDesignInput) => {
  const result = compile(design);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.manifest;
};

describe('compiling a design', () => {
  it('gives the private plugin its id, version, one role and the settings; every question has that role', () => {
    const m = ok({ banks: [{ pluginId: backend.id }], length: 8, difficultyStart: 4 });
    expect(m.id).toBe(`position.${position.id}`);
    expect(m.version).toBe('3.0.0');
    expect(m.roles).toEqual([{ id: 'position', title: 'Full-stack Engineer', description: 'APIs and UIs.' }]);
    expect(m.questions.length).toBe(backend.questions.length);
    expect(m.questions.every((q) => q.roles.length === 1 && q.roles[0] === 'position')).toBe(true);
    expect(m.interview).toMatchObject({ length: 8, difficultyStart: 4 });
    // only the rubrics and competencies its questions use
    const used = new Set(m.questions.map((q) => q.rubric));
    expect(m.rubrics.map((r) => r.id).sort()).toEqual([...used].sort());
  });

  it('keeps ids of two banks apart: a clashing id of the later bank is prefixed, references follow', () => {
    const shared = backend.questions.find((q) => frontend.questions.some((f) => f.id === q.id));
    expect(shared, 'the bundled banks share a question id (intro ones)').toBeDefined();
    const m = ok({
      banks: [
        {
          pluginId: backend.id,
          include: [shared!.id, 'tech-transactions', 'tech-index-basics', 'tech-rate-limiter'],
        },
        { pluginId: frontend.id, include: [shared!.id] },
      ],
      required: [`${frontend.id}/${shared!.id}`],
      quotas: { intro: 2, technical: 3, behavioral: 0, situational: 0, closing: 0 },
      length: 5,
    });
    const ids = m.questions.filter((q) => q.phase === 'intro').map((q) => q.id);
    expect(ids).toEqual([shared!.id, `frontend-engineer-${shared!.id}`]);
    expect(m.interview?.required).toEqual([`frontend-engineer-${shared!.id}`]);
    const frontendCopy = m.questions.find((q) => q.id === `frontend-engineer-${shared!.id}`)!;
    expect(frontendCopy.text).toBe(frontend.questions.find((q) => q.id === shared!.id)!.text);
    // its rubric and competencies resolve in the compiled manifest (validateManifest passed)
    expect(m.rubrics.some((r) => r.id === frontendCopy.rubric)).toBe(true);
  });

  it('an own question may use a bank rubric; its competency is added when the question does not list it', () => {
    const m = ok({
      banks: [{ pluginId: backend.id, include: ['intro-background'] }],
      questions: [
        {
          id: 'ledger',
          phase: 'technical',
          text: 'How do you keep a ledger consistent?',
          competencies: ['ledgers'],
          rubric: `${backend.id}/data-storage-rubric`,
        },
      ],
      length: 5,
      quotas: { intro: 1, technical: 4, behavioral: 0, situational: 0, closing: 0 },
    });
    const own = m.questions.find((q) => q.id === 'ledger')!;
    expect(own.competencies).toEqual(['ledgers', 'data-storage']);
    expect(m.competencies.find((c) => c.id === 'ledgers')?.name).toBe('Ledgers');
  });

  it('names each problem by its field', () => {
    const result = compile({
      banks: [{ pluginId: 'acme.missing' }, { pluginId: backend.id, role: 'astronaut', exclude: ['nope'] }],
      required: ['ghost'],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(
      result.problems.map((p) => p.path),
      JSON.stringify(result.problems),
    ).toEqual([
      '/design/banks/0/pluginId',
      '/design/banks/1/role',
      '/design/banks/1/exclude/0',
      '/design/required/0',
      '/design', // the unknown role left the second bank with no question: nothing to ask
    ]);
  });
});

describe('the strategy on a compiled design', () => {
  const m = ok({
    banks: [{ pluginId: backend.id }],
    length: 6,
    quotas: { intro: 1, technical: 2, behavioral: 1, situational: 1, closing: 1 },
    required: [`${backend.id}/tech-transactions`, `${backend.id}/tech-rate-limiter`],
  });

  it('asks both required questions of a phase even when the first answer misses points (no follow-up takes their turn)', () => {
    for (const seed of [1, 7, 42]) {
      let state = initialState(seed, 'position', 6, m.interview);
      const asked: string[] = [];
      let step = advance(m.questions, state);
      while (step.step.kind !== 'end') {
        state = step.state;
        const q = step.step.question;
        asked.push(step.step.kind === 'follow_up' ? `${q.id}/follow-up` : q.id);
        // a weak answer missing every point: follow-ups would be asked if the phase had room
        step = advance(m.questions, state, { score: 10, missingPointIds: q.expectedPoints.map((p) => p.id) });
      }
      expect(asked.slice(1, 3).sort(), `seed ${seed}: ${asked.join(', ')}`).toEqual([
        'tech-rate-limiter',
        'tech-transactions',
      ]);
      expect(asked).toHaveLength(6);
    }
  });

  it('starts at the design’s difficulty', () => {
    const hard = ok({ banks: [{ pluginId: backend.id }], difficultyStart: 5 });
    expect(initialState(1, 'position', 10, hard.interview).difficulty).toBe(5);
  });
});

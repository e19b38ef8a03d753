import type { Phase } from '../../plugins/index.ts';
import { actor, markerHits } from './markers.ts';
import { clamp01, type Sentence } from './text.ts';

/**
 * Structure of an answer. Stories (behavioural, intro, closing) are read as situation → task →
 * action → result (+ reflection) and their order; plans and technical answers as an approach:
 * a sequence of steps, justification, conditions and how the result is verified.
 */

export type StructureTag =
  | 'situation'
  | 'task'
  | 'action'
  | 'result'
  | 'reflection'
  | 'sequence'
  | 'justification'
  | 'condition'
  | 'verification';

export interface StructureResult {
  /** 0-1 */
  score: number;
  /** what the phase asks for: a story (STAR) or an approach */
  mode: 'story' | 'approach';
  star: {
    situation: boolean;
    task: boolean;
    action: number;
    result: boolean;
    reflection: boolean;
    ordered: boolean;
  };
  approach: { sequence: number; justification: number; condition: number; verification: number };
  /** sentence index → what it contributes */
  tags: Map<number, StructureTag[]>;
}

/** Whether this phase expects a story (STAR) rather than a plan or explanation. */
export function expectsStory(phase: Phase): boolean {
  return phase === 'behavioral' || phase === 'intro' || phase === 'closing';
}

/** Read the sentences' structure and score it for the question's phase. */
export function analyseStructure(sentences: Sentence[], phase: Phase): StructureResult {
  const tags = new Map<number, StructureTag[]>();
  const add = (s: Sentence, t: StructureTag) => {
    const list = tags.get(s.index) ?? [];
    if (!list.includes(t)) list.push(t);
    tags.set(s.index, list);
  };

  let firstSituation = -1;
  let firstAction = -1;
  let lastResult = -1;
  let task = false;
  let reflection = false;
  let actions = 0;
  const seq = new Set<string>();
  const just = new Set<string>();
  const cond = new Set<string>();
  const verify = new Set<string>();
  const approach = [
    ['sequence', seq],
    ['justification', just],
    ['condition', cond],
    ['verification', verify],
  ] as const;

  sentences.forEach((s, pos) => {
    const early = pos < Math.max(2, Math.ceil(sentences.length / 3));
    if (markerHits(s, 'situation').length > 0 || (early && s.entities.some((e) => e.type === 'DATE'))) {
      add(s, 'situation');
      if (firstSituation < 0) firstSituation = pos;
    }
    if (markerHits(s, 'task').length > 0) {
      add(s, 'task');
      task = true;
    }
    const who = actor(s);
    if (who.i || who.iPlan) {
      add(s, 'action');
      actions++;
      if (firstAction < 0) firstAction = pos;
    }
    if (markerHits(s, 'result').length > 0 && pos > 0) {
      add(s, 'result');
      lastResult = pos;
    }
    if (markerHits(s, 'reflection').length > 0) {
      add(s, 'reflection');
      reflection = true;
    }
    for (const [kind, into] of approach) {
      const hits = markerHits(s, kind);
      if (hits.length > 0) add(s, kind);
      for (const h of hits) into.add(h);
    }
  });

  const situation = firstSituation >= 0;
  const result = lastResult >= 0;
  const ordered =
    situation && firstAction >= 0 && result && firstSituation <= firstAction && firstAction <= lastResult;

  const starScore =
    0.2 * Number(situation) +
    0.1 * Number(task) +
    0.3 * clamp01(actions / 3) +
    0.2 * Number(result) +
    0.1 * Number(reflection) +
    0.1 * Number(ordered);
  const approachScore =
    0.25 * clamp01(seq.size / 3) +
    0.3 * clamp01(just.size / 3) +
    0.15 * clamp01(cond.size / 2) +
    0.2 * clamp01(verify.size / 3) +
    0.1 * clamp01(actions / 3);

  const score = expectsStory(phase)
    ? Math.max(starScore, 0.8 * approachScore)
    : Math.max(approachScore, 0.8 * starScore);

  return {
    score: clamp01(score),
    mode: expectsStory(phase) ? 'story' : 'approach',
    star: { situation, task, action: actions, result, reflection, ordered },
    approach: {
      sequence: seq.size,
      justification: just.size,
      condition: cond.size,
      verification: verify.size,
    },
    tags,
  };
}

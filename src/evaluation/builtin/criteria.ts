import type { ManifestRubric } from '../../plugins/index.ts';
import { findPhrase, phraseKeys, phraseList } from './text.ts';

/**
 * Which signals drive a rubric criterion. The criterion's name (strongly) and the vocabulary
 * of its upper level anchors (weakly) select facets: a criterion about "trade-offs" leans on
 * the trade-off signal, one about "outcome" or "impact" on results, one about "clarity" on
 * structure and communication. The rest of the level always comes from the default blend.
 */

export type Facet =
  | 'coverage'
  | 'clarity'
  | 'structure'
  | 'specifics'
  | 'ownership'
  | 'tradeoffs'
  | 'outcome'
  | 'reflection'
  | 'verification'
  | 'communication';

/** How a facet is named in rationales. */
export const FACET_LABELS: Record<Facet, string> = {
  coverage: 'coverage by meaning',
  clarity: 'focus on what was asked',
  structure: 'structure',
  specifics: 'specific numbers and named tools',
  ownership: 'first-person ownership',
  tradeoffs: 'trade-offs and reasons',
  outcome: 'concrete outcomes',
  reflection: 'reflection and learning',
  verification: 'measurement and verification',
  communication: 'communication with others',
};

const TRIGGERS: Record<Facet, readonly string[]> = {
  clarity: ['clarity', 'clear', 'concise', 'explanation', 'articulate'],
  coverage: [
    'knowledge',
    'correctness',
    'correct',
    'accuracy',
    'understanding',
    'problem',
    'requirements',
    'definition',
    'logic',
    'fundamentals',
    'soundness',
    'root cause',
    'risk',
    'state',
    'design',
  ],
  structure: [
    'structure',
    'structured',
    'structuring',
    'approach',
    'plan',
    'planning',
    'method',
    'process',
    'situation',
    'step',
    'scoping',
    'sequence',
    'execution',
    'narrative',
    'order',
  ],
  specifics: [
    'depth',
    'technical',
    'precise',
    'specific',
    'internals',
    'tools',
    'performance',
    'efficiency',
    'edge cases',
    'encoding',
    'quantifies',
    'numbers',
    'concrete',
    'technique',
    'platform',
  ],
  ownership: [
    'ownership',
    'owner',
    'owns',
    'responsibility',
    'accountable',
    'personal',
    'drives',
    'transparency',
  ],
  tradeoffs: [
    'trade-off',
    'trade-offs',
    'tradeoff',
    'alternative',
    'alternatives',
    'options',
    'compares',
    'judgment',
    'weighs',
    'versus',
    'choice',
    'reversibility',
    'prioritisation',
    'prioritization',
    'negotiation',
  ],
  outcome: [
    'outcome',
    'outcomes',
    'result',
    'results',
    'impact',
    'value',
    'measurable',
    'example',
    'delivered',
    'follow-through',
    'closure',
    'save',
    'adoption',
  ],
  reflection: [
    'learning',
    'prevention',
    'lesson',
    'lessons',
    'postmortem',
    'reflects',
    'iteration',
    'differently',
  ],
  verification: [
    'measurement',
    'measures',
    'evidence',
    'verification',
    'validation',
    'verifies',
    'data',
    'diagnosis',
    'analysis',
    'detection',
    'observability',
    'testing',
    'test',
    'tests',
    'metric',
    'metrics',
    'experimentation',
    'validity',
    'reconciliation',
    'monitors',
    'forecasting',
    'interpretation',
  ],
  communication: [
    'communication',
    'communicating',
    'audience',
    'stakeholder',
    'stakeholders',
    'partnership',
    'collaboration',
    'influence',
    'alignment',
    'candour',
    'trust',
    'relationship',
    'escalation',
    'conversations',
    'expectations',
    'customer',
  ],
};

/** Which sentence tags count as evidence for a facet. */
export const FACET_TAGS: Record<Facet, readonly string[]> = {
  coverage: ['point'],
  clarity: ['point'],
  structure: ['situation', 'task', 'sequence', 'justification', 'result'],
  specifics: ['number', 'tool'],
  ownership: ['ownership'],
  tradeoffs: ['tradeoff'],
  outcome: ['outcome', 'result'],
  reflection: ['reflection'],
  verification: ['verification'],
  communication: ['communication'],
};

export interface CriterionProfile {
  /** facet weights, summing to 1 (empty when the name and anchors select nothing) */
  facets: Partial<Record<Facet, number>>;
  /** the facets by weight, heaviest first, ties by name (computed once: the sort is per answer otherwise) */
  ranked: readonly [Facet, number][];
}

let triggers: Map<Facet, string[][]> | undefined;
const profiles = new WeakMap<object, CriterionProfile>();

function countHits(text: string, phrases: string[][]): number {
  const words = phraseKeys(text).map((key) => ({ key }));
  return phrases.filter((p) => findPhrase(words, p) >= 0).length;
}

/** The facets and anchor vocabulary of one criterion (cached per criterion object). */
export function criterionProfile(criterion: ManifestRubric['criteria'][number]): CriterionProfile {
  const cached = profiles.get(criterion);
  if (cached) return cached;
  triggers ??= new Map(
    (Object.keys(TRIGGERS) as Facet[]).map((f) => [f, phraseList(TRIGGERS[f])] as [Facet, string[][]]),
  );
  const raw: Partial<Record<Facet, number>> = {};
  const upper = `${criterion.levels['3']} ${criterion.levels['4']} ${criterion.levels['5']}`;
  for (const [facet, phrases] of triggers) {
    const score = countHits(criterion.name, phrases) + 0.25 * Math.min(2, countHits(upper, phrases));
    if (score > 0) raw[facet] = score;
  }
  const total = Object.values(raw).reduce((s, v) => s + v, 0);
  const facets: Partial<Record<Facet, number>> = {};
  for (const [f, v] of Object.entries(raw) as [Facet, number][]) facets[f] = v / total;

  const ranked = (Object.entries(facets) as [Facet, number][]).sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  const profile = { facets, ranked };
  profiles.set(criterion, profile);
  return profile;
}

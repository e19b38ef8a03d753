import type { ManifestRubric, Phase } from '../../plugins/index.ts';
import {
  type CriterionScore,
  type Evaluation,
  type EvaluationInput,
  type Evaluator,
  type Level,
  type PointCoverage,
  type RedFlag,
  scoreFromCriteria,
} from '../types.ts';
import {
  anchorLevel,
  answerKeys,
  type CriterionProfile,
  criterionProfile,
  FACET_LABELS,
  FACET_TAGS,
  type Facet,
} from './criteria.ts';
import { analyseDepth, type DepthResult } from './depth.ts';
import { isPlatitude } from './markers.ts';
import { evasionQuotes, findContradictions, findSteering, paddingReason, paddingStats } from './red-flags.ts';
import { analyseRelevance, isBareList, type RelevanceResult } from './relevance.ts';
import { analyseStructure, type StructureResult } from './structure.ts';
import { analyse, clamp01, round, type Sentence } from './text.ts';
import { buildTopic, type Topic, topicalKeys } from './topic.ts';

/**
 * The built-in rubric evaluator: deterministic, offline, explainable. It reads the answer once
 * (wink-nlp), sets aside what must not count (text addressed to the grader, repeated sentences,
 * bare keyword lists), measures relevance, structure and depth on the rest, and maps them to a
 * level per rubric criterion, citing the level's anchor and verbatim sentences as evidence.
 * Red flags only ever lower levels: nothing an answer adds beyond substance can raise its score.
 */

export const BUILTIN_EVALUATOR_NAME = 'builtin-rubric';
/**
 * Stored with every evaluation; a change to what the evaluator writes for the same answer bumps
 * it. 1.1.0: a level-1 rationale names what level 2 needs (scores unchanged).
 */
export const BUILTIN_EVALUATOR_VERSION = '1.1.0';

/**
 * Level cut points on the 0-1 criterion composite (below 0.15 → level 1, from 0.7 → level 5),
 * calibrated on the bundled golden answers: "meets the bar" (3) starts early because an answer
 * that covers half the points plainly already does what the level-3 anchors ask.
 */
const CUTS = [0.15, 0.22, 0.54, 0.7] as const;

/** Weights of the default blend every criterion starts from. */
const BLEND = { relevance: 0.4, structure: 0.2, depth: 0.4 } as const;
/** Share of a criterion's composite that comes from the facets its name and anchors select. */
const FACET_SHARE = 0.3;
/** Pull of the anchor the answer echoes most, towards that anchor's level. */
const ANCHOR_PULL = 0.15;

interface Signals {
  relevance: RelevanceResult;
  structure: StructureResult;
  depth: DepthResult;
  /** sentence index → what it contributes (structure and depth tags, 'point') */
  tags: Map<number, Set<string>>;
  /** the sentences that were scored */
  sentences: Sentence[];
}

interface Penalty {
  /** highest level allowed */
  cap: Level;
  /** levels taken off every criterion */
  minus: number;
  notes: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function levelOf(x: number): Level {
  let level = 1;
  for (const cut of CUTS) if (x >= cut) level++;
  return level as Level;
}

function countTagged(s: Signals, tag: string): number {
  let n = 0;
  for (const t of s.tags.values()) if (t.has(tag)) n++;
  return n;
}

/** A facet's value, 0-1. */
function facetValue(f: Facet, s: Signals): number {
  const d = s.depth.parts;
  const st = s.structure;
  switch (f) {
    case 'coverage':
      return s.relevance.score;
    case 'structure':
      return st.score;
    case 'specifics':
      return 0.6 * d.specifics + 0.4 * d.tools;
    case 'ownership':
      return d.ownership;
    case 'tradeoffs':
      return d.tradeoffs;
    case 'outcome':
      return clamp01(0.6 * d.outcomes + 0.4 * Number(st.star.result));
    case 'reflection':
      return Number(st.star.reflection);
    case 'verification':
      return clamp01(st.approach.verification / 4);
    case 'communication':
      return clamp01(countTagged(s, 'communication') / 3);
  }
}

/** What a facet saw, in words, for the rationale. */
function describe(f: Facet, s: Signals): string {
  const c = s.depth.counts;
  const ex = s.depth.examples;
  switch (f) {
    case 'coverage': {
      const covered = s.relevance.points.filter((p) => p.covered).length;
      return `${covered} of ${plural(s.relevance.points.length, 'expected point')} covered`;
    }
    case 'structure': {
      const pct = `structure ${Math.round(s.structure.score * 100)}%`;
      if (s.structure.mode === 'approach') {
        const a = s.structure.approach;
        return `${pct} (${plural(a.sequence, 'sequencing word')}, ${plural(a.justification, 'reason')}, ${plural(a.condition, 'condition')}, ${plural(a.verification, 'check')})`;
      }
      const st = s.structure.star;
      const parts = [
        st.situation && 'situation',
        st.task && 'task',
        st.action > 0 && 'own actions',
        st.result && 'result',
        st.reflection && 'reflection',
        st.ordered && 'in order',
      ].filter(Boolean);
      return `${pct} (${parts.join(', ') || 'no situation, action or result'})`;
    }
    case 'specifics': {
      const examples = [...ex.quantities, ...ex.tools].slice(0, 4).join(', ');
      return `${plural(c.quantities, 'quantity', 'quantities')}, ${plural(c.tools, 'named tool')}${examples ? ` (${examples})` : ''}`;
    }
    case 'ownership':
      return `${plural(c.iActions, 'first-person action')} vs ${plural(c.weOnly, 'we/they sentence')}`;
    case 'tradeoffs':
      return plural(c.tradeoffs, 'trade-off or reason', 'trade-offs or reasons');
    case 'outcome':
      return plural(c.outcomes, 'concrete outcome');
    case 'reflection':
      return s.structure.star.reflection ? 'reflects on what was learned' : 'no reflection';
    case 'verification':
      return plural(s.structure.approach.verification, 'measurement or check', 'measurements or checks');
    case 'communication':
      return plural(
        countTagged(s, 'communication'),
        'sentence on communicating',
        'sentences on communicating',
      );
  }
}

/**
 * The 0-1 composite for one criterion: the default blend of relevance, structure and depth,
 * mixed with the facets the criterion's name and anchors select, pulled towards the level of
 * the anchor the answer echoes most. Also returns the two facets that drive it.
 */
function composite(
  profile: CriterionProfile,
  s: Signals,
  anchor: number | null,
): { value: number; drivers: Facet[] } {
  const base =
    BLEND.relevance * s.relevance.score + BLEND.structure * s.structure.score + BLEND.depth * s.depth.score;
  const entries = profile.ranked;
  const mix = entries.length === 0 ? base : entries.reduce((sum, [f, w]) => sum + w * facetValue(f, s), 0);
  const own = (1 - FACET_SHARE) * base + FACET_SHARE * mix;
  const value = anchor === null ? own : (1 - ANCHOR_PULL) * own + ANCHOR_PULL * ((anchor - 1) / 4);
  const drivers = entries.slice(0, 2).map(([f]) => f);
  return { value: clamp01(value), drivers: drivers.length > 0 ? drivers : ['coverage', 'structure'] };
}

/** Up to three whole sentences that best support the criterion, in answer order. */
function evidenceFor(profile: CriterionProfile, s: Signals): string[] {
  const facets = Object.entries(profile.facets) as [Facet, number][];
  if (facets.length === 0) facets.push(['coverage', 0.5], ['specifics', 0.25], ['structure', 0.25]);
  const upper = profile.upperKeys;
  return s.sentences
    .map((sentence) => {
      const tags = s.tags.get(sentence.index) ?? new Set<string>();
      let score = 0;
      for (const [f, w] of facets) if (FACET_TAGS[f].some((t) => tags.has(t))) score += w;
      if (tags.has('point')) score += 0.3;
      for (const k of sentence.contentKeys) if (upper.has(k)) score += 0.05;
      return { sentence, score };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.sentence.index - b.sentence.index)
    .slice(0, 3)
    .sort((a, b) => a.sentence.index - b.sentence.index)
    .map((x) => x.sentence.text);
}

/**
 * The level in words, with the rubric's anchor it reached. Level 1 is where this evaluator puts
 * an answer with too little evidence, not one that showed the level-1 behaviour ("blames others"),
 * so it names what level 2 needs instead of quoting level 1's anchor at a candidate who did not.
 */
function levelReason(criterion: ManifestRubric['criteria'][number], level: Level): string {
  return level === 1
    ? `Level 1, short of level 2: "${criterion.levels['2']}"`
    : `Level ${level}: "${criterion.levels[`${level}`]}"`;
}

/** A level per criterion, with the anchor text of that level, why, and the evidence. */
function scoreCriteria(rubric: ManifestRubric, signals: Signals, penalty: Penalty): CriterionScore[] {
  const answer = answerKeys(signals.sentences);
  return rubric.criteria.map((criterion) => {
    const profile = criterionProfile(criterion);
    const { value, drivers } = composite(profile, signals, anchorLevel(profile, answer));
    const raw = levelOf(value);
    const level = Math.max(1, Math.min(penalty.cap, raw - penalty.minus)) as Level;
    const because = drivers.map((f) => `${FACET_LABELS[f]}: ${describe(f, signals)}`).join('; ');
    const lowered = level < raw ? ` Lowered from level ${raw}: ${penalty.notes.join(', ')}.` : '';
    return {
      criterionId: criterion.id,
      name: criterion.name,
      weight: criterion.weight,
      level,
      rationale: `${levelReason(criterion, level)} Based on ${because}.${lowered}`,
      evidence: evidenceFor(profile, signals),
    };
  });
}

function summaryOf(score: number, signals: Signals | null, flags: RedFlag[]): string {
  const band = score >= 70 ? 'Strong' : score >= 45 ? 'Solid' : score >= 25 ? 'Partial' : 'Weak';
  const kinds = [...new Set(flags.map((f) => f.kind))];
  const flagText = kinds.length > 0 ? `; flagged: ${kinds.join(', ')}` : '';
  if (!signals) return `${band} answer (${score}/100)${flagText}.`;
  const points = signals.relevance.points;
  const covered = points.filter((p) => p.covered).length;
  const coverage = points.length > 0 ? `covers ${covered} of ${points.length} expected points` : 'on topic';
  const d = signals.depth.score;
  const detail = d >= 0.55 ? 'with specific detail' : d >= 0.3 ? 'with some detail' : 'with little detail';
  return `${band} answer (${score}/100): ${coverage}, ${detail}${flagText}.`;
}

/** Relevance, structure and depth of the given sentences, with per-sentence tags for evidence. */
function measure(sentences: Sentence[], topic: Topic, phase: Phase): Signals {
  const relevance = analyseRelevance(sentences, topic);
  const structure = analyseStructure(sentences, phase);
  const depth = analyseDepth(sentences, topic.questionNumbers);
  const tags = new Map<number, Set<string>>();
  const tag = (i: number, t: string) => {
    const set = tags.get(i) ?? new Set<string>();
    set.add(t);
    tags.set(i, set);
  };
  for (const [i, list] of structure.tags) for (const t of list) tag(i, t);
  for (const [i, list] of depth.tags) for (const t of list) tag(i, t);
  for (const p of relevance.points) if (p.covered && p.sentence !== null) tag(p.sentence, 'point');
  return { relevance, structure, depth, tags, sentences };
}

/**
 * Sentences with substance: on the question's topic, or carrying a specific within its domain,
 * or touching the domain right next to such a sentence (the connective tissue of a story), and
 * never a platitude ("a positive attitude is the most important thing").
 */
function substantiveSentences(signals: Signals, topic: Topic): Set<number> {
  const list = signals.sentences;
  const specific = (s: Sentence) => {
    const t = signals.tags.get(s.index);
    return Boolean(t?.has('number') || t?.has('tool'));
  };
  const anchored = new Set<number>();
  for (const s of list) {
    if (isPlatitude(s)) continue;
    if (signals.relevance.topical.has(s.index) || (topicalKeys(s, topic, 'domain') >= 1 && specific(s)))
      anchored.add(s.index);
  }
  const out = new Set(anchored);
  list.forEach((s, i) => {
    if (out.has(s.index) || isPlatitude(s)) return;
    const near = [list[i - 1], list[i + 1]].some((n) => n !== undefined && anchored.has(n.index));
    if (near && (topicalKeys(s, topic, 'core') >= 1 || topicalKeys(s, topic, 'domain') >= 2))
      out.add(s.index);
  });
  return out;
}

/** Every criterion at level 1, nothing covered: for empty answers and answers with nothing left to score. */
function nothingToScore(
  input: EvaluationInput,
  flags: RedFlag[],
  base: Pick<Evaluation, 'evaluator' | 'rubricId' | 'plugin'>,
): Evaluation {
  return {
    ...base,
    score: 0,
    criteria: input.rubric.criteria.map((c) => ({
      criterionId: c.id,
      name: c.name,
      weight: c.weight,
      level: 1 as Level,
      rationale: `${levelReason(c, 1)} Nothing in the answer could be scored.`,
      evidence: [],
    })),
    coverage: input.question.expectedPoints.map((p) => ({ pointId: p.id, covered: false, evidence: null })),
    redFlags: flags,
    signals: { relevance: 0, structure: 0, depth: 0 },
    summary: summaryOf(0, null, flags),
  };
}

/**
 * Evaluate one answer against its question and rubric. Pure and deterministic: the same input
 * always gives the same output, with no clock, randomness or network involved.
 */
export function evaluateAnswer(input: EvaluationInput): Evaluation {
  const base = {
    evaluator: { name: BUILTIN_EVALUATOR_NAME, version: BUILTIN_EVALUATOR_VERSION },
    rubricId: input.rubric.id,
    plugin: { id: input.plugin.id, version: input.plugin.version },
  };
  const analysis = analyse(input.answer);
  const flags: RedFlag[] = [];
  if (!analysis.words.some((t) => t.type === 'word' || t.type === 'number')) {
    return nothingToScore(input, [{ kind: 'empty', detail: 'no answer was given', evidence: null }], base);
  }

  // 1. set aside what must not count: text for the grader, repeats, bare keyword lists
  const steering = findSteering(analysis.sentences);
  for (const h of steering)
    flags.push({ kind: 'steering', detail: `${h.detail}; not scored`, evidence: h.quote });
  const steered = new Set(steering.map((h) => h.sentence));
  const topic = buildTopic(input.question, input.rubric, input.followUpText);
  const seen = new Set<string>();
  let repeated = 0;
  let bareLists = 0;
  let firstList: string | null = null;
  const counted: Sentence[] = [];
  for (const s of analysis.sentences) {
    if (steered.has(s.index) || s.words.length === 0) continue;
    const key = s.words.map((t) => t.key).join(' ');
    if (seen.has(key)) {
      repeated++;
      continue;
    }
    seen.add(key);
    if (isBareList(s, topic)) {
      bareLists++;
      firstList ??= s.text;
      continue;
    }
    counted.push(s);
  }

  // 2. measure
  let signals = measure(counted, topic, input.question.phase);
  const { relevance } = signals;
  const substantive = substantiveSentences(signals, topic);

  // 3. red flags; each one can only lower levels
  const penalty: Penalty = { cap: 5, minus: 0, notes: [] };
  const evasive = evasionQuotes(counted);
  if (evasive.length > 0 && relevance.score < 0.25 && substantive.size <= 1) {
    flags.push({
      kind: 'evasion',
      detail: 'avoids the question without substance',
      evidence: evasive[0] ?? null,
    });
    penalty.cap = 2;
    penalty.notes.push('evasive');
  }
  // off topic: enough prose to judge, no on-topic sentence, and hardly a word of the subject
  const contentWords = counted.reduce((n, s) => n + s.contentKeys.size, 0);
  const offTopic =
    evasive.length === 0 &&
    contentWords >= 20 &&
    relevance.score < 0.15 &&
    relevance.topical.size === 0 &&
    relevance.vocabShare < 0.08;
  if (offTopic) {
    flags.push({
      kind: 'off_topic',
      detail: `near-zero overlap with the question and its expected points (${Math.round(relevance.vocabShare * 100)}% of the words belong to its subject)`,
      evidence: counted[0]?.text ?? null,
    });
    penalty.cap = 1;
    penalty.notes.push('off topic');
  }
  flags.push(...findContradictions(counted, input.history));

  const countedIndex = new Set(counted.map((s) => s.index));
  const stats = paddingStats(
    analysis.sentences.filter((s) => !steered.has(s.index)),
    repeated,
    bareLists,
    // repeats and lists are reported on their own; only counted sentences can be filler
    new Set(
      analysis.sentences
        .filter((s) => !countedIndex.has(s.index) || substantive.has(s.index))
        .map((s) => s.index),
    ),
  );
  const padding = offTopic ? null : paddingReason(stats);
  if (padding) {
    flags.push({ kind: 'padding', detail: padding, evidence: firstList });
    penalty.minus += 1;
    penalty.notes.push('padding');
    // a padded answer is scored on its substance alone: the padding can only cost, never add
    const core = counted.filter((s) => substantive.has(s.index));
    if (core.length === 0) return nothingToScore(input, flags, base);
    if (core.length < counted.length) signals = measure(core, topic, input.question.phase);
  }
  if (steering.length > 0) {
    penalty.minus += 1;
    penalty.notes.push('steering');
  }
  if (counted.length === 0) return nothingToScore(input, flags, base);

  // 4. levels, score, coverage
  const criteria = scoreCriteria(input.rubric, signals, penalty);
  const score = scoreFromCriteria(criteria);
  const byIndex = new Map(analysis.sentences.map((s) => [s.index, s.text]));
  const coverage: PointCoverage[] = signals.relevance.points.map((p) => {
    const covered = p.covered && !offTopic;
    return {
      pointId: p.pointId,
      covered,
      evidence: covered && p.sentence !== null ? (byIndex.get(p.sentence) ?? null) : null,
    };
  });
  return {
    ...base,
    score,
    criteria,
    coverage,
    redFlags: flags,
    signals: {
      relevance: round(signals.relevance.score),
      structure: round(signals.structure.score),
      depth: round(signals.depth.score),
    },
    summary: summaryOf(score, signals, flags),
  };
}

/** The built-in evaluator behind the Evaluator port: name 'builtin-rubric', version 1.0.0. */
export function createBuiltinEvaluator(): Evaluator {
  return {
    name: BUILTIN_EVALUATOR_NAME,
    version: BUILTIN_EVALUATOR_VERSION,
    local: true,
    evaluate: async (input) => evaluateAnswer(input),
  };
}

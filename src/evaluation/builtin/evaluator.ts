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
  type CriterionProfile,
  criterionProfile,
  FACET_LABELS,
  FACET_TAGS,
  type Facet,
} from './criteria.ts';
import { analyseDepth, type DepthResult } from './depth.ts';
import { isPlatitude } from './markers.ts';
import { evasionQuotes, findContradictions, findSteering, paddingReason, paddingStats } from './red-flags.ts';
import {
  analyseRelevance,
  buildTopic,
  isBareList,
  type RelevanceResult,
  type Topic,
  topicalKeys,
} from './relevance.ts';
import { analyseStructure, type StructureResult } from './structure.ts';
import { analyse, clamp01, round, type Sentence } from './text.ts';

/**
 * The built-in rubric evaluator: deterministic, offline, explainable. It reads the answer once
 * (wink-nlp), sets aside what must not count (text addressed to the grader, repeated sentences,
 * bare keyword lists), measures relevance, structure and depth on the rest, and maps them to a
 * level per rubric criterion with the anchor text and verbatim evidence. Red flags only ever
 * lower a level: nothing an answer adds beyond substance can raise its score.
 */

export const BUILTIN_EVALUATOR_NAME = 'builtin-rubric';
export const BUILTIN_EVALUATOR_VERSION = '1.0.0';

/** Level cut points on the 0-1 criterion composite: below 0.2 → 1, below 0.36 → 2, … */
const CUTS = [0.15, 0.22, 0.5, 0.7] as const;

interface Signals {
  relevance: RelevanceResult;
  structure: StructureResult;
  depth: DepthResult;
  /** sentence index → tags (structure, depth and 'point') */
  tags: Map<number, Set<string>>;
  eligible: Sentence[];
}

function levelOf(x: number): Level {
  let level = 1;
  for (const cut of CUTS) if (x >= cut) level++;
  return level as Level;
}

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
    case 'communication': {
      let n = 0;
      for (const t of s.tags.values()) if (t.has('communication')) n++;
      return clamp01(n / 3);
    }
  }
}

/** The 0-1 composite for one criterion: default blend, the criterion's facets, anchor echo. */
function composite(
  profile: CriterionProfile,
  s: Signals,
  anchor: number | null,
): { value: number; drivers: Facet[] } {
  const base = 0.4 * s.relevance.score + 0.2 * s.structure.score + 0.4 * s.depth.score;
  const entries = Object.entries(profile.facets) as [Facet, number][];
  const mix = entries.length === 0 ? base : entries.reduce((sum, [f, w]) => sum + w * facetValue(f, s), 0);
  const drivers = entries
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 2)
    .map(([f]) => f);
  const own = 0.7 * base + 0.3 * mix;
  const value = anchor === null ? own : 0.85 * own + 0.15 * ((anchor - 1) / 4);
  return { value: clamp01(value), drivers };
}

function describe(f: Facet, s: Signals): string {
  const c = s.depth.counts;
  switch (f) {
    case 'coverage': {
      const covered = s.relevance.points.filter((p) => p.covered).length;
      return `${covered}/${s.relevance.points.length} expected points`;
    }
    case 'structure':
      return `structure ${Math.round(s.structure.score * 100)}%`;
    case 'specifics':
      return `${c.quantities} quantities, ${c.tools} named tools`;
    case 'ownership':
      return `${c.iActions} first-person actions vs ${c.weOnly} we/they`;
    case 'tradeoffs':
      return `${c.tradeoffs} trade-off/reason markers`;
    case 'outcome':
      return `${c.outcomes} concrete outcomes`;
    case 'reflection':
      return s.structure.star.reflection ? 'reflects on lessons' : 'no reflection';
    case 'verification':
      return `${s.structure.approach.verification} verification markers`;
    case 'communication':
      return `${[...s.tags.values()].filter((t) => t.has('communication')).length} sentences on communicating`;
  }
}

/** Up to three whole sentences that best support the criterion, in answer order. */
function evidenceFor(profile: CriterionProfile, s: Signals): string[] {
  const facets = Object.entries(profile.facets) as [Facet, number][];
  if (facets.length === 0) facets.push(['coverage', 0.5], ['specifics', 0.25], ['structure', 0.25]);
  const anchor = new Set<string>();
  for (const keys of profile.anchorKeys.values()) for (const k of keys) anchor.add(k);
  const scored = s.eligible
    .map((sentence) => {
      const tags = s.tags.get(sentence.index) ?? new Set<string>();
      let score = 0;
      for (const [f, w] of facets) if (FACET_TAGS[f].some((t) => tags.has(t))) score += w;
      if (tags.has('point')) score += 0.3;
      for (const k of sentence.contentKeys) if (anchor.has(k)) score += 0.05;
      return { sentence, score };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.sentence.index - b.sentence.index)
    .slice(0, 3)
    .sort((a, b) => a.sentence.index - b.sentence.index);
  return scored.map((x) => x.sentence.text);
}

function normalised(s: Sentence): string {
  return s.words.map((t) => t.key).join(' ');
}

interface Penalty {
  /** highest level allowed */
  cap: Level;
  /** levels taken off */
  minus: number;
  notes: string[];
}

function scoreCriteria(rubric: ManifestRubric, signals: Signals, penalty: Penalty): CriterionScore[] {
  return rubric.criteria.map((criterion) => {
    const profile = criterionProfile(criterion);
    const anchor = anchorLevel(profile, signals.eligible);
    const { value, drivers } = composite(profile, signals, anchor);
    const raw = levelOf(value);
    if (process.env['AIE_DEBUG'])
      console.log(
        `      CRIT ${JSON.stringify({ w: criterion.weight, v: value, cap: penalty.cap, minus: penalty.minus })}`,
      );
    const level = Math.max(1, Math.min(penalty.cap, raw - penalty.minus)) as Level;
    const evidence = signals.eligible.length > 0 ? evidenceFor(profile, signals) : [];
    const because = (drivers.length > 0 ? drivers : (['coverage', 'structure'] as Facet[]))
      .map((f) => `${FACET_LABELS[f]}: ${describe(f, signals)}`)
      .join('; ');
    const lowered = level < raw ? ` Lowered from level ${raw}: ${penalty.notes.join('; ')}.` : '';
    return {
      criterionId: criterion.id,
      name: criterion.name,
      weight: criterion.weight,
      level,
      rationale: `Level ${level} — "${criterion.levels[String(level) as '1']}" Based on ${because}.${lowered}`,
      evidence: level === 1 && evidence.length === 0 ? [] : evidence,
    };
  });
}

function summaryOf(score: number, signals: Signals | null, flags: RedFlag[]): string {
  const band = score >= 70 ? 'Strong' : score >= 45 ? 'Solid' : score >= 25 ? 'Partial' : 'Weak';
  const flagText = flags.length > 0 ? `; flags: ${[...new Set(flags.map((f) => f.kind))].join(', ')}` : '';
  if (!signals) return `${band} answer (${score}/100)${flagText}.`;
  const points = signals.relevance.points;
  const covered = points.filter((p) => p.covered).length;
  const coverage = points.length > 0 ? `covers ${covered} of ${points.length} expected points` : 'on topic';
  const depth =
    signals.depth.score >= 0.55
      ? 'with specific detail'
      : signals.depth.score >= 0.3
        ? 'with some detail'
        : 'with little detail';
  return `${band} answer (${score}/100): ${coverage}, ${depth}${flagText}.`;
}

/** Relevance, structure and depth of the counted sentences, with per-sentence tags for evidence. */
function measure(eligible: Sentence[], topic: Topic, phase: Phase): Signals {
  const relevance = analyseRelevance(eligible, topic);
  const structure = analyseStructure(eligible, phase);
  const depth = analyseDepth(eligible, topic.questionNumbers);
  const tags = new Map<number, Set<string>>();
  const tag = (i: number, t: string) => {
    const set = tags.get(i) ?? new Set<string>();
    set.add(t);
    tags.set(i, set);
  };
  for (const [i, list] of structure.tags) for (const t of list) tag(i, t);
  for (const [i, list] of depth.tags) for (const t of list) tag(i, t);
  for (const p of relevance.points) if (p.covered && p.sentence !== null) tag(p.sentence, 'point');
  return { relevance, structure, depth, tags, eligible };
}

/**
 * Sentences with substance: on the question's topic, or carrying a specific within its domain,
 * or touching the domain right next to such a sentence (the connective tissue of a story), and
 * never mostly platitude ("a positive attitude is the most important thing").
 */
function substantiveSentences(signals: Signals, topic: Topic): Set<number> {
  const out = new Set<number>();
  const list = signals.eligible;
  const specificOf = (s: Sentence) => {
    const t = signals.tags.get(s.index);
    return Boolean(t?.has('number') || t?.has('tool'));
  };
  for (const s of list) {
    const specific = specificOf(s);
    if (isPlatitude(s)) continue;
    if (signals.relevance.topical.has(s.index) || (topicalKeys(s, topic, 'domain') >= 1 && specific))
      out.add(s.index);
  }
  const anchored = new Set(out);
  list.forEach((s, i) => {
    if (out.has(s.index) || isPlatitude(s)) return;
    const near = [list[i - 1], list[i + 1]].some((n) => n !== undefined && anchored.has(n.index));
    if (near && (topicalKeys(s, topic, 'core') >= 1 || topicalKeys(s, topic, 'domain') >= 2))
      out.add(s.index);
  });
  return out;
}

/** Evaluate one answer; pure and deterministic (same input, same output). */
export function evaluateAnswer(input: EvaluationInput): Evaluation {
  const evaluator = { name: BUILTIN_EVALUATOR_NAME, version: BUILTIN_EVALUATOR_VERSION };
  const base = {
    evaluator,
    rubricId: input.rubric.id,
    plugin: { id: input.plugin.id, version: input.plugin.version },
  };
  const analysis = analyse(input.answer);
  const flags: RedFlag[] = [];
  const nothing = (extra: RedFlag[]): Evaluation => {
    const criteria = input.rubric.criteria.map((c) => ({
      criterionId: c.id,
      name: c.name,
      weight: c.weight,
      level: 1 as Level,
      rationale: `Level 1 — "${c.levels['1']}" No answer content to assess.`,
      evidence: [],
    }));
    const all = [...extra];
    return {
      ...base,
      score: 0,
      criteria,
      coverage: input.question.expectedPoints.map((p) => ({ pointId: p.id, covered: false, evidence: null })),
      redFlags: all,
      signals: { relevance: 0, structure: 0, depth: 0 },
      summary: summaryOf(0, null, all),
    };
  };

  if (analysis.words.filter((t) => t.type === 'word' || t.type === 'number').length === 0) {
    return nothing([{ kind: 'empty', detail: 'no answer was given', evidence: null }]);
  }

  // 1. set aside what must not count
  const steering = findSteering(analysis.sentences);
  for (const h of steering) {
    flags.push({ kind: 'steering', detail: `${h.detail}; ignored for scoring`, evidence: h.quote });
  }
  const steered = new Set(steering.map((h) => h.sentence));
  const topic: Topic = buildTopic(input.question, input.rubric, input.followUpText);
  const seen = new Set<string>();
  let repeated = 0;
  let bareLists = 0;
  let firstList: string | null = null;
  const eligible: Sentence[] = [];
  for (const s of analysis.sentences) {
    if (steered.has(s.index) || s.words.length === 0) continue;
    const key = normalised(s);
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
    eligible.push(s);
  }
  if (eligible.length === 0 && steering.length > 0 && bareLists === 0) return nothing(flags);

  // 2. measure
  let signals = measure(eligible, topic, input.question.phase);
  const { relevance } = signals;

  // 3. red flags
  const penalty: Penalty = { cap: 5, minus: 0, notes: [] };
  const substantive = substantiveSentences(signals, topic);
  const contentWords = eligible.reduce((n, s) => n + s.contentKeys.size, 0);

  const evasive = evasionQuotes(eligible);
  if (evasive.length > 0 && relevance.score < 0.25 && substantive.size <= 1) {
    flags.push({
      kind: 'evasion',
      detail: 'avoids the question without substance',
      evidence: evasive[0] ?? null,
    });
    penalty.cap = Math.min(penalty.cap, 2) as Level;
    penalty.notes.push('evasive');
  }
  // off topic: enough prose to judge, no on-topic sentence, and hardly a word of the subject
  const offTopic =
    contentWords >= 20 &&
    relevance.score < 0.15 &&
    relevance.topical.size === 0 &&
    relevance.vocabShare < 0.08 &&
    evasive.length === 0;
  if (offTopic) {
    flags.push({
      kind: 'off_topic',
      detail: `near-zero overlap with the question and its expected points (${Math.round(relevance.vocabShare * 100)}% shared vocabulary)`,
      evidence: eligible[0]?.text ?? null,
    });
    penalty.cap = 1;
    penalty.notes.push('off topic');
  }
  flags.push(...findContradictions(eligible, input.answer, input.history));

  const counted = new Set(eligible.map((s) => s.index));
  const stats = paddingStats(
    analysis.sentences.filter((s) => !steered.has(s.index)),
    repeated,
    bareLists,
    // repeats and lists are reported on their own; only counted sentences can be filler
    new Set(
      analysis.sentences.filter((s) => !counted.has(s.index) || substantive.has(s.index)).map((s) => s.index),
    ),
  );
  const padding = offTopic ? null : paddingReason(stats);
  if (padding) {
    flags.push({ kind: 'padding', detail: padding, evidence: firstList });
    penalty.minus += 1;
    penalty.notes.push('padding');
    // a padded answer is scored on its substance alone: the padding can only cost, never add
    const core = eligible.filter((s) => substantive.has(s.index));
    if (process.env['AIE_DEBUG']) for (const c of core) console.log('      CORE', c.text);
    if (core.length === 0) return nothing(flags);
    if (core.length < eligible.length) signals = measure(core, topic, input.question.phase);
  }
  if (steering.length > 0) {
    penalty.minus += 1;
    penalty.notes.push('steering');
  }
  if (eligible.length === 0) return nothing(flags);

  // 4. levels
  const criteria = scoreCriteria(input.rubric, signals, penalty);
  const score = scoreFromCriteria(criteria);
  const byIndex = new Map(analysis.sentences.map((s) => [s.index, s]));
  const coverage: PointCoverage[] = signals.relevance.points.map((p) => ({
    pointId: p.pointId,
    covered: p.covered && !offTopic,
    evidence: p.covered && !offTopic && p.sentence !== null ? (byIndex.get(p.sentence)?.text ?? null) : null,
  }));
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

/** The built-in evaluator behind the Evaluator port (name 'builtin-rubric', version 1.0.0). */
export function createBuiltinEvaluator(): Evaluator {
  return {
    name: BUILTIN_EVALUATOR_NAME,
    version: BUILTIN_EVALUATOR_VERSION,
    evaluate: async (input) => evaluateAnswer(input),
  };
}

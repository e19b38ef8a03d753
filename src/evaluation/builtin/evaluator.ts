import type { ManifestQuestion, ManifestRubric, Phase } from '../../plugins/index.ts';
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
import { bankText, findCopied } from './copied.ts';
import { type CriterionProfile, criterionProfile, FACET_LABELS, FACET_TAGS, type Facet } from './criteria.ts';
import { analyseDepth, type DepthResult } from './depth.ts';
import { type Bank, bankLexicon, domainShare } from './domain.ts';
import { bulletItems, isDump, isEnumeration, isList, stuffedRuns } from './lists.ts';
import { isPlatitude } from './markers.ts';
import {
  type MeaningReader,
  type MeaningResult,
  type MeaningTarget,
  meaningTarget,
  readMeaning,
} from './meaning.ts';
import { evasionQuotes, findContradictions, findSteering } from './red-flags.ts';
import { analyseStructure, type StructureResult } from './structure.ts';
import { analyse, clamp01, isContent, round, type Sentence, type Token, withoutTokens } from './text.ts';
import { unscorableReason } from './unscorable.ts';
import { type WordVectors, wordVectors } from './vectors.ts';

/**
 * The built-in rubric evaluator: deterministic, offline, explainable, linear in the answer's
 * length. It reads the answer once (wink-nlp), sets aside what must not count (text addressed to
 * the grader, text copied from the bank, repeated sentences, keyword lists and stuffed keyword
 * strings), measures what is left against what a good answer says (coverage by meaning, see
 * meaning.ts), its structure and its depth, and maps them to a position on each rubric criterion's
 * 1-5 scale, citing the level's anchor and verbatim sentences as evidence. docs/scoring.md has
 * every signal, how the scale was fitted to human grades, and what it cannot judge.
 * Red flags only ever lower levels: nothing an answer adds beyond substance can raise its score.
 */

export const BUILTIN_EVALUATOR_NAME = 'builtin-rubric';
/**
 * Stored with every evaluation; a change to what the evaluator writes for the same answer bumps
 * it. 2.0.0: coverage by meaning against the reference answer, the score on the scale people
 * grade on, unscorable answers, copied text and keyword lists earn nothing.
 */
export const BUILTIN_EVALUATOR_VERSION = '2.0.0';

/**
 * Criterion position from the 0-1 composite: position = floor + (TOP - floor) × composite^curve,
 * within 1-5. The floor is where an answer that says none of what was expected lands, and it
 * depends on how much the reference says. When the reference is a sentence or two, missing its
 * few words proves little (a paraphrase may say it all): people grade such answers about 3 of 5
 * on average, so the floor is 3. When the reference is a detailed paragraph, saying none of it is
 * a weak answer, and the floor falls to 1. Fitted (least absolute error, no bias) to the human
 * grades of the development split for short references, and to the bundled banks' golden answers
 * (their authors' grades) for long ones; docs/scoring.md has both fits.
 */
const FLOOR_SHORT = 3;
const FLOOR_LONG = 1;
/** Reference weight (content words; question words count a third) up to which it is "short" … */
const SHORT_REFERENCE = 12;
/** … and from which it is "long". */
const LONG_REFERENCE = 30;
/** Position of a composite of 1 before clipping to 5: the best answers saturate. */
const TOP = 5.6;

/**
 * Curvature of the scale: 1 (linear) for short references, CURVE_LONG for long ones, where every
 * signal gives a weak answer some partial credit (its words are on the subject, it has a little
 * structure): only an answer that shows most of what the reference shows climbs fast.
 */
const CURVE_LONG = 2;

/** 0 for a short reference, 1 for a long one, linear in between. */
function longnessOf(referenceWeight: number): number {
  return clamp01((referenceWeight - SHORT_REFERENCE) / (LONG_REFERENCE - SHORT_REFERENCE));
}

/** The level scale of a question: where saying nothing lands, and how the composite climbs. */
function scaleFor(referenceWeight: number): { floor: number; curve: number } {
  const t = longnessOf(referenceWeight);
  return { floor: FLOOR_SHORT + t * (FLOOR_LONG - FLOOR_SHORT), curve: 1 + t * (CURVE_LONG - 1) };
}

/** Share of a criterion's composite that comes from the facets its name and anchors select. */
const FACET_SHARE = 0.3;
/**
 * The depth and structure a good answer shows are the reference answer's own: a one-line
 * definition needs neither, a plan or a story needs both. Shares of the base at full expectation.
 */
const DEPTH_SHARE = 0.35;
const STRUCTURE_SHARE = 0.2;
/** Depth or structure of a reference from which it is fully expected of the answer. */
const FULLY_EXPECTED = 0.3;
/** Without a reference answer, what interview references typically show (docs/scoring.md). */
const TYPICAL_REFERENCE = { depth: 0.4, structure: 0.5 } as const;

/**
 * Share of an answer's telling words the bank uses, under which it is about something else: a
 * weak answer to the bank's questions still uses 40 % or more of them (the bundled banks' golden
 * answers), prose on another subject 20 % or less.
 */
const OFF_DOMAIN = 0.3;
/** … and the most of the reference it may say (common words shared by any two long texts). */
const OFF_RECALL = 0.2;

const questionBanks = new WeakMap<ManifestQuestion, Bank>();

/** The bank whose words tell the question's subject: the input's, or the question and rubric alone. */
function lexiconOf(input: EvaluationInput): Set<string> {
  if (input.bank) return bankLexicon(input.bank);
  let own = questionBanks.get(input.question);
  if (!own) {
    own = { questions: [input.question], rubrics: [input.rubric] };
    questionBanks.set(input.question, own);
  }
  return bankLexicon(own);
}

/** Point strength from which a point counts as covered: one of its keywords, or half its text. */
const COVERED = 0.45;

/** Generic prose is flagged as padding from this many words, and this share of the answer. */
const GENERIC_WORDS = 30;
const GENERIC_SHARE = 0.25;

/**
 * Share of a sentence's own words on the reference under which it does not carry it, however much
 * of the reference it happens to contain: a long stretch of unrelated text (a licence, a
 * recipe) says a few of the reference's words by chance in every sentence.
 */
const FOCUSED = 0.1;
/** Share of a sentence's telling words the bank uses under which the sentence is about something else. */
const ELSEWHERE = 0.2;

/** Share of the reference's weight from which a sentence carries some of what it says. */
const CARRIES = 0.05;

/**
 * The sentences that say something about the question: those that, on their own, say some of
 * what the reference says or an expected point's keyword, those between two of them (a step of
 * a story), and those next to one with two words on the question's subject (a story's situation). Platitudes never,
 * nor sentences about something else or with too little of themselves on the reference.
 * Generic prose around an answer ("I am very organised, because a clean desk helps me think")
 * is in none of them, so it adds no structure or depth: length never raises a score.
 */
function substantiveSentences(
  counted: Sentence[],
  m: MeaningResult,
  lexicon: Set<string>,
  vectors: WordVectors | null,
): Sentence[] {
  // a sentence with three telling words or more, hardly any of them words the bank uses, is about
  // something else (a licence, a recipe), however many of the reference's words it shares
  const elsewhere = new Set(
    counted
      .filter((s) => {
        const d = domainShare([s], lexicon, vectors);
        return d.words >= 3 && d.share < ELSEWHERE;
      })
      .map((s) => s.index),
  );
  const carries = counted.map(
    (s) =>
      !isPlatitude(s) &&
      !elsewhere.has(s.index) &&
      (m.focusBySentence.get(s.index) ?? 0) >= FOCUSED &&
      ((m.bySentence.get(s.index) ?? 0) >= CARRIES || m.keywordsBySentence.has(s.index)),
  );
  return counted.filter((s, i) => {
    if (carries[i]) return true;
    if (isPlatitude(s) || elsewhere.has(s.index)) return false;
    // a step between two sentences that carry belongs to the answer, whatever its words
    if (carries[i - 1] && carries[i + 1]) return true;
    return (m.onSubjectBySentence.get(s.index) ?? 0) >= 2 && Boolean(carries[i - 1] || carries[i + 1]);
  });
}

/** Answers that are no answer at all: judged (a score of 0), never unscorable. */
const NON_ANSWER =
  /^\W*(not answered|no answer|n\/?a|none|nothing|no|nope|pass|skip|i (do not|don'?t|dont) know|idk|dunno|no idea|not sure|\?+)\W*$/i;

interface Signals {
  meaning: MeaningResult | null;
  /** 0-1; null when the question has nothing to compare with */
  content: number | null;
  /** mean strength of the expected points */
  points: number;
  structure: StructureResult;
  depth: DepthResult;
  /** sentence index → what it contributes (structure and depth tags, 'point') */
  tags: Map<number, Set<string>>;
  sentences: Sentence[];
}

interface Penalty {
  /** highest position allowed */
  cap: number;
  /** positions taken off every criterion */
  minus: number;
  notes: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const percent = (x: number) => `${Math.round(x * 100)}%`;

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
      return s.content ?? s.points;
    case 'clarity':
      return s.meaning ? clamp01(s.meaning.precision / 0.7) : st.score;
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
      const m = s.meaning;
      if (!m) return 'no reference answer or expected points to compare with';
      const covered = m.points.filter((p) => p.strength >= COVERED && !p.contradicted).length;
      const points =
        m.points.length > 0 ? `, ${covered} of ${plural(m.points.length, 'expected point')}` : '';
      const reversed =
        m.negated.length > 0
          ? `; says ${m.negated.map((n) => `"${n.word}"`).join(', ')} the other way round from the reference`
          : '';
      return `says ${percent(m.recall)} of what the reference answer says, ${percent(m.precision)} of it on that${points}${reversed}`;
    }
    case 'clarity':
      return s.meaning
        ? `${percent(s.meaning.precision)} of its words on what was asked`
        : `structure ${percent(s.structure.score)}`;
    case 'structure': {
      const pct = `structure ${percent(s.structure.score)}`;
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

/** How much depth and structure a good answer to the question shows (cached per question). */
export interface Expected {
  depth: number;
  structure: number;
  /** the level scale for this question's reference (see scaleFor) */
  scale: { floor: number; curve: number };
  /** 0 for a short reference, 1 for a long one (see scaleFor) */
  longness: number;
  /** the reference answer is one enumeration: a list answers the question */
  list: boolean;
}

const expectations = new WeakMap<ManifestQuestion, Expected>();

function expectedOf(question: ManifestQuestion, target: MeaningTarget): Expected {
  let e = expectations.get(question);
  if (!e) {
    const reference = question.referenceAnswer;
    const sentences = reference === undefined ? null : analyse(reference).sentences;
    e = {
      depth: sentences ? analyseDepth(sentences, numbersOf(question.text)).score : TYPICAL_REFERENCE.depth,
      structure: sentences ? analyseStructure(sentences, question.phase).score : TYPICAL_REFERENCE.structure,
      scale: scaleFor(target.weight),
      longness: longnessOf(target.weight),
      list: reference !== undefined && isEnumeration(reference),
    };
    expectations.set(question, e);
  }
  return e;
}

/** How much of an expected quality the answer shows, 0-1, and the share it has in the base. */
function relative(value: number, expected: number, share: number): { value: number; share: number } {
  return {
    value: expected > 0 ? clamp01(value / expected) : 1,
    share: share * clamp01(expected / FULLY_EXPECTED),
  };
}

/**
 * The 0-1 base every criterion starts from: what the answer says, and as much depth and structure
 * as the reference answer shows. What it says is, for a story or a plan, the closer of the
 * reference answer and the expected points: a different true story can make every point. For a
 * technical answer the points count in as far as the reference is long (a one-line reference is
 * its points).
 */
function baseValue(s: Signals, phase: Phase, expected: Expected): number {
  const depth = relative(s.depth.score, expected.depth, DEPTH_SHARE);
  const structure = relative(s.structure.score, expected.structure, STRUCTURE_SHARE);
  if (s.content === null) {
    const shares = depth.share + structure.share;
    return shares > 0 ? (depth.share * depth.value + structure.share * structure.value) / shares : 0;
  }
  // A technical answer to a long reference may make every expected point in other words (a
  // different incident, the same method): the points count as much as the reference is long.
  const points = phase === 'technical' ? expected.longness : 1;
  const content = s.content + points * Math.max(0, s.points - s.content);
  return (
    (1 - depth.share - structure.share) * content +
    depth.share * depth.value +
    structure.share * structure.value
  );
}

/** The 0-1 composite for one criterion, and the facets that drive it. */
function composite(
  profile: CriterionProfile,
  s: Signals,
  phase: Phase,
  expected: Expected,
): { value: number; drivers: Facet[] } {
  const base = baseValue(s, phase, expected);
  const entries = profile.ranked;
  const mix = entries.length === 0 ? base : entries.reduce((sum, [f, w]) => sum + w * facetValue(f, s), 0);
  const value = (1 - FACET_SHARE) * base + FACET_SHARE * mix;
  const drivers = entries.slice(0, 2).map(([f]) => f);
  const fallback: Facet[] =
    phase === 'technical' || s.content === null ? ['coverage'] : ['coverage', 'structure'];
  return { value: clamp01(value), drivers: drivers.length > 0 ? drivers : fallback };
}

/** Up to three whole sentences that best support the criterion, in answer order. */
function evidenceFor(profile: CriterionProfile, s: Signals): string[] {
  const facets = Object.entries(profile.facets) as [Facet, number][];
  if (facets.length === 0) facets.push(['coverage', 0.5], ['specifics', 0.25], ['structure', 0.25]);
  return s.sentences
    .map((sentence) => {
      const tags = s.tags.get(sentence.index) ?? new Set<string>();
      let score = 0;
      for (const [f, w] of facets) if (FACET_TAGS[f].some((t) => tags.has(t))) score += w;
      score += s.meaning?.bySentence.get(sentence.index) ?? 0;
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

type Positioned = CriterionScore & { position: number };

/** A position and level per criterion, with the anchor text of that level, why, and the evidence. */
function scoreCriteria(
  rubric: ManifestRubric,
  signals: Signals,
  penalty: Penalty,
  phase: Phase,
  expected: Expected,
): Positioned[] {
  return rubric.criteria.map((criterion) => {
    const profile = criterionProfile(criterion);
    const { value, drivers } = composite(profile, signals, phase, expected);
    const { floor, curve } = expected.scale;
    const raw = Math.min(5, Math.max(1, floor + (TOP - floor) * value ** curve));
    const lowered = Math.max(1, Math.min(penalty.cap, raw - penalty.minus));
    const position = round(lowered, 2);
    const level = Math.round(position) as Level;
    const because = drivers.map((f) => `${FACET_LABELS[f]}: ${describe(f, signals)}`).join('; ');
    const note =
      lowered < raw && penalty.notes.length > 0
        ? ` Lowered from level ${Math.round(raw)}: ${penalty.notes.join(', ')}.`
        : '';
    return {
      criterionId: criterion.id,
      name: criterion.name,
      weight: criterion.weight,
      level,
      position,
      rationale: `${levelReason(criterion, level)} Based on ${because}.${note}`,
      evidence: evidenceFor(profile, signals),
    };
  });
}

function summaryOf(score: number, signals: Signals | null, flags: RedFlag[]): string {
  const band = score >= 80 ? 'Strong' : score >= 65 ? 'Solid' : score >= 45 ? 'Partial' : 'Weak';
  const kinds = [...new Set(flags.map((f) => f.kind))];
  const flagText = kinds.length > 0 ? `; flagged: ${kinds.join(', ')}` : '';
  if (!signals) return `${band} answer (${score}/100)${flagText}.`;
  const m = signals.meaning;
  const said = m
    ? `says ${percent(m.recall)} of what the reference answer says`
    : 'no reference to compare with';
  const d = signals.depth.score;
  const detail = d >= 0.55 ? 'with specific detail' : d >= 0.3 ? 'with some detail' : 'with little detail';
  return `${band} answer (${score}/100): ${said}, ${detail}${flagText}.`;
}

/** Structure, depth and meaning of the given sentences, with per-sentence tags for evidence. */
function measure(
  reader: MeaningReader | null,
  sentences: Sentence[],
  phase: Phase,
  questionNumbers: Set<string>,
  /** the sentences structure and depth are read from */
  formSentences: Sentence[],
  /** what the sentences say, when already measured */
  meaning: MeaningResult | null = reader ? reader.measure(new Set(sentences.map((s) => s.index))) : null,
): Signals {
  const structure = analyseStructure(formSentences, phase);
  const depth = analyseDepth(formSentences, questionNumbers);
  const tags = new Map<number, Set<string>>();
  const tag = (i: number, t: string) => {
    const set = tags.get(i) ?? new Set<string>();
    set.add(t);
    tags.set(i, set);
  };
  for (const [i, list] of structure.tags) for (const t of list) tag(i, t);
  for (const [i, list] of depth.tags) for (const t of list) tag(i, t);
  for (const p of meaning?.points ?? [])
    if (p.strength >= COVERED && p.sentence !== null) tag(p.sentence, 'point');
  const points = meaning?.points.length
    ? meaning.points.reduce((s, p) => s + (p.contradicted ? 0 : p.strength), 0) / meaning.points.length
    : 0;
  return { meaning, content: meaning?.content ?? null, points, structure, depth, tags, sentences };
}

/**
 * No sentence says any of a long reference's telling words: the answer is judged as saying
 * nothing (its words may still share common ones with the reference, which proves nothing), with
 * no structure or depth, which only count around substance. A short reference has too few words
 * for this to prove anything: such answers keep what they were measured at.
 */
function saysNothing(signals: Signals): Signals {
  return { ...signals, content: signals.content === null ? null : 0, points: 0 };
}

type Base = Pick<Evaluation, 'evaluator' | 'rubricId' | 'plugin'>;

/** Every criterion at level 1 with a score of 0: empty answers, non-answers, unscorable ones. */
function nothingToScore(input: EvaluationInput, flags: RedFlag[], base: Base, why: string): Evaluation {
  return {
    ...base,
    score: 0,
    criteria: input.rubric.criteria.map((c) => ({
      criterionId: c.id,
      name: c.name,
      weight: c.weight,
      level: 1 as Level,
      rationale: `${levelReason(c, 1)} ${why}`,
      evidence: [],
    })),
    coverage: input.question.expectedPoints.map((p) => ({ pointId: p.id, covered: false, evidence: null })),
    redFlags: flags,
    signals: { relevance: 0, structure: 0, depth: 0 },
    summary: summaryOf(0, null, flags),
  };
}

/** Numbers written in the question (repeating them is not a specific). */
function numbersOf(text: string): Set<string> {
  return new Set((text.match(/\d+(?:[.,]\d+)?/g) ?? []).map((n) => n.toLowerCase()));
}

/**
 * Evaluate one answer against its question and rubric. Pure and deterministic: the same input
 * always gives the same output, with no clock, randomness or network involved.
 */
export function evaluateAnswer(input: EvaluationInput): Evaluation {
  const base: Base = {
    evaluator: { name: BUILTIN_EVALUATOR_NAME, version: BUILTIN_EVALUATOR_VERSION },
    rubricId: input.rubric.id,
    plugin: { id: input.plugin.id, version: input.plugin.version },
  };
  const locale = input.locale ?? 'en';
  const analysis = analyse(input.answer);
  if (!analysis.words.some((t) => t.type === 'word' || t.type === 'number')) {
    const flags: RedFlag[] = [{ kind: 'empty', detail: 'no answer was given', evidence: null }];
    return nothingToScore(input, flags, base, 'Nothing in the answer could be scored.');
  }
  // text for the grader is flagged first, whatever else: an answer in another language that
  // tries to instruct the grader is unscorable and still flagged
  const flags: RedFlag[] = [];
  const steering = findSteering(analysis.sentences, input.answer);
  for (const h of steering)
    flags.push({ kind: 'steering', detail: `${h.detail}; not scored`, evidence: h.quote });
  const unscorable = unscorableReason(input.answer, locale, analysis);
  if (unscorable) {
    const why = `The answer could not be judged (${unscorable}); a person should review it.`;
    return {
      ...nothingToScore(input, flags, base, why),
      unscorable: { reason: unscorable },
      summary: `Could not be scored: ${unscorable}. A person should review this answer.`,
    };
  }
  const setAside = (detail: string, evidence: string | null) =>
    flags.push({ kind: 'padding', detail: `${detail}; not scored`, evidence });

  // 1. set aside what must not count: text for the grader, text copied from the bank, repeats, lists
  const steered = new Set(steering.map((h) => h.sentence));
  const copied = findCopied(analysis.sentences, bankText(input.rubric, input.question, input.followUpText));
  const target = meaningTarget(input.question, locale, input.followUpText);
  const expected = expectedOf(input.question, target);
  const listAnswerExpected = expected.list;
  const seen = new Set<string>();
  const ignore = new Set<Token>(copied.tokens);
  // keyword lists and strings inside a sentence: they add no depth or structure to it either
  const listed = new Set<Token>();
  const counts = { repeated: 0, lists: 0, rubric: 0, question: 0, stuffed: 0 };
  const firsts: Record<keyof typeof counts, string | null> = {
    repeated: null,
    lists: null,
    rubric: null,
    question: null,
    stuffed: null,
  };
  const note = (kind: keyof typeof counts, text: string) => {
    counts[kind]++;
    firsts[kind] ??= text;
  };
  const counted: Sentence[] = [];
  const lists: Sentence[] = [];
  for (const s of analysis.sentences) {
    if (steered.has(s.index) || s.words.length === 0) continue;
    const copy = copied.sentences.get(s.index);
    if (copy) {
      note(copy, s.text);
      continue;
    }
    const key = s.words.map((t) => t.key).join(' ');
    if (seen.has(key) && s.words.filter(isContent).length >= 2) {
      note('repeated', s.text);
      continue;
    }
    seen.add(key);
    if (listAnswerExpected) {
      counted.push(s);
      continue;
    }
    const bullets = bulletItems(s);
    if (bullets.length > 0)
      note('lists', bullets.map((line) => line.map((t) => t.value).join(' ')).join('; '));
    for (const line of bullets)
      for (const t of line) {
        ignore.add(t);
        listed.add(t);
      }
    const runs = stuffedRuns(s);
    // a sentence mostly made of keyword strings is one
    const stuffed = runs.reduce((n, run) => n + run.length, 0);
    if (isList(s) || (stuffed > 0 && stuffed >= 0.5 * s.words.filter(isContent).length)) {
      lists.push(s);
      continue;
    }
    for (const run of runs) {
      note('stuffed', run.map((t) => t.value).join(' '));
      for (const t of run) {
        ignore.add(t);
        listed.add(t);
      }
    }
    counted.push(s);
  }
  // A list next to prose is padding and earns nothing. A technical answer that is only a list
  // ("Name, parameters and return type") names terms without explaining them: it is judged, up
  // to level 2, and covers no point (a person may credit it more; see docs/scoring.md). Anywhere
  // else a bare list answers nothing.
  const penalty: Penalty = { cap: 5, minus: 0, notes: [] };
  // … unless it is the same word or two over and over, which names nothing
  const listWords = lists.flatMap((s) => s.words.filter(isContent));
  const varied = new Set(listWords.map((t) => t.key)).size >= Math.max(2, 0.3 * listWords.length);
  const listOnly =
    counted.length === 0 &&
    lists.length > 0 &&
    input.question.phase === 'technical' &&
    varied &&
    !isDump(lists);
  if (listOnly) {
    counted.push(...lists);
    penalty.cap = 2;
    penalty.notes.push('a bare list');
    flags.push({
      kind: 'padding',
      detail: 'a bare list instead of sentences: names points without explaining them',
      evidence: lists[0]?.text ?? null,
    });
  } else {
    for (const s of lists) note('lists', s.text);
  }
  if (counts.rubric > 0) setAside("copies the rubric's level descriptors", firsts.rubric);
  if (counts.question > 0) setAside('repeats the question', firsts.question);
  if (counts.lists > 0)
    setAside(`${plural(counts.lists, 'bare keyword list')} instead of sentences`, firsts.lists);
  if (counts.stuffed > 0) setAside('a string of keywords inside a sentence', firsts.stuffed);
  if (counts.repeated > 0) setAside(plural(counts.repeated, 'repeated sentence'), firsts.repeated);
  if (counted.length === 0)
    return nothingToScore(input, flags, base, 'Nothing in the answer could be scored.');

  // 2. measure
  const numbers = numbersOf(`${input.question.text} ${input.followUpText ?? ''}`);
  const hasTarget = target.reference.length > 0 || target.points.length > 0;
  const reader = hasTarget ? readMeaning(counted, target, ignore) : null;
  // a bare list has no structure or depth: it names terms
  const form = (list: Sentence[]) => (listOnly ? [] : list.map((s) => withoutTokens(s, listed)));
  // what the whole answer says; structure and depth are read once, from the sentences kept
  const m = reader ? reader.measure(new Set(counted.map((s) => s.index))) : null;
  const content = m?.content ?? 0;

  // 3. red flags; each one can only lower levels
  const evasive = evasionQuotes(counted);
  const evasiveSet = new Set(evasive);
  const nonAnswer = counted.every((s) => NON_ANSWER.test(s.text) || evasiveSet.has(s.text));
  if (nonAnswer && (m?.recall ?? 0) < 0.15) {
    flags.push({ kind: 'evasion', detail: 'gives no answer', evidence: counted[0]?.text ?? null });
    return nothingToScore(input, flags, base, 'The answer says nothing about the question.');
  }
  // off topic: enough prose to judge, hardly a word of it on what a good answer says, and a
  // reference long enough for that to prove something (a paraphrase of one line shares no word)
  const contentWords = counted.reduce((n, s) => n + s.contentKeys.size, 0);
  const judgeable = target.weight >= SHORT_REFERENCE && contentWords >= 20 && evasive.length === 0;
  const domain = domainShare(counted, lexiconOf(input), target.vectors);
  if (m !== null && judgeable && m.recall < OFF_RECALL && domain.words >= 8 && domain.share < OFF_DOMAIN) {
    flags.push({
      kind: 'off_topic',
      detail: `says ${percent(m.recall)} of what the reference answer says, and ${percent(domain.share)} of its telling words are words this question bank uses`,
      evidence: counted[0]?.text ?? null,
    });
    return nothingToScore(input, flags, base, 'The answer is about something else.');
  }
  // generic prose around the answer ("I am a passionate team player…") is not scored at all:
  // it cannot add depth or structure, and length never raises a score
  const substantive = m ? substantiveSentences(counted, m, lexiconOf(input), target.vectors) : counted;
  const phase = input.question.phase;
  let signals: Signals;
  if (substantive.length === 0) {
    signals =
      target.weight >= SHORT_REFERENCE
        ? saysNothing(measure(reader, counted, phase, numbers, [], m))
        : measure(reader, counted, phase, numbers, form(counted), m);
  } else if (substantive.length === counted.length) {
    signals = measure(reader, counted, phase, numbers, form(counted), m);
  } else {
    const words = (list: Sentence[]) => list.reduce((n, s) => n + s.words.length, 0);
    const generic = words(counted) - words(substantive);
    if (generic >= GENERIC_WORDS && generic / words(counted) >= GENERIC_SHARE) {
      const kept = new Set(substantive);
      const first = counted.find((s) => !kept.has(s));
      setAside(
        `${percent(generic / words(counted))} of the words are generic prose unrelated to the question`,
        first?.text ?? null,
      );
    }
    signals = measure(reader, substantive, phase, numbers, form(substantive));
  }
  if (evasive.length > 0 && content < 0.25 && substantive.length <= 1) {
    flags.push({
      kind: 'evasion',
      detail: 'avoids the question without substance',
      evidence: evasive[0] ?? null,
    });
    penalty.cap = Math.min(penalty.cap, 2);
    penalty.notes.push('evasive');
  }
  flags.push(...findContradictions(counted, input.history));
  if (steering.length > 0) {
    penalty.minus += 1;
    penalty.notes.push('steering');
  }
  // "one", "both", "all of them": not one content word to judge by meaning; people grade such
  // answers about 2 of 5 on average (docs/scoring.md), whatever the question
  if (!counted.some((s) => s.words.some(isContent))) {
    penalty.cap = Math.min(penalty.cap, 2);
    penalty.notes.push('no content word to judge');
  }

  // 4. levels, score, coverage
  const criteria = scoreCriteria(input.rubric, signals, penalty, input.question.phase, expected);
  const score = scoreFromCriteria(criteria);
  const byIndex = new Map(analysis.sentences.map((s) => [s.index, s.text]));
  const coverage: PointCoverage[] = (signals.meaning?.points ?? []).map((p) => {
    const covered = p.strength >= COVERED && !p.contradicted && !listOnly;
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
      relevance: round(content),
      structure: round(signals.structure.score),
      depth: round(signals.depth.score),
    },
    summary: summaryOf(score, signals, flags),
  };
}

/**
 * Reads a bank once, before its first answer: its vocabulary, and each question's target,
 * expected depth and copied-text index. The first answer on a bank would otherwise pay for it
 * (about 150 ms for a bundled bank in a fresh process). Cached per object, so `bank` must be the
 * manifest object the turns will pass (the process-wide manifest cache's).
 */
export function prepareBank(bank: Bank & { locale?: string | undefined }): void {
  bankLexicon(bank);
  const rubrics = new Map(bank.rubrics.map((r) => [r.id, r]));
  for (const question of bank.questions) {
    const target = meaningTarget(question, bank.locale ?? 'en');
    expectedOf(question, target);
    const rubric = rubrics.get(question.rubric);
    if (!rubric) continue;
    bankText(rubric, question);
    for (const criterion of rubric.criteria) criterionProfile(criterion);
  }
}

/**
 * The built-in evaluator behind the Evaluator port. Creating it loads the word vectors (tens of
 * milliseconds; seconds once per machine, to derive them), so no interview turn waits for them.
 */
export function createBuiltinEvaluator(): Evaluator {
  wordVectors();
  return {
    name: BUILTIN_EVALUATOR_NAME,
    version: BUILTIN_EVALUATOR_VERSION,
    local: true,
    evaluate: async (input) => evaluateAnswer(input),
  };
}

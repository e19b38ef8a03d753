import type { ManifestQuestion } from '../../plugins/index.ts';
import { type Row, SAME_FAMILY, Similarities, type Word, wordOf } from './similarity.ts';
import { analyse, isContent, type Sentence, type Token } from './text.ts';
import { type WordVectors, wordVectors } from './vectors.ts';

/**
 * Coverage by meaning: how much of what a good answer says this answer says too, word by word,
 * whatever the wording. Each word of the target (the question's reference answer, or else its
 * expected points) is aligned with the answer word closest in meaning (similarity.ts).
 * Recall (how much of the target the answer says) and precision (how much of the answer is on
 * the target) are averaged over content words. Words of the question earn a third of their
 * weight: repeating the question is not answering it (Mohler et al. call this question demoting),
 * but the answer to "what does & return?" may well be "the address". A target word the answer
 * negates where the target does not ("does not run the body first" against "runs the body
 * first") counts against the answer instead of for it.
 *
 * Nothing here is fitted to a question: the constants below were set once on the development
 * split of the human-graded data (docs/scoring.md) and hold for every bank.
 */

/** Weight of a word the question itself uses. */
const QUESTION_WORD_WEIGHT = 0.3;
/** Share of recall in the content measure; the rest is precision. */
const RECALL_SHARE = 0.5;
/**
 * The content measure saturates: people give full marks for the main idea in their own words,
 * which aligns with about 60 % of a reference answer's weight (the development split's answers
 * graded 5 align at a median of 0.4-0.6, less the longer the reference).
 */
const SATURATION = 0.6;

export interface TargetWord extends Word {
  /** where its similarities are kept: one slot per distinct word of the question's texts */
  slot: number;
  weight: number;
  /** the target's sentence holding it negates nothing: a negated answer word then reverses it */
  plain: boolean;
  /** index of the target's sentence holding it */
  sentence: number;
}

/** Parts of speech whose negation reverses a statement ("does not run", "is not sorted"). */
const STATEMENT_POS = new Set(['VERB', 'AUX', 'ADJ']);

/** What each statement of the reference or of a point said the other way round costs the 0-1 content measure. */
const REVERSED_COST = 0.25;

/** Share of a target sentence an answer sentence must restate before its negation reverses it. */
const RESTATED = 0.5;

/**
 * The answer restates a target sentence the other way round: one answer sentence says most of a
 * target sentence that negates nothing, and negates its verb or adjective ("the body does not
 * run first" against "the body runs first"). Word-level negation scope is rough, so only this
 * clear case counts: a negation elsewhere ("not initialised each time" for "initialised once")
 * says the same thing in other words as often as not.
 */
function contradicts(
  t: TargetWord,
  word: AnswerWord,
  similarity: number,
  target: TargetWord[],
  words: AnswerWord[],
  sims: Similarities,
): boolean {
  if (similarity !== 1 || !t.plain || !word.token.negated) return false;
  // a verb or adjective on either side: the tagger reads "releases slow down or freeze" as a noun
  if (!STATEMENT_POS.has(t.token.pos) && !STATEMENT_POS.has(word.token.pos)) return false;
  const same = target.filter((x) => x.sentence === t.sentence);
  const inSentence = words.filter((w) => w.sentence === word.sentence);
  let total = 0;
  let said = 0;
  for (const x of same) {
    total += x.weight;
    let best = 0;
    for (const w of inSentence) best = Math.max(best, sims.of(x, w.index));
    said += x.weight * best;
  }
  return total > 0 && said / total >= RESTATED;
}

export interface MeaningTarget {
  /** the reference answer's (or, lacking one, the expected points') distinct words */
  reference: TargetWord[];
  /** their total weight: how much the reference says */
  weight: number;
  /** per expected point, its text's words, and its keywords (alternatives: any few of them make it) */
  points: { id: string; words: TargetWord[]; keywords: TargetWord[][] }[];
  questionKeys: Set<string>;
  /** every word of the question, the reference answer and the points: what the subject is */
  subject: TargetWord[];
  /** English banks use word vectors; others match by form only */
  vectors: WordVectors | null;
  /** how many distinct words the question's texts have (the slots of the target words) */
  slots: number;
}

export interface PointMeaning {
  pointId: string;
  /** 0-1 */
  strength: number;
  /** the sentence that says most of it */
  sentence: number | null;
  /** the point's words the answer negates */
  contradicted: boolean;
}

export interface MeaningResult {
  /** 0-1: recall and precision against the target, saturated */
  content: number;
  recall: number;
  precision: number;
  points: PointMeaning[];
  /** sentence index → how many distinct words on the subject it says */
  onSubjectBySentence: Map<number, number>;
  /**
   * sentence index → how much of the reference that sentence says on its own (0-1 of its weight):
   * a property of the sentence alone, so text around it never changes it
   */
  bySentence: Map<number, number>;
  /** sentence index → how many of the expected points' keywords that sentence says on its own */
  keywordsBySentence: Map<number, number>;
  /** sentence index → how much of that sentence is on the reference (its own precision, 0-1) */
  focusBySentence: Map<number, number>;
  /** target words the answer negates, with the sentence that does */
  negated: { word: string; sentence: number }[];
}

const targets = new WeakMap<ManifestQuestion, Map<string, MeaningTarget>>();

/**
 * Words that negate or restrict by meaning, not by syntax: a sentence holding one is said the
 * other way round as often as not ("avoids copying" = "does not copy", "only once" = "not each time").
 */
const NEGATIVE_MEANING = new Set([
  'avoid',
  'prevent',
  'eliminate',
  'without',
  'never',
  'lack',
  'fail',
  'stop',
  'only',
  'except',
  'unless',
  'instead',
  'rather',
  'neither',
  'nor',
  'no',
  'none',
]);

/** Slots of the target words: one per distinct matching key, shared by all of a question's texts. */
type Slots = Map<string, number>;

function distinctWords(
  text: string,
  questionKeys: Set<string>,
  slots: Slots,
  vectors: WordVectors | null,
): TargetWord[] {
  const seen = new Set<string>();
  const out: TargetWord[] = [];
  for (const s of analyse(text).sentences) {
    const plain = !s.words.some((t) => t.negated || NEGATIVE_MEANING.has(t.lemma));
    for (const t of s.words) {
      if (!isContent(t) || seen.has(t.key)) continue;
      seen.add(t.key);
      let slot = slots.get(t.key);
      if (slot === undefined) {
        slot = slots.size;
        slots.set(t.key, slot);
      }
      out.push({
        ...wordOf(t, vectors),
        slot,
        weight: questionKeys.has(t.key) ? QUESTION_WORD_WEIGHT : 1,
        plain,
        sentence: s.index,
      });
    }
  }
  return out;
}

/** What a good answer to the question says, as weighted words (cached per question). */
export function meaningTarget(
  question: ManifestQuestion,
  locale: string,
  followUpText?: string,
): MeaningTarget {
  const byKey = targets.get(question) ?? new Map<string, MeaningTarget>();
  const cacheKey = `${locale}\u0000${followUpText ?? ''}`;
  const cached = byKey.get(cacheKey);
  if (cached) return cached;
  const questionKeys = new Set(
    analyse(`${question.text} ${followUpText ?? ''}`)
      .words.filter(isContent)
      .map((t) => t.key),
  );
  const pointsText = question.expectedPoints.map((p) => p.text).join(' ');
  const keywordsText = question.expectedPoints.flatMap((p) => p.keywords ?? []).join(', ');
  const vectors = locale.toLowerCase().startsWith('en') ? wordVectors() : null;
  const slots: Slots = new Map();
  const words = (text: string, demoted = questionKeys) => distinctWords(text, demoted, slots, vectors);
  const reference = words(question.referenceAnswer ?? pointsText);
  const target: MeaningTarget = {
    reference,
    weight: reference.reduce((sum, w) => sum + w.weight, 0),
    points: question.expectedPoints.map((p) => ({
      id: p.id,
      words: words(p.text),
      keywords: (p.keywords ?? []).map((k) => words(k, new Set())).filter((k) => k.length > 0),
    })),
    subject: words(
      `${question.text}\n${followUpText ?? ''}\n${question.referenceAnswer ?? ''}\n${pointsText}\n${keywordsText}`,
      new Set(),
    ),
    questionKeys,
    vectors,
    slots: 0,
  };
  target.slots = slots.size;
  byKey.set(cacheKey, target);
  targets.set(question, byKey);
  return target;
}

interface AnswerWord extends Word {
  /** its place in the answer's distinct words (where its similarities are kept) */
  index: number;
  /** the sentence of the occurrence kept */
  sentence: number;
  /** every sentence that says the word */
  sentences: number[];
  weight: number;
}

/**
 * The answer's distinct content words, one per written form (so a sentence is compared by the very
 * words it says, whatever other sentences say), weighted like the target's, with every sentence
 * that says each; the first occurrence, or the first plain one.
 */
function answerWords(
  sentences: Sentence[],
  questionKeys: Set<string>,
  ignore: ReadonlySet<Token>,
  vectors: WordVectors | null,
): AnswerWord[] {
  const seen = new Map<string, AnswerWord>();
  for (const s of sentences) {
    for (const t of s.words) {
      if (!isContent(t) || ignore.has(t)) continue;
      const known = seen.get(t.lower);
      if (known) {
        if (known.sentences.at(-1) !== s.index) known.sentences.push(s.index);
        // a word said once plainly and once negated counts as said plainly
        if (known.token.negated && !t.negated) {
          known.token = t;
          known.sentence = s.index;
        }
        continue;
      }
      seen.set(t.lower, {
        ...wordOf(t, vectors),
        index: seen.size,
        sentence: s.index,
        sentences: [s.index],
        weight: questionKeys.has(t.key) ? QUESTION_WORD_WEIGHT : 1,
      });
    }
  }
  return [...seen.values()];
}

interface Alignment {
  /** weighted share of the target the answer says, 0-1 */
  recall: number;
  /** per answer word, its best similarity to any target word */
  bestForAnswer: Float64Array;
  bySentence: Map<number, number>;
  negated: { word: string; sentence: number }[];
}

/**
 * Each target word with the answer word closest to it (the first, on a tie), over all of the
 * answer's words or a subset of them (one sentence's).
 */
function align(target: TargetWord[], words: AnswerWord[], sims: Similarities): Alignment {
  const all = words.length === sims.size;
  const bestForAnswer = new Float64Array(words.length);
  const bySentence = new Map<number, number>();
  const negated: { word: string; sentence: number }[] = [];
  let total = 0;
  let said = 0;
  for (const t of target) {
    total += t.weight;
    const row = sims.row(t);
    let best = 0;
    let at = -1;
    const visit = (i: number, sim: number) => {
      if (sim > best || (sim === best && sim > 0 && i < at)) {
        best = sim;
        at = i;
      }
      if (sim > (bestForAnswer[i] as number)) bestForAnswer[i] = sim;
    };
    // over all words, only the nonzero similarities can matter (positions are answer indices)
    if (all) for (const i of row.nonzero) visit(i, row.dense[i] as number);
    else for (let i = 0; i < words.length; i++) visit(i, row.dense[(words[i] as AnswerWord).index] as number);
    if (at < 0) continue;
    const word = words[at] as AnswerWord;
    // said the other way round: "does not" where the target says "does", or the reverse
    if (contradicts(t, word, best, target, words, sims)) {
      negated.push({ word: word.token.value, sentence: word.sentence });
      said -= t.weight * best;
      continue;
    }
    said += t.weight * best;
    for (const i of word.sentences) bySentence.set(i, (bySentence.get(i) ?? 0) + t.weight * best);
  }
  if (total > 0) for (const [k, v] of bySentence) bySentence.set(k, v / total);
  return { recall: total > 0 ? Math.max(0, said / total) : 0, bestForAnswer, bySentence, negated };
}

/** Similarity by form from which an answer word is on the question's subject. */
const ON_SUBJECT = 0.5;

/** Point strength by distinct keywords said (by meaning): none, one, two, three or more. */
const KEYWORD_STRENGTH = [0, 0.45, 0.75, 1];

/** The answer word closest to a keyword's word by form (never one negating it), and how close. */
function closest(
  t: TargetWord,
  words: AnswerWord[],
  sims: Similarities,
): { similarity: number; word: AnswerWord | null } {
  let similarity = 0;
  let word: AnswerWord | null = null;
  // a keyword is said by its form: a vector match never reaches SAME_FAMILY's 0.8 in practice
  const row = sims.formRow(t);
  const candidates =
    words.length === sims.size ? Array.from(row.nonzero, (i) => words[i] as AnswerWord) : words;
  for (const w of candidates) {
    if (t.plain && w.token.negated) continue;
    const sim = row.dense[w.index] as number;
    if (sim > similarity || (sim === similarity && sim > 0 && word !== null && w.index < word.index)) {
      similarity = sim;
      word = w;
    }
  }
  return { similarity, word };
}

/** Each sentence's own words. */
function wordsBySentence(words: AnswerWord[]): Map<number, AnswerWord[]> {
  const out = new Map<number, AnswerWord[]>();
  for (const w of words)
    for (const i of w.sentences) {
      const list = out.get(i);
      if (list) list.push(w);
      else out.set(i, [w]);
    }
  return out;
}

/** Whether every word of a keyword is said (by form) among the given words. */
function saysKeyword(keyword: TargetWord[], words: AnswerWord[], sims: Similarities): boolean {
  return keyword.every((w) => closest(w, words, sims).similarity >= SAME_FAMILY);
}

/**
 * What each sentence says on its own: its share of the reference, and how many of the expected
 * points' keywords it says. Properties of the sentence alone, so text around it never changes them.
 */
function ownSays(
  target: MeaningTarget,
  words: AnswerWord[],
  sims: Similarities,
): { shares: Map<number, number>; keywords: Map<number, number>; focus: Map<number, number> } {
  const shares = new Map<number, number>();
  const keywords = new Map<number, number>();
  const focus = new Map<number, number>();
  const allKeywords = target.points.flatMap((p) => p.keywords);
  const rows = target.reference.map((t) => sims.row(t));
  // which answer words relate to the reference at all, and which may belong to a keyword: a
  // sentence with none of either says nothing, and most sentences of a long answer are skipped
  // each answer word's best similarity to the reference
  const best = new Float32Array(words.length);
  for (const row of rows)
    for (const i of row.nonzero) best[i] = Math.max(best[i] as number, row.dense[i] as number);
  const keywordish = new Uint8Array(words.length);
  for (const k of allKeywords)
    for (const w of k) {
      const row = sims.formRow(w);
      for (const i of row.nonzero) if ((row.dense[i] as number) >= SAME_FAMILY) keywordish[i] = 1;
    }
  for (const [i, own] of wordsBySentence(words)) {
    let weight = 0;
    let on = 0;
    for (const w of own) {
      weight += w.weight;
      on += w.weight * (best[w.index] as number);
    }
    focus.set(i, weight > 0 ? on / weight : 0);
    if (on > 0) {
      // the sentence's recall of the reference, as align computes it (negations aside)
      let said = 0;
      target.reference.forEach((t, r) => {
        const dense = (rows[r] as Row).dense;
        let best = 0;
        for (const w of own) best = Math.max(best, dense[w.index] as number);
        said += t.weight * best;
      });
      shares.set(i, target.weight > 0 ? said / target.weight : 0);
    } else shares.set(i, 0);
    if (!own.some((w) => keywordish[w.index] === 1)) continue;
    const count = allKeywords.filter((k) => saysKeyword(k, own, sims)).length;
    if (count > 0) keywords.set(i, count);
  }
  return { shares, keywords, focus };
}

/** Reads an answer's words once; measures the whole answer or any set of its sentences. */
export interface MeaningReader {
  /** how much of the target the answer says, counting only the sentences in `only` (default all) */
  measure(only?: ReadonlySet<number>): MeaningResult;
}

/**
 * Reads the given sentences against the target. `ignore` holds tokens that must earn nothing (a
 * keyword string stuffed into a sentence, words copied from the question). Word similarities are
 * computed once and shared by every measure of the reader.
 */
export function readMeaning(
  sentences: Sentence[],
  target: MeaningTarget,
  ignore: ReadonlySet<Token> = new Set(),
): MeaningReader {
  const all = answerWords(sentences, target.questionKeys, ignore, target.vectors);
  const sims = new Similarities(target.slots, all, target.vectors);
  // what each sentence says on its own, and which words are on the subject, hold for any subset
  const own = ownSays(target, all, sims);
  const onSubject = new Uint8Array(all.length);
  for (const t of target.subject) {
    const row = sims.formRow(t);
    for (const i of row.nonzero) if ((row.dense[i] as number) >= ON_SUBJECT) onSubject[i] = 1;
  }
  return {
    measure(only) {
      const words = only ? wordsWithin(all, only) : all;
      const result = measureWords(target, words, sims);
      const onSubjectBySentence = new Map<number, number>();
      for (const w of words) {
        if (onSubject[w.index] === 0) continue;
        for (const s of w.sentences) onSubjectBySentence.set(s, (onSubjectBySentence.get(s) ?? 0) + 1);
      }
      return {
        ...result,
        onSubjectBySentence,
        bySentence: own.shares,
        keywordsBySentence: own.keywords,
        focusBySentence: own.focus,
      };
    },
  };
}

/** The words said in the given sentences, each with only those of its sentences. */
function wordsWithin(words: AnswerWord[], only: ReadonlySet<number>): AnswerWord[] {
  return words.flatMap((w) => {
    const sentences = w.sentences.filter((s) => only.has(s));
    if (sentences.length === 0) return [];
    return [{ ...w, sentences, sentence: only.has(w.sentence) ? w.sentence : (sentences[0] as number) }];
  });
}

function measureWords(
  target: MeaningTarget,
  words: AnswerWord[],
  sims: Similarities,
): Omit<MeaningResult, 'onSubjectBySentence' | 'bySentence' | 'keywordsBySentence' | 'focusBySentence'> {
  const ref = align(target.reference, words, sims);
  let weight = 0;
  let onTarget = 0;
  words.forEach((w, i) => {
    weight += w.weight;
    onTarget += w.weight * (ref.bestForAnswer[i] as number);
  });
  const precision = weight > 0 ? onTarget / weight : 0;
  const blended = RECALL_SHARE * ref.recall + (1 - RECALL_SHARE) * precision;
  let reversed = ref.negated.length;
  const points = target.points.map((p): PointMeaning => {
    const a = align(p.words, words, sims);
    if (a.negated.length > 0) reversed++;
    let sentence: number | null = null;
    let best = 0;
    for (const [s, v] of a.bySentence)
      if (v > best) {
        best = v;
        sentence = s;
      }
    // a keyword is said when each of its words is (a form match); where, when the text is not
    const said = p.keywords.flatMap((k) =>
      saysKeyword(k, words, sims) ? [closest(k[0] as TargetWord, words, sims).word?.sentence ?? null] : [],
    );
    const byKeywords = KEYWORD_STRENGTH[Math.min(said.length, KEYWORD_STRENGTH.length - 1)] ?? 0;
    const byText = Math.min(1, a.recall / SATURATION);
    return {
      pointId: p.id,
      strength: Math.max(byText, byKeywords),
      sentence: byKeywords > byText || sentence === null ? (said[0] ?? sentence) : sentence,
      contradicted: a.negated.length > 0,
    };
  });
  return {
    // a statement of the reference said the other way round is a wrong claim, not a missing one:
    // it costs past the saturation, so even an answer that says everything else loses it
    content: Math.max(0, Math.min(1, blended / SATURATION) - REVERSED_COST * reversed),
    recall: ref.recall,
    precision,
    points,
    negated: ref.negated,
  };
}

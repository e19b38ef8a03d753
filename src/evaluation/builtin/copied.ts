import type { ManifestQuestion, ManifestRubric } from '../../plugins/index.ts';
import { analyse, type Sentence, type Token } from './text.ts';

/**
 * Text copied from the bank earns nothing: a rubric's level descriptors pasted into an answer
 * ("fully correct and precise, with no errors"), or the question said back. Copying is found by
 * shared runs of four words (on matching keys, so inflection and case do not hide it). A sentence
 * mostly made of the rubric's words, or the question said back word for word, is set aside; other
 * words that say the question back simply do not count, wherever they stand (a short answer often
 * restates the question before answering it: "C++ programs begin to execute in main"). The expected points' own wording is not checked here: candidates never
 * see it, and a correct answer often says it; pasted as a list it is caught as a list.
 */

const N = 4;
/** Share of a sentence's words inside the rubric's runs from which the sentence counts as copied. */
const COPIED_SENTENCE = 0.6;
/** The same for the question: a sentence that is the question said back, adding nothing. */
const QUESTION_SENTENCE = 0.95;

export interface BankText {
  /** word 4-grams of the rubric's level descriptors and criterion names */
  rubric: Set<string>;
  /** word 4-grams of the question (and follow-up) */
  question: Set<string>;
}

export interface CopiedText {
  /** sentences set aside, with what they copy: mostly the rubric's level descriptors, or the question */
  sentences: Map<number, 'rubric' | 'question'>;
  /** tokens of the remaining sentences that repeat the question or the rubric: they earn nothing */
  tokens: Set<Token>;
}

/** The word 4-grams of a text, across its sentences (as answers are read). */
function grams(text: string): Set<string> {
  const out = new Set<string>();
  const keys = analyse(text).words.map((t) => t.key);
  for (let i = 0; i + N <= keys.length; i++) out.add(keys.slice(i, i + N).join(' '));
  return out;
}

const cache = new WeakMap<ManifestRubric, Map<ManifestQuestion, Map<string, BankText>>>();

/** The bank's texts an answer must not copy (cached per rubric, question and follow-up). */
export function bankText(
  rubric: ManifestRubric,
  question: ManifestQuestion,
  followUpText?: string,
): BankText {
  const byQuestion = cache.get(rubric) ?? new Map<ManifestQuestion, Map<string, BankText>>();
  const byFollowUp = byQuestion.get(question) ?? new Map<string, BankText>();
  const key = followUpText ?? '';
  let text = byFollowUp.get(key);
  if (!text) {
    const anchors = rubric.criteria.flatMap((c) => [c.name, ...Object.values(c.levels)]);
    text = {
      rubric: new Set(anchors.flatMap((a) => [...grams(a)])),
      question: grams(`${question.text}\n${followUpText ?? ''}`),
    };
    byFollowUp.set(key, text);
    byQuestion.set(question, byFollowUp);
    cache.set(rubric, byQuestion);
  }
  return text;
}

/**
 * Which words lie in a run shared with the given 4-grams, over the whole answer: a run may cross
 * a sentence boundary (code in a question splits into fragments such as "= READY)`.").
 */
function copiedWords(words: readonly Token[], from: Set<string>): Set<Token> {
  const out = new Set<Token>();
  for (let i = 0; i + N <= words.length; i++) {
    let gram = '';
    for (let j = 0; j < N; j++) gram += (j > 0 ? ' ' : '') + (words[i + j] as Token).key;
    if (from.has(gram)) for (let j = 0; j < N; j++) out.add(words[i + j] as Token);
  }
  return out;
}

/** What the answer copies from the bank. */
export function findCopied(sentences: Sentence[], bank: BankText): CopiedText {
  const result: CopiedText = { sentences: new Map(), tokens: new Set() };
  const words = sentences.flatMap((s) => s.words);
  const rubric = copiedWords(words, bank.rubric);
  const question = copiedWords(words, bank.question);
  for (const s of sentences) {
    if (s.words.length === 0) continue;
    const fromRubric = s.words.filter((t) => rubric.has(t));
    const fromQuestion = s.words.filter((t) => question.has(t));
    if (fromRubric.length / s.words.length >= COPIED_SENTENCE) result.sentences.set(s.index, 'rubric');
    else if (fromQuestion.length / s.words.length >= QUESTION_SENTENCE)
      result.sentences.set(s.index, 'question');
    else for (const t of [...fromRubric, ...fromQuestion]) result.tokens.add(t);
  }
  return result;
}

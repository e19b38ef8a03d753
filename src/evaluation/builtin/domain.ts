import type { ManifestQuestion, ManifestRubric } from '../../plugins/index.ts';
import { analyse, isContent, type Sentence, type Token } from './text.ts';
import type { WordVectors } from './vectors.ts';

/**
 * Whether an answer is about the bank's subject at all. A weak answer to a backend question still
 * talks about caches, APIs and deploys; a story about baking bread does not. Comparing with one
 * question's reference cannot tell them apart (both may share none of its words), so the answer's
 * telling words are looked up in the vocabulary of the whole bank: every question, reference
 * answer, expected point, keyword, rubric anchor and competency.
 */

/** What the evaluator needs of a bank to know its subject. */
export interface Bank {
  questions: readonly ManifestQuestion[];
  rubrics: readonly ManifestRubric[];
  competencies?: readonly { name: string; description: string }[];
}

/** Frequency rank under which a word is too common to say what a text is about. */
const COMMON_RANK = 2000;

const lexicons = new WeakMap<object, Set<string>>();

function addKeys(into: Set<string>, text: string): void {
  for (const t of analyse(text).words) if (isContent(t)) into.add(t.key);
}

/** The matching keys of every word the bank uses (cached per bank object). */
export function bankLexicon(bank: Bank): Set<string> {
  let lexicon = lexicons.get(bank);
  if (!lexicon) {
    lexicon = new Set<string>();
    for (const q of bank.questions) {
      addKeys(lexicon, `${q.text}\n${q.referenceAnswer ?? ''}`);
      for (const p of q.expectedPoints) addKeys(lexicon, `${p.text}\n${(p.keywords ?? []).join(', ')}`);
    }
    for (const r of bank.rubrics)
      for (const c of r.criteria) addKeys(lexicon, `${c.name}. ${Object.values(c.levels).join(' ')}`);
    for (const c of bank.competencies ?? []) addKeys(lexicon, `${c.name}. ${c.description}`);
    lexicons.set(bank, lexicon);
  }
  return lexicon;
}

/** A word that says what a text is about: a content word that is not among the most common ones. */
function telling(t: Token, vectors: WordVectors | null): boolean {
  if (t.type !== 'word' || !isContent(t)) return false;
  if (!vectors) return true;
  // by the rarer of its written form and its lemma: "ordering" tells more than "order"
  const rank = Math.max(vectors.rank(t.lemma) ?? Infinity, vectors.rank(t.lower) ?? Infinity);
  return rank >= COMMON_RANK;
}

/** Share of the answer's distinct telling words the bank uses too, and how many there are. */
export function domainShare(
  sentences: Sentence[],
  lexicon: Set<string>,
  vectors: WordVectors | null,
): { share: number; words: number } {
  const keys = new Set<string>();
  for (const s of sentences) for (const t of s.words) if (telling(t, vectors)) keys.add(t.key);
  let known = 0;
  for (const k of keys) if (lexicon.has(k)) known++;
  return { share: keys.size > 0 ? known / keys.size : 1, words: keys.size };
}

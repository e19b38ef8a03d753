import type { Token } from './text.ts';
import type { WordVectors } from './vectors.ts';

/**
 * How close in meaning two words are, 0-1:
 *   same lemma or matching key 1; a misspelling of it (edit distance 1, or 2 for long words) 0.9;
 *   a word of the same family ("reusability" / "reuse", "simulate" / "simulation") 0.8;
 *   otherwise, for words that are not among the most common ones, the cosine of their word vectors
 *   above a floor, scaled to at most 0.9 ("infinite" ~ "unlimited", "location" ~ "address").
 * A word's vector and frequency are looked up once (`wordOf`); the similarities of one evaluation
 * are memoised (`Similarities`), so each pair is compared once however many measures ask.
 */

/**
 * Cosine below which two different words count as unrelated (GloVe 100d: "cat"/"kitten" 0.56,
 * "unlimited"/"infinite" 0.47). Lower floors match more loosely, and the more words an answer
 * has, the more loose matches it finds: at 0.4 scores followed answer length more than people's
 * grades do (docs/scoring.md).
 */
const COSINE_FLOOR = 0.5;
/** The most a related but different word counts for. */
const RELATED_MAX = 0.9;
export const MISSPELLING = 0.9;
export const SAME_FAMILY = 0.8;
/**
 * Frequency rank under which a word is too common to be matched by its vector: frequent words
 * stand near many others ("lead" / "straight" 0.65), so they match by their form alone.
 */
const FREQUENT_RANK = 2000;
/** Words longer than this are not compared by form (no word of any language is this long). */
const MAX_WORD = 40;

/** A word ready to compare: its token, and its vector unless it is frequent or unknown. */
export interface Word {
  token: Token;
  vector: Int8Array | undefined;
}

/** A token ready to compare (vector looked up by lemma, then by form). */
export function wordOf(token: Token, vectors: WordVectors | null): Word {
  if (!vectors) return { token, vector: undefined };
  const rank = vectors.rank(token.lemma) ?? vectors.rank(token.lower);
  const frequent = rank !== undefined && rank < FREQUENT_RANK;
  return { token, vector: frequent ? undefined : (vectors.get(token.lemma) ?? vectors.get(token.lower)) };
}

/** Edit distance of two short words, at most `max` (larger distances return max + 1). */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** How close in meaning two words are, 0-1. */
export function wordSimilarity(target: Word, answer: Word, vectors: WordVectors | null): number {
  const t = target.token;
  const w = answer.token;
  if (t.key === w.key || t.lemma === w.lemma) return 1;
  const a = t.lower;
  const b = w.lower;
  if (a.length > MAX_WORD || b.length > MAX_WORD) return 0;
  const shorter = Math.min(a.length, b.length);
  const typos = shorter >= 8 ? 2 : 1;
  if (shorter >= 5 && editDistance(a, b, typos) <= typos) return MISSPELLING;
  const prefix = commonPrefix(a, b);
  if (prefix >= 4 && prefix >= 0.6 * shorter) return SAME_FAMILY;
  if (!vectors || !target.vector || !answer.vector) return 0;
  const cos = vectors.cosine(target.vector, answer.vector);
  return cos > COSINE_FLOOR ? (RELATED_MAX * (cos - COSINE_FLOOR)) / (1 - COSINE_FLOOR) : 0;
}

/**
 * The similarities of one evaluation: every target word has a slot (one per distinct key of the
 * question's texts), every answer word an index, and each pair is computed at most once.
 */
export class Similarities {
  private readonly memo: Float32Array;

  constructor(
    private readonly slots: number,
    private readonly answer: readonly Word[],
    private readonly vectors: WordVectors | null,
  ) {
    this.memo = new Float32Array(slots * answer.length).fill(-1);
  }

  of(target: Word & { slot: number }, index: number): number {
    const at = index * this.slots + target.slot;
    let sim = this.memo[at] as number;
    if (sim < 0) {
      sim = wordSimilarity(target, this.answer[index] as Word, this.vectors);
      this.memo[at] = sim;
    }
    return sim;
  }
}

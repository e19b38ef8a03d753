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
const MISSPELLING = 0.9;
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

/** Two rows of the edit-distance table, reused: words compared by form are at most MAX_WORD long. */
const rowA = new Int32Array(64);
const rowB = new Int32Array(64);

/** Edit distance of two short words, at most `max` (larger distances return max + 1). */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      current[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[b.length] as number;
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** How close two words are by their form alone, 0-1: same word, a misspelling, the same family. */
function formSimilarity(target: Word, answer: Word): number {
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
  return prefix >= 4 && prefix >= 0.6 * shorter ? SAME_FAMILY : 0;
}

/** A target word's similarities to every answer word: dense by answer index, and where nonzero. */
export interface Row {
  dense: Float32Array;
  nonzero: Int32Array;
}

function push(index: Map<string, number[]>, key: string, i: number): void {
  const list = index.get(key);
  if (list) list.push(i);
  else index.set(key, [i]);
}

/**
 * The similarities of one evaluation, one row per target word (a slot per distinct word of the
 * question's texts), computed once and only where they can be nonzero: the answer's words are
 * indexed by key, lemma, first and last letter (misspellings) and first four letters (families),
 * and their vectors packed into one array, so a row costs a few lookups and one pass of dot
 * products instead of comparing every pair of strings. Linear in the answer's length.
 */
export class Similarities {
  private readonly rows: (Row | undefined)[];
  private readonly formRows: (Row | undefined)[];
  private readonly byKey = new Map<string, number[]>();
  private readonly byLetter = new Map<string, number[]>();
  private readonly byPrefix = new Map<string, number[]>();
  /** answer vectors as stored (dot products scale by `dotOfUnit`), row-major; `hasVector` says which rows are filled */
  private readonly matrix: Float32Array;
  private readonly hasVector: Uint8Array;
  private readonly dimensions: number;

  constructor(
    slots: number,
    private readonly answer: readonly Word[],
    private readonly vectors: WordVectors | null,
  ) {
    this.rows = new Array(slots);
    this.formRows = new Array(slots);
    this.dimensions = answer.find((w) => w.vector)?.vector?.length ?? 0;
    this.matrix = new Float32Array(answer.length * this.dimensions);
    this.hasVector = new Uint8Array(answer.length);
    answer.forEach((w, i) => {
      const t = w.token;
      push(this.byKey, `k${t.key}`, i);
      if (t.lemma !== t.key) push(this.byKey, `l${t.lemma}`, i);
      if (t.lower.length <= MAX_WORD) {
        push(this.byLetter, `f${t.lower[0]}`, i);
        push(this.byLetter, `l${t.lower.at(-1)}`, i);
        if (t.lower.length >= 4) push(this.byPrefix, t.lower.slice(0, 4), i);
      }
      if (w.vector && this.dimensions > 0) {
        this.hasVector[i] = 1;
        this.matrix.set(w.vector, i * this.dimensions);
      }
    });
  }

  /** How many answer words there are. */
  get size(): number {
    return this.answer.length;
  }

  /** The target word's similarity to the answer word at `index`. */
  of(target: Word & { slot: number }, index: number): number {
    return this.row(target).dense[index] as number;
  }

  /** The target word's similarities to every answer word. */
  row(target: Word & { slot: number }): Row {
    let row = this.rows[target.slot];
    if (!row) {
      row = this.compute(target, true);
      this.rows[target.slot] = row;
    }
    return row;
  }

  /**
   * The same by form alone, for measures that only count close matches (a vector match reaches
   * 0.5 at a cosine of 0.78): the full row when it is already there, else one without vectors.
   */
  formRow(target: Word & { slot: number }): Row {
    let row = this.rows[target.slot] ?? this.formRows[target.slot];
    if (!row) {
      row = this.compute(target, false);
      this.formRows[target.slot] = row;
    }
    return row;
  }

  private compute(target: Word, withVectors: boolean): Row {
    const dense = new Float32Array(this.answer.length);
    const touched: number[] = [];
    const set = (i: number, sim: number) => {
      if (sim <= (dense[i] as number)) return;
      if (dense[i] === 0) touched.push(i);
      dense[i] = sim;
    };
    const t = target.token;
    for (const i of this.byKey.get(`k${t.key}`) ?? []) set(i, 1);
    for (const i of this.byKey.get(`l${t.lemma}`) ?? []) set(i, 1);
    for (const i of this.byKey.get(`k${t.lemma}`) ?? [])
      if (this.answer[i]?.token.lemma === t.lemma) set(i, 1);
    if (t.lower.length <= MAX_WORD) {
      // misspellings keep the first or the last letter; families share the first four
      for (const key of [`f${t.lower[0]}`, `l${t.lower.at(-1)}`])
        for (const i of this.byLetter.get(key) ?? [])
          if ((dense[i] as number) < MISSPELLING) set(i, formSimilarity(target, this.answer[i] as Word));
      if (t.lower.length >= 4)
        for (const i of this.byPrefix.get(t.lower.slice(0, 4)) ?? [])
          if ((dense[i] as number) < SAME_FAMILY) set(i, formSimilarity(target, this.answer[i] as Word));
    }
    if (withVectors && this.vectors && target.vector && this.dimensions > 0) {
      const v = Float32Array.from(target.vector);
      const n = this.dimensions;
      const m = this.matrix;
      const scale = 1 / this.vectors.dotOfUnit;
      for (let i = 0; i < this.answer.length; i++) {
        if (this.hasVector[i] === 0 || (dense[i] as number) >= RELATED_MAX) continue;
        // four running sums: the loop the whole evaluator spends most of its time in
        let d0 = 0;
        let d1 = 0;
        let d2 = 0;
        let d3 = 0;
        const at = i * n;
        let d = 0;
        for (; d + 3 < n; d += 4) {
          d0 += (v[d] as number) * (m[at + d] as number);
          d1 += (v[d + 1] as number) * (m[at + d + 1] as number);
          d2 += (v[d + 2] as number) * (m[at + d + 2] as number);
          d3 += (v[d + 3] as number) * (m[at + d + 3] as number);
        }
        for (; d < n; d++) d0 += (v[d] as number) * (m[at + d] as number);
        const cos = (d0 + d1 + d2 + d3) * scale;
        if (cos > COSINE_FLOOR) set(i, (RELATED_MAX * (cos - COSINE_FLOOR)) / (1 - COSINE_FLOOR));
      }
    }
    return { dense, nonzero: Int32Array.from(touched) };
  }
}

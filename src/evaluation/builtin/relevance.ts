import { isPlatitude } from './markers.ts';
import { clamp01, findNear, isContent, type Sentence, type Token } from './text.ts';
import { type Topic, topicalKeys } from './topic.ts';

/**
 * Relevance: which expected points the answer covers. A point is covered by its keywords or
 * phrases, or by the content words of its own text, matched on whole tokens after stemming.
 * Only real, on-topic sentences count: a bare list of keywords covers nothing, and a keyword
 * repeated any number of times is still one keyword.
 */

export interface PointResult {
  pointId: string;
  /** 0-1: how clearly the point is made */
  strength: number;
  covered: boolean;
  /** index of the sentence that shows it best */
  sentence: number | null;
  matched: string[];
}

export interface RelevanceResult {
  /** 0-1 */
  score: number;
  points: PointResult[];
  /** sentences that talk about the question (share its vocabulary) */
  topical: Set<number>;
  /** share of the answer's content words that belong to the question's wider domain */
  vocabShare: number;
}

/** Point strength by distinct keywords matched: none, one, two, three or more. */
const KEYWORD_STRENGTH = [0, 0.45, 0.75, 1];
/** A point counts as covered from one keyword (or the equivalent share of its own words). */
const COVERED = 0.45;
/** How many expected points one sentence can back. */
const MAX_POINTS_PER_SENTENCE = 2;

/** Characters that separate the items of a list. */
const SEPARATORS = new Set([',', ';', ':', '/', '|']);
const CODE_LIKE = /\w\(|\w_\w/;

function isVerb(t: Token): boolean {
  return t.pos === 'VERB' || t.pos === 'AUX';
}

/** How many of the tokens are in none of the items. */
function outside(tokens: Token[], items: Token[][]): number {
  const inItems = new Set(items.flat());
  return tokens.filter((t) => !inItems.has(t)).length;
}

/** How many keys two sets share (walking the smaller one). */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const k of small) if (large.has(k)) n++;
  return n;
}

/** Whether every key of a phrase is in the sentence: if not, it cannot occur there, near or exact. */
function occursIn(s: Sentence, keys: readonly string[]): boolean {
  for (const k of keys) if (!s.keys.has(k)) return false;
  return true;
}

/**
 * A bare list, not a sentence: mostly items of one to four words with no verb (keywords or
 * tool names strung together), the same words over and over, or a run of keywords with hardly
 * anything else. Lists inside a real sentence ("… for the nasty cases: timeouts, 500s, declines,
 * and a timeout after the charge succeeded") stay sentences.
 */
export function isBareList(s: Sentence, topic: Topic): boolean {
  const content = s.words.filter(isContent);
  // "why why why why why why": the same few words over and over, content or not
  if (s.words.length >= 6 && s.keys.size / s.words.length < 0.3) return true;
  if (content.length < 3) return false;

  // tokens inside a matched keyword phrase
  const inKeyword = new Set<Token>();
  let hits = 0;
  topic.keywordSet.each(s.words, (p, start) => {
    hits++;
    const length = topic.keywordSet.phrases[p]!.length;
    for (let j = 0; j < length; j++) inKeyword.add(s.words[start + j] as Token);
  });

  // bare items only make a list when they hold keywords, or when the sentence has no verb at all
  const hasVerb = s.words.some(isVerb);
  if (hits > 0 || !hasVerb) {
    // items: runs of words between separators (, ; : / | and or)
    const segments: Token[][] = [[]];
    for (const t of s.tokens) {
      if ((t.value.length === 1 && SEPARATORS.has(t.value)) || t.lower === 'and' || t.lower === 'or')
        segments.push([]);
      else if (t.type !== 'punctuation') segments[segments.length - 1]!.push(t);
    }
    const items = segments.filter((g) => g.length > 0);
    const bare = items.filter((g) => g.length <= 4 && !g.some(isVerb));
    const bareKeyword = bare.filter(
      (g) =>
        g.filter((t) => isContent(t) && !inKeyword.has(t)).length <= 1 && g.some((t) => inKeyword.has(t)),
    );
    const bareShare = bareKeyword.length / items.length;
    // the words around the bare items only matter for a borderline share
    if (bareKeyword.length >= 4 && (bareShare >= 0.75 || (bareShare >= 0.6 && outside(content, bare) <= 3)))
      return true;
    if (!hasVerb && bare.length >= 4 && bare.length / items.length >= 0.75) return true;
  }

  // distinct words: "key key key key" is one word said four times (code repeats names more)
  const distinct = s.contentKeys.size;
  const code = CODE_LIKE.test(s.text);
  if (content.length >= 6 && distinct / content.length < (code ? 0.25 : 0.5)) return true;

  const keywordContent = content.filter((t) => inKeyword.has(t)).length;
  return hits >= 5 && keywordContent / content.length >= 0.75;
}

/**
 * Point coverage over the counted sentences (already without steering, lists and repeats).
 * A point's strength comes from its distinct keywords matched (one 0.45, two 0.75, three 1)
 * or from the share of its own words in one on-topic sentence, whichever is higher. One
 * sentence backs at most two points, so a sentence that name-checks everything is not a tour.
 */
export function analyseRelevance(sentences: Sentence[], topic: Topic): RelevanceResult {
  const topical = new Set<number>();
  // a keyword counts in an on-topic sentence; a multi-word keyword, or one in a sentence that
  // at least touches the question's own words (and is no platitude), counts as well
  const grounded = new Set<number>();
  for (const s of sentences) {
    if (topicalKeys(s, topic, 'core') < 1 || isPlatitude(s)) continue;
    grounded.add(s.index);
    // on topic: a word of the question or its points' texts, and a second word of the question's vocabulary
    if (topicalKeys(s, topic) >= 2) topical.add(s.index);
  }
  const multiWord = (kw: string[]) => kw.length > 1;

  // what each sentence says about each point: keywords matched and share of the point's words
  type Support = { keywords: string[]; text: number };
  const support = new Map<number, Map<number, Support>>(); // sentence → point → support
  for (const s of sentences) {
    const bySentence = new Map<number, Support>();
    const isGrounded = grounded.has(s.index);
    const isTopical = topical.has(s.index);
    for (let pi = 0; pi < topic.points.length; pi++) {
      const p = topic.points[pi]!;
      const keywords: string[] = [];
      // a keyword is known by what it matched: "mock" satisfies "mock", "stub" and "fake" once
      for (const variants of p.keywords) {
        const hit = variants.find(
          (kw) => (isGrounded || multiWord(kw)) && occursIn(s, kw) && findNear(s.words, kw) >= 0,
        );
        if (hit && !keywords.includes(hit.join(' '))) keywords.push(hit.join(' '));
      }
      let text = 0;
      if (isTopical && p.textKeys.size > 0) {
        const n = overlap(s.contentKeys, p.textKeys);
        text = n >= 2 ? n / Math.min(p.textKeys.size, 8) : 0;
      }
      if (keywords.length > 0 || text > 0) bySentence.set(pi, { keywords, text });
    }
    // one sentence that name-checks three or more points is a list in disguise: it backs at most two
    if (bySentence.size > MAX_POINTS_PER_SENTENCE) {
      const ranked = [...bySentence.entries()].sort(
        (a, b) => b[1].keywords.length + b[1].text - (a[1].keywords.length + a[1].text) || a[0] - b[0],
      );
      for (const [pi] of ranked.slice(MAX_POINTS_PER_SENTENCE)) bySentence.delete(pi);
    }
    support.set(s.index, bySentence);
  }

  const points: PointResult[] = topic.points.map((p, pi) => {
    const matched = new Set<string>();
    let bestText = 0;
    let sentence: number | null = null;
    let best = -1;
    for (const s of sentences) {
      const sp = support.get(s.index)?.get(pi);
      if (!sp) continue;
      for (const k of sp.keywords) matched.add(k);
      bestText = Math.max(bestText, sp.text);
      const weight = sp.keywords.length + 2 * sp.text;
      if (weight > best) {
        best = weight;
        sentence = s.index;
      }
    }
    const kwPart = KEYWORD_STRENGTH[Math.min(matched.size, 3)] ?? 0;
    const textPart = clamp01(bestText / 0.5);
    const strength = clamp01(Math.max(kwPart, textPart) + 0.2 * Math.min(kwPart, textPart));
    return { pointId: p.id, strength, covered: strength >= COVERED, sentence, matched: [...matched] };
  });

  let content = 0;
  let inVocab = 0;
  for (const s of sentences) {
    for (const t of s.words) {
      if (!isContent(t)) continue;
      content++;
      if (topic.domain.has(t.key)) inVocab++;
    }
  }
  const vocabShare = content === 0 ? 0 : inVocab / content;
  const score =
    points.length > 0
      ? points.reduce((sum, p) => sum + p.strength, 0) / points.length
      : clamp01(vocabShare / 0.35);
  return { score: clamp01(score), points, topical, vocabShare };
}

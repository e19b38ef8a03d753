import type { RedFlag } from '../types.ts';
import { markerHits } from './markers.ts';
import { analyse, isContent, type Sentence, type Token } from './text.ts';

/**
 * Red flags: empty answers, evasion, off-topic prose, contradictions with earlier answers,
 * text that tries to steer the grader, and padding (filler, repetition, keyword lists).
 * Each flag carries a short detail and, where there is one, the verbatim sentence behind it.
 */

/** Patterns of text addressed to the grader rather than the interviewer. */
const STEERING: { pattern: RegExp; detail: string }[] = [
  {
    pattern:
      /\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(instructions?|prompts?|rules?|guidelines?|rubrics?|criteria|context|messages?)\b/i,
    detail: 'asks to ignore the instructions',
  },
  {
    pattern:
      /\b(give|award|assign|grant|mark)\b.{0,40}(\b\d{1,3}\s*(\/|out of)\s*\d{1,3}\b|\b(full|perfect|maximum|max|top|highest|high|good)\s+(marks?|score|rating|grade|points)\b|\ba\s+(5|five|10|ten|100)\b\s*(\/\s*\d+)?\s*([.!,]|$))/i,
    detail: 'asks for a score',
  },
  {
    pattern:
      /\b(score|rate|grade|mark|evaluate|assess)\s+(this|my|the|me|it)\b(\s+(answer|response|reply|candidate))?\s+(as\s+)?(a\s+)?(\d{1,3}|high(ly)?|perfect|full|maximum|top|excellent|strong|five|ten|hundred)\b/i,
    detail: 'asks for a rating',
  },
  {
    pattern:
      /\b(scor\w*|rat(e|ed|ing)|grade\w*|marks?|give|deserve\w*|award\w*|points|answer)\b.{0,40}\b\d{1,3}\s*\/\s*(10|100)\b|\b\d{1,3}\s*\/\s*(10|100)\b.{0,40}\b(score|rating|grade|marks?|points)\b/i,
    detail: 'names a score',
  },
  {
    pattern:
      /\b(a|an)\s+(5|five|10|ten|100)\s+(on|for|in)\s+(every|each|all|this|the)\s+(criteri|question|answer|categor|dimension)/i,
    detail: 'asks for a score',
  },
  {
    pattern: /\b(full|perfect|maximum|max|top|highest)\s+(marks|score|rating|grade)\b/i,
    detail: 'asks for top marks',
  },
  {
    pattern:
      /\bas\s+(the|an|a)\s+(evaluator|grader|assessor|scorer|ai|a\.i\.|language model|llm|assistant|reviewer|scoring (model|system|engine))\b/i,
    detail: 'addresses the evaluator',
  },
  {
    pattern:
      /\b(dear|hey|hi|hello|attention|note to( the)?|message to( the)?|to the)\s+(evaluator|grader|assessor|scorer|ai|model|llm|system|reviewer|chatgpt|gpt|assistant)\b/i,
    detail: 'addresses the evaluator',
  },
  {
    pattern:
      /\b(evaluator|grader|assessor|scorer|ai|model|llm|assistant|system)\s*(,|:)?\s*(you|please)\s+(must|should|will|need to|have to|are (required|instructed) to)\b/i,
    detail: 'instructs the evaluator',
  },
  {
    pattern:
      /\byou\s+(must|should|will|are required to|have to|need to)\s+(give|score|rate|grade|award|mark|assign|pass|accept|approve)\b/i,
    detail: 'instructs the evaluator',
  },
  { pattern: /(^|\n)\s*(system|assistant|developer|user)\s*:/i, detail: 'injects a chat role' },
  {
    pattern: /<\/?\s*(system|assistant|instructions?|im_start|im_end)\b|\[\/?(inst|system)\]/i,
    detail: 'injects a chat role',
  },
  {
    pattern:
      /\b(new|updated|real|hidden|secret)\s+instructions?\b|\byou are now\b|\bpretend (that )?(you are|to be)\b|\bdeveloper mode\b|\bjailbreak\b/i,
    detail: 'attempts to redefine the evaluator',
  },
];

/**
 * Any of the patterns (one alternation matches exactly when one of its alternatives does): one
 * scan rules out nearly every sentence, instead of one per pattern. The list still says which
 * matched. Only for case-insensitive patterns without other flags, which the union shares.
 */
function anyOf(patterns: RegExp[]): RegExp {
  if (patterns.some((p) => p.flags !== 'i')) throw new Error('anyOf: patterns must have exactly the i flag');
  return new RegExp(patterns.map((p) => `(?:${p.source})`).join('|'), 'i');
}
const ANY_STEERING = anyOf(STEERING.map((p) => p.pattern));

export interface SteeringHit {
  sentence: number;
  detail: string;
  quote: string;
}

/** Sentences that address the grader instead of answering the question (each with its reason). */
export function findSteering(sentences: Sentence[]): SteeringHit[] {
  const hits: SteeringHit[] = [];
  for (const s of sentences) {
    if (!ANY_STEERING.test(s.text)) continue;
    const found = STEERING.find((p) => p.pattern.test(s.text));
    if (found) hits.push({ sentence: s.index, detail: found.detail, quote: s.text });
  }
  return hits;
}

const EVASION = [
  /\bi\s+(do\s+not|don'?t|dont)\s+(really\s+)?know\b/i,
  /\bno\s+idea\b/i,
  /\bnot\s+(really\s+)?sure\b/i,
  /\b(can'?t|cannot|don'?t)\s+(really\s+)?(remember|recall|think of)\b/i,
  /\b(prefer|rather)\s+not\b/i,
  /\bno\s+comment\b/i,
  /\b(pass|skip)(\s+on)?\s+(this|that)(\s+one)?\b/i,
  /^\s*(it|that)\s+depends\b/i,
  /\bnever\s+(had|been in|dealt with|done)\s+(that|this|one|such)\b/i,
  /\bnothing\s+comes\s+to\s+mind\b/i,
];

const ANY_EVASION = anyOf(EVASION);

/** Evasive phrases ("I don't know", "prefer not to say", "it depends") found in the answer. */
export function evasionQuotes(sentences: Sentence[]): string[] {
  return sentences.filter((s) => ANY_EVASION.test(s.text)).map((s) => s.text);
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
};
const YEARS =
  /\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\+?\s+years?(?:['’]s?)?\s+(?:of\s+)?(?:professional\s+|industry\s+|hands-on\s+|relevant\s+|work\s+)?experience\b/i;
const YEARS_BEEN =
  /\bi(?:'ve| have)\s+(?:been|worked|done|led|managed)\b.{0,60}?\b(?:for|over|nearly|almost|about)\s+(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s+years\b/i;

/** What the contradiction checks need from an earlier answer. */
interface Earlier {
  years: { years: number; quote: string } | null;
  /** clauses with at least three claim words (fewer never clash), plain and negated, in order */
  plain: Clause[];
  negated: Clause[];
}

const HISTORY_CACHE_SIZE = 256;
const historyCache = new Map<string, Earlier>();

/** Earlier answers are re-read on every later question of an interview: keep a few hundred. */
function readEarlier(text: string): Earlier {
  let e = historyCache.get(text);
  if (!e) {
    const sentences = analyse(text).sentences;
    const all = sentences.flatMap(clauses).filter((c) => c.keys.size >= 3);
    e = {
      years: yearsClaim(sentences),
      plain: all.filter((c) => !c.negated),
      negated: all.filter((c) => c.negated),
    };
    if (historyCache.size >= HISTORY_CACHE_SIZE)
      historyCache.delete(historyCache.keys().next().value as string);
    historyCache.set(text, e);
  }
  return e;
}

function yearsClaim(sentences: Sentence[]): { years: number; quote: string } | null {
  for (const s of sentences) {
    const m = YEARS.exec(s.text) ?? YEARS_BEEN.exec(s.text);
    if (m?.[1]) {
      const raw = m[1].toLowerCase();
      const years = NUMBER_WORDS[raw] ?? Number(raw);
      if (Number.isFinite(years)) return { years, quote: s.text };
    }
  }
  return null;
}

interface Clause {
  keys: Set<string>;
  negated: boolean;
  sentence: Sentence;
}

const CLAUSE_BREAK = new Set([',', ';', ':', 'and', 'but', 'so', 'because', 'although', 'while', 'which']);
const NEGATION = new Set(['not', "n't", 'never', 'no', 'nobody', 'nothing']);
const CLAIM_POS = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ', 'NUM']);
const LIGHT_VERBS = new Set([
  'be',
  'have',
  'do',
  'say',
  'get',
  'go',
  'make',
  'let',
  'would',
  'will',
  'can',
  'could',
]);

/** Words that carry a claim: nouns, verbs, adjectives and numbers, not light verbs. */
function isClaimWord(t: Token): boolean {
  return CLAIM_POS.has(t.pos) && !LIGHT_VERBS.has(t.lemma) && t.key.length > 1;
}

/** A sentence's clauses (split at commas and conjunctions), each with its claim words and polarity. */
function clauses(s: Sentence): Clause[] {
  const out: Clause[] = [];
  let keys = new Set<string>();
  let negated = false;
  for (const t of s.tokens) {
    const brk = CLAUSE_BREAK.has(t.lower);
    if (!brk && t.type !== 'punctuation') {
      if (isClaimWord(t)) keys.add(t.key);
      if (NEGATION.has(t.lower) || t.lemma === 'not') negated = true;
    }
    if (brk) {
      if (keys.size >= 2) out.push({ keys, negated, sentence: s });
      keys = new Set<string>();
      negated = false;
    }
  }
  if (keys.size >= 2) out.push({ keys, negated, sentence: s });
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let both = 0;
  for (const k of a) if (b.has(k)) both++;
  const union = a.size + b.size - both;
  return union === 0 ? 0 : both / union;
}

/**
 * Contradictions with earlier answers: a conflicting number of years of experience, or the
 * same claim made once plainly and once negated.
 */
export function findContradictions(
  sentences: Sentence[],
  history: { questionId: string; answer: string }[],
): RedFlag[] {
  const flags: RedFlag[] = [];
  const now = yearsClaim(sentences);
  let current: Clause[] | undefined;
  for (const h of history) {
    const earlier = readEarlier(h.answer);
    if (now) {
      const before = earlier.years;
      if (before && before.years !== now.years) {
        flags.push({
          kind: 'contradiction',
          detail: `claims ${now.years} years of experience; earlier (${h.questionId}) claimed ${before.years}: "${before.quote}"`,
          evidence: now.quote,
        });
        continue;
      }
    }
    // the same claim (most of its words shared) once plain and once negated
    current ??= sentences.flatMap(clauses).filter((c) => c.keys.size >= 3);
    const clash = firstClash(current, earlier);
    if (clash) {
      flags.push({
        kind: 'contradiction',
        detail: `negates an earlier statement (${h.questionId}): "${clash.p.sentence.text}"`,
        evidence: clash.c.sentence.text,
      });
    }
  }
  return flags;
}

/**
 * The first pair (current clause, then earlier clause, in answer order) making the same claim
 * with opposite polarity. Both have at least three claim words.
 */
function firstClash(now: Clause[], earlier: Earlier): { c: Clause; p: Clause } | null {
  for (const c of now) {
    for (const p of c.negated ? earlier.plain : earlier.negated) {
      // the overlap can be no larger than the smaller clause: too unequal in size never clashes
      const [small, large] = c.keys.size <= p.keys.size ? [c.keys, p.keys] : [p.keys, c.keys];
      if (small.size / large.size >= 0.6 && jaccard(c.keys, p.keys) >= 0.6) return { c, p };
    }
  }
  return null;
}

export interface PaddingStats {
  words: number;
  repeatedSentences: number;
  bareLists: number;
  /** words in sentences that neither touch the topic nor carry a specific, and their share */
  offTopicWords: number;
  offTopicShare: number;
  lexicalDensity: number;
  fillerPhrases: number;
  /** the most frequent content word's share of all content words */
  topWordShare: number;
}

/** Padding statistics over all sentences of the answer (repeats and lists included). */
export function paddingStats(
  sentences: Sentence[],
  repeated: number,
  bareLists: number,
  substantive: Set<number>,
): PaddingStats {
  let words = 0;
  let content = 0;
  let offTopicWords = 0;
  let filler = 0;
  const freq = new Map<string, number>();
  for (const s of sentences) {
    const n = s.words.filter((t) => t.type === 'word' || t.type === 'number').length;
    words += n;
    if (!substantive.has(s.index)) offTopicWords += n;
    filler += markerHits(s, 'filler').length;
    for (const t of s.words) {
      if (!isContent(t)) continue;
      content++;
      freq.set(t.key, (freq.get(t.key) ?? 0) + 1);
    }
  }
  const top = Math.max(0, ...freq.values());
  return {
    words,
    repeatedSentences: repeated,
    bareLists,
    offTopicWords,
    offTopicShare: words === 0 ? 0 : offTopicWords / words,
    lexicalDensity: words === 0 ? 0 : content / words,
    fillerPhrases: filler,
    topWordShare: content === 0 ? 0 : top / content,
  };
}

/** Why the answer counts as padded, or null when it does not. */
export function paddingReason(p: PaddingStats): string | null {
  if (p.bareLists > 0) return `${p.bareLists} bare keyword list(s) instead of sentences`;
  if (p.repeatedSentences >= 2 || (p.repeatedSentences >= 1 && p.words < 80))
    return `${p.repeatedSentences} repeated sentence(s)`;
  if (p.offTopicWords >= 100 && p.offTopicShare >= 0.4)
    return `${Math.round(p.offTopicShare * 100)}% of the words are generic filler unrelated to the question`;
  if (p.words >= 40 && p.lexicalDensity < 0.18)
    return `low lexical density (${Math.round(p.lexicalDensity * 100)}% content words)`;
  if (p.fillerPhrases >= 4 || (p.words >= 40 && p.fillerPhrases / p.words >= 0.04))
    return `${p.fillerPhrases} filler phrases`;
  if (p.words >= 60 && p.topWordShare >= 0.25) return 'one word repeated throughout';
  return null;
}

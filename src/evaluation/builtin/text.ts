import model from 'wink-eng-lite-web-model';
import winkNLP, { type ItsFunction, type WinkMethods } from 'wink-nlp';
import { type Entity, findEntities } from './entities.ts';

/**
 * Text analysis for the built-in evaluator: one wink-nlp instance (the English lite model loads
 * once per process), sentences with verbatim character offsets, tokens with lemma, stem, part of
 * speech and negation, number-like entities, and a matching key per token that folds spelling
 * variants and inflections together so "idempotent", "idempotency" and "Idempotency-Key" meet.
 */

export interface Token {
  /** the token as written */
  value: string;
  lower: string;
  lemma: string;
  /** what phrase matching compares: variant-folded, then stemmed */
  key: string;
  pos: string;
  /** wink token type: word, number, punctuation, symbol, currency, email, url, … */
  type: string;
  negated: boolean;
  stop: boolean;
  /** starts with a capital letter and is not the first word of its sentence */
  capitalised: boolean;
  /** where it starts in the text */
  at: number;
}

export interface Sentence {
  index: number;
  /** verbatim slice of the original answer */
  text: string;
  tokens: Token[];
  /** word/number tokens only (punctuation dropped): the sequence phrases are matched against */
  words: Token[];
  /** matching keys of content words (no stop words, no punctuation) */
  contentKeys: Set<string>;
  /** matching keys of all its words: a phrase can only occur if every key of it is in here */
  keys: Set<string>;
  entities: Entity[];
}

export interface Analysis {
  text: string;
  sentences: Sentence[];
  /** every word token of the text */
  words: Token[];
}

let engine: WinkMethods | undefined;

/** The shared wink-nlp instance, created on first use (loading the model takes ~50 ms once). */
export function nlp(): WinkMethods {
  engine ??= winkNLP(model, ['sbd', 'negation', 'pos']);
  return engine;
}

/**
 * Spelling and naming variants folded to one form before stemming: British/American spelling,
 * common abbreviations of tools and concepts. Values may be several words.
 */
const VARIANTS: Record<string, string> = {
  e2e: 'end to end',
  postgresql: 'postgres',
  psql: 'postgres',
  pg: 'postgres',
  k8s: 'kubernetes',
  js: 'javascript',
  ts: 'typescript',
  db: 'database',
  dbs: 'database',
  a11y: 'accessibility',
  i18n: 'internationalization',
  ci: 'continuous integration',
  prioritise: 'prioritize',
  prioritised: 'prioritized',
  prioritising: 'prioritizing',
  prioritisation: 'prioritization',
  optimise: 'optimize',
  optimised: 'optimized',
  optimisation: 'optimization',
  behaviour: 'behavior',
  behaviours: 'behaviors',
  analyse: 'analyze',
  analysed: 'analyzed',
  analysing: 'analyzing',
  colour: 'color',
  favour: 'favor',
  organisation: 'organization',
  organise: 'organize',
  characterisation: 'characterization',
  utilisation: 'utilization',
  normalise: 'normalize',
  visualise: 'visualize',
  visualisation: 'visualization',
  minimise: 'minimize',
  maximise: 'maximize',
  standardise: 'standardize',
  centre: 'center',
  licence: 'license',
  programme: 'program',
  catalogue: 'catalog',
  judgement: 'judgment',
  cancelled: 'canceled',
  cancelling: 'canceling',
  modelling: 'modeling',
  labelled: 'labeled',
  signalled: 'signaled',
  okr: 'objective key result',
  okrs: 'objective key result',
  kpi: 'key performance indicator',
  kpis: 'key performance indicator',
  qbr: 'quarterly business review',
  qbrs: 'quarterly business review',
  nps: 'net promoter score',
  arr: 'annual recurring revenue',
  mrr: 'monthly recurring revenue',
  sla: 'service level agreement',
  slas: 'service level agreement',
  slo: 'service level objective',
  slos: 'service level objective',
};

const stemCache = new Map<string, string[]>();

/** Matching keys of a free-standing word or short phrase (cached; uses the same stemmer). */
function keysOfWords(words: string): string[] {
  let keys = stemCache.get(words);
  if (!keys) {
    const doc = nlp().readDoc(words);
    keys = (doc.tokens().out(nlp().its.stem as unknown as ItsFunction<string>) as string[]).map((s) =>
      s.toLowerCase(),
    );
    stemCache.set(words, keys);
  }
  return keys;
}

/**
 * The model's Porter stemmer, called directly: wink's its.stem is exactly this function of the
 * token's value, and it depends on the lower-cased word alone.
 */
const porterStem = (model.addons as { stem: (word: string) => string }).stem;

const EDGE_PUNCTUATION = /^[^a-z0-9]+|[^a-z0-9]+$/g;
const PLURAL_ACRONYM = /^[A-Z][A-Z0-9]+s$/;
const CAPITAL = /^[A-Z]/;

/**
 * How a lower-cased token is matched, memoised: a few thousand words make up nearly every
 * answer, and stemming and variant lookup were a third of reading one. A string is the stem;
 * an array holds the keys of the token's spelling variant, which may be several words.
 */
const MATCH_MEMO_SIZE = 50_000;
const matchMemo = new Map<string, string | readonly string[]>();

function matchKeys(lower: string): string | readonly string[] {
  let keys = matchMemo.get(lower);
  if (keys === undefined) {
    const word = lower.replace(EDGE_PUNCTUATION, '');
    // Own keys only: "constructor" or "__proto__" in an answer must not reach Object.prototype.
    const variant = Object.hasOwn(VARIANTS, word) ? VARIANTS[word] : undefined;
    keys = variant ? keysOfWords(variant) : porterStem(lower).toLowerCase();
    if (matchMemo.size >= MATCH_MEMO_SIZE) matchMemo.clear();
    matchMemo.set(lower, keys);
  }
  return keys;
}

/** A token; a plain function rather than a spread of a shared base, which cost more than the rest. */
function token(
  value: string,
  lower: string,
  lemma: string,
  key: string,
  pos: string,
  type: string,
  negated: boolean,
  stop: boolean,
  capitalised: boolean,
  at: number,
): Token {
  return { value, lower, lemma, key, pos, type, negated, stop, capitalised, at };
}

/** A run of this many characters without a space is no word of any language. */
const OVERLONG = /\S{48,}/g;
const OVERLONG_WORD = 'overlongword';

/**
 * The text wink-nlp reads: every overlong run of non-space characters replaced by a placeholder
 * word padded with spaces to the same length, so character offsets still point into the original.
 * wink's tokenizer and the stemmer cost more than linear time in a token's length: one
 * 20,000-character word took seconds; after this, every answer costs time linear in its length.
 */
function readable(text: string): string {
  return text.replace(OVERLONG, (run) => OVERLONG_WORD.padEnd(run.length, ' '));
}

/** Split the text into sentences and tokens with everything the other modules need. */
export function analyse(text: string): Analysis {
  const its = nlp().its;
  // wink's typings declare lemma with an addons parameter the out() signature lacks
  const lemmaOf = its.lemma as unknown as ItsFunction<string>;
  const source = readable(text);
  const doc = nlp().readDoc(source);
  const tokens = doc.tokens();
  const values = tokens.out(its.value) as string[];
  const lemmas = tokens.out(lemmaOf) as string[];
  const pos = tokens.out(its.pos) as string[];
  const types = tokens.out(its.type) as string[];
  const negs = tokens.out(its.negationFlag) as unknown as boolean[];
  const stops = tokens.out(its.stopWordFlag) as unknown as boolean[];

  // character offsets, so quotes are verbatim slices of the answer
  const starts: number[] = [];
  let cursor = 0;
  for (const v of values) {
    const at = source.indexOf(v, cursor);
    starts.push(at >= 0 ? at : cursor);
    cursor = at >= 0 ? at + v.length : cursor;
  }

  const sentenceSpans = doc.sentences().out(its.span) as unknown as number[][];
  // entities are found in one pass over the whole text, then handed to sentences in order
  const entities = findEntities(source);
  let nextEntity = 0;

  const sentences: Sentence[] = [];
  const words: Token[] = [];
  sentenceSpans.forEach(([from = 0, to = 0], index) => {
    const toks: Token[] = [];
    // true while the sentence has had nothing but punctuation and symbols: its first word is next
    let leading = true;
    for (let i = from; i <= to; i++) {
      const value = values[i] ?? '';
      const lower = value.toLowerCase();
      const keys = matchKeys(lower);
      const type = types[i] ?? 'word';
      const lemma = (lemmas[i] ?? lower).toLowerCase();
      const tag = pos[i] ?? 'X';
      const negated = Boolean(negs[i]);
      const stop = Boolean(stops[i]);
      const capitalised = !leading && CAPITAL.test(value);
      const at = starts[i] ?? 0;
      if (typeof keys !== 'string') {
        // a variant may expand to several words: one token each, same surface value
        for (const key of keys)
          toks.push(token(value, lower, lemma, key, tag, type, negated, false, capitalised, at));
      } else if (PLURAL_ACRONYM.test(value)) {
        // plural acronyms ("CSMs", "APIs"): the stemmer leaves them alone
        toks.push(token(value, lower, lemma, lower.slice(0, -1), tag, type, negated, stop, capitalised, at));
      } else {
        toks.push(token(value, lower, lemma, keys, tag, type, negated, stop, capitalised, at));
      }
      if (type !== 'punctuation' && type !== 'symbol') leading = false;
    }
    const sentenceWords = toks.filter(isWordLike);
    const first = toks[0];
    const lastIndex = to;
    const startChar = first ? (starts[from] ?? 0) : 0;
    const endChar = (starts[lastIndex] ?? 0) + (values[lastIndex]?.length ?? 0);
    const takeEntities = () => {
      const own: Entity[] = [];
      while (nextEntity < entities.length && (entities[nextEntity] as Entity).at < endChar) {
        const e = entities[nextEntity++] as Entity;
        if (e.at >= startChar) own.push(e);
      }
      return own;
    };
    sentences.push({
      index,
      text: text.slice(startChar, endChar).trim(),
      tokens: toks,
      words: sentenceWords,
      ...keysOf(sentenceWords),
      entities: takeEntities(),
    });
    for (const t of sentenceWords) words.push(t);
  });
  return { text, sentences, words };
}

function keysOf(words: Token[]): Pick<Sentence, 'keys' | 'contentKeys'> {
  const keys = new Set<string>();
  const contentKeys = new Set<string>();
  for (const t of words) {
    keys.add(t.key);
    if (isContent(t)) contentKeys.add(t.key);
  }
  return { keys, contentKeys };
}

/**
 * The sentence without the given tokens (a keyword list in it, for one), with the dates and
 * quantities they were part of: what the rest of the sentence says on its own. The same
 * sentence when none of them is in it.
 */
export function withoutTokens(s: Sentence, drop: ReadonlySet<Token>): Sentence {
  const dropped = s.tokens.filter((t) => drop.has(t));
  if (dropped.length === 0) return s;
  const tokens = s.tokens.filter((t) => !drop.has(t));
  const words = s.words.filter((t) => !drop.has(t));
  const inside = (e: Entity) => dropped.some((t) => t.at >= e.at && t.at < e.at + e.value.length);
  return { ...s, tokens, words, ...keysOf(words), entities: s.entities.filter((e) => !inside(e)) };
}

/** Words and numbers (and symbols like "%", "+1") count for matching; punctuation does not. */
export function isWordLike(t: Token): boolean {
  return t.type !== 'punctuation' && t.value.trim() !== '';
}

/** A content word: not a stop word, not a bare symbol, at least two characters or a digit. */
export function isContent(t: Token): boolean {
  return !t.stop && (t.type === 'word' || t.type === 'number') && (t.key.length > 1 || /\d/.test(t.key));
}

const phraseCache = new Map<string, string[]>();

/** The matching keys of a keyword or phrase, tokenised exactly like answers are. */
export function phraseKeys(phrase: string): string[] {
  let keys = phraseCache.get(phrase);
  if (!keys) {
    keys = analyse(phrase).words.map((t) => t.key);
    phraseCache.set(phrase, keys);
  }
  return keys;
}

/**
 * Where a phrase occurs in a word sequence, on whole tokens (never inside another word);
 * -1 when absent.
 */
export function findPhrase(words: readonly { key: string }[], keys: string[]): number {
  if (keys.length === 0) return -1;
  outer: for (let i = 0; i + keys.length <= words.length; i++) {
    for (let j = 0; j < keys.length; j++) if (words[i + j]?.key !== keys[j]) continue outer;
    return i;
  }
  return -1;
}

/** Phrases given as plain text, converted once to matching keys. */
export function phraseList(phrases: readonly string[]): string[][] {
  // two spellings of one word ("success", "successful") share their keys: keep the phrase once,
  // so it counts once in a sentence
  const seen = new Set<string>();
  return phrases
    .map((p) => phraseKeys(p))
    .filter((k) => {
      const id = k.join(' ');
      if (k.length === 0 || seen.has(id)) return false;
      seen.add(id);
      return true;
    });
}

/** Round to a fixed number of decimals, so floating-point noise never reaches the output. */
export function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Clamp to [0, 1]. */
export function clamp01(n: number): number {
  return Math.min(1, Math.max(0, n));
}

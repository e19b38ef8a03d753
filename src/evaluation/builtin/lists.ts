import { analyse, isContent, type Sentence, type Token } from './text.ts';

/**
 * Keyword lists told from sentences by their syntax, never by which words they hold: a string of
 * terms strung together earns nothing whatever terms it strings, so pasting a bank's keywords
 * (or its expected points as bullet items) after a weak answer adds nothing. A question whose own
 * reference answer is a list ("name the phases") is answered by a list: the caller checks that.
 */

/** Tokens that separate the items of a list. */
const SEPARATORS = new Set([',', ';', '/', '|', '·', '•', '-', '–', '—', '*', '+', '>', '\n']);
const CONJUNCTIONS = new Set(['and', 'or', '&']);
/**
 * A word that makes a clause of a run of words: an auxiliary, or a verb that is not a gerund
 * (the tagger calls "caching" and "sharding" verbs even as the items of a list).
 */
function isClauseVerb(t: Token): boolean {
  return t.pos === 'AUX' || (t.pos === 'VERB' && !t.lower.endsWith('ing'));
}
/** Function words: natural prose never runs this many content words without one. */
const FUNCTION_POS = new Set(['DET', 'ADP', 'AUX', 'PRON', 'CCONJ', 'SCONJ', 'PART']);
/** Content words in a row, with no function word or punctuation between, that make a stuffed string. */
const RUN = 6;

function isSeparator(t: Token): boolean {
  return (t.value.length <= 2 && SEPARATORS.has(t.value.trim() || '\n')) || CONJUNCTIONS.has(t.lower);
}

/** The sentence's items: runs of word tokens between separators. */
function items(s: Sentence): Token[][] {
  const out: Token[][] = [[]];
  for (const t of s.tokens) {
    if (isSeparator(t)) out.push([]);
    else if (t.type !== 'punctuation' && t.type !== 'symbol') out[out.length - 1]?.push(t);
  }
  return out.filter((g) => g.length > 0);
}

/** Words from which a run of terms without pronouns or auxiliaries is a list … */
const TELEGRAPHIC_WORDS = 10;
/** … when this share of them are content words (technical prose has about 60 %). */
const TELEGRAPHIC_SHARE = 0.85;
/** An auxiliary that makes a clause ("can", "are", "would"), not an infinitive ("to be done"). */
function isFiniteAuxiliary(t: Token): boolean {
  return t.pos === 'AUX' && t.lower !== 'be' && t.lower !== 'been' && t.lower !== 'being';
}

/** Words from which a sentence with at most one comma per this many words … */
const RUN_ON_WORDS = 15;
/** … and fewer articles and pronouns than this share of its words … */
const RUN_ON_ARTICLES = 0.05;
/** … (one auxiliary at most when two thirds are content words: "… pre-condition loop may never run …") … */
const RUN_ON_TERMS = 0.65;
/** … or this share of content words is a run of terms (prose of that length has about 50 %). */
const RUN_ON_SHARE = 0.8;
/** Words that only a clause has: pronouns, auxiliaries, subordinators. */
const CLAUSE_POS = new Set(['PRON', 'AUX', 'SCONJ']);

/**
 * Bare items from which a list with a short clause around it ("I would use a, b, c, …") is a
 * list: an enumeration in a real sentence names three to eight things.
 */
const ITEMS_IN_CLAUSE = 10;
/** The most words outside the bare items such a clause may have. */
const CLAUSE_WORDS = 20;

/**
 * A bare list rather than a sentence: mostly items of one to three words with no verb. Four such
 * items make a list when no verb makes a clause of the sentence ("caching, sharding, replication,
 * indexing"); ten when a short clause introduces them ("I would definitely use a, b, c, …").
 * Six or more content words with no function word at all are a list too ("caching sharding
 * replication indexing latency throughput"). "Coding, refining and maintenance are influenced by
 * testing" and "We evaluated Redis, Memcached and Aerospike" stay sentences.
 */
export function isList(s: Sentence): boolean {
  const list = items(s);
  // one or two words are an item whatever the tagger says ("lock", "stored response"); three
  // words are one unless a verb makes them a clause; a pronoun ("interests me") never is
  const bare = list.filter(
    (g) => !g.some((t) => t.pos === 'PRON') && (g.length <= 2 || (g.length === 3 && !g.some(isClauseVerb))),
  );
  const share = bare.length / Math.max(1, list.length);
  if (share >= 0.75 && !s.words.some(isClauseVerb) && bare.length >= 4) return true;
  // a long enumeration after a short clause: "I would definitely use a, b, c, …"
  const bareSet = new Set(bare);
  const outside = list.filter((g) => !bareSet.has(g)).reduce((n, g) => n + g.length, 0);
  if (bare.length >= ITEMS_IN_CLAUSE && share >= 0.6 && outside <= CLAUSE_WORDS) return true;
  const words = s.words.filter((t) => t.type === 'word');
  const articles = words.filter((t) => t.pos === 'DET' || t.pos === 'PRON').length;
  // a list of short phrases ("at least once, condition checked after the body, zero iterations,
  // …"): five items or more of at most five words, under one in ten a clause, hardly an article
  const phrases = list.filter((g) => g.length <= 5);
  const clauses = list.filter((g) => g.some((t) => t.pos === 'PRON' || isFiniteAuxiliary(t)));
  if (
    list.length >= 5 &&
    phrases.length >= 0.8 * list.length &&
    clauses.length < 0.1 * list.length &&
    articles / Math.max(1, words.length) < RUN_ON_ARTICLES
  )
    return true;
  const content = words.filter(isContent).length;
  if (content >= 6 && !words.some((t) => isClauseVerb(t) || FUNCTION_POS.has(t.pos))) return true;
  // a string of terms with a few small words inside them ("select for update row lock retry with
  // backoff idempotency key"): nearly all content words, and no pronoun, auxiliary or subordinator
  if (
    words.length >= TELEGRAPHIC_WORDS &&
    content / words.length >= TELEGRAPHIC_SHARE &&
    !words.some((t) => CLAUSE_POS.has(t.pos))
  )
    return true;
  // a run of terms too long for a sentence with so few commas: fifteen words or more and hardly
  // an article or pronoun (prose has one word in five of them) and no finite auxiliary, or mostly
  // content words
  const letters = words.filter((t) => t.value.length === 1 && t.lower !== 'a' && t.lower !== 'i').length;
  const inner = s.tokens.slice(0, -1).filter((t) => t.type === 'punctuation' && t.value !== '-');
  const auxiliaries = words.filter(isFiniteAuxiliary).length;
  const few = articles / words.length < RUN_ON_ARTICLES;
  return (
    words.length >= RUN_ON_WORDS &&
    inner.length <= words.length / RUN_ON_WORDS &&
    ((few && auxiliaries === 0) ||
      (few && auxiliaries <= 1 && content / words.length >= RUN_ON_TERMS) ||
      (content + letters) / words.length >= RUN_ON_SHARE)
  );
}

/** Distinct items, or content words, from which a bare list names everything and explains nothing. */
const DUMP_ITEMS = ITEMS_IN_CLAUSE;
const DUMP_WORDS = 2 * ITEMS_IN_CLAUSE;

/**
 * A keyword dump: bare lists naming ten items or more, or twenty content words, between them
 * ("caching, sharding, replication, …" on and on). A short list may well answer a question ("Name,
 * parameters and return type"); a list that long names every term it can think of instead.
 */
export function isDump(lists: readonly Sentence[]): boolean {
  // distinct items and words, of letters: numbering ("1- design 2- coding") and code that
  // repeats its few names are neither
  const named = new Set<string>();
  const words = new Set<string>();
  for (const s of lists) {
    for (const item of items(s))
      if (item.some((t) => t.type === 'word')) named.add(item.map((t) => t.key).join(' '));
    for (const t of s.words) if (t.type === 'word' && isContent(t)) words.add(t.key);
  }
  return named.size >= DUMP_ITEMS || words.size >= DUMP_WORDS;
}

/**
 * Keyword strings stuffed inside a sentence: runs of six or more content words with no function
 * word, verb or punctuation between them ("I like my team caching sharding replication indexing
 * latency"). Their tokens earn nothing. Compound nouns run to five ("database connection pool size limit").
 */
export function stuffedRuns(s: Sentence): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  const close = () => {
    if (run.length >= RUN) runs.push(run);
    run = [];
  };
  for (const t of s.tokens) {
    if (t.type === 'word' && isContent(t) && !FUNCTION_POS.has(t.pos) && !isClauseVerb(t)) run.push(t);
    else close();
  }
  close();
  return runs;
}

/**
 * A reference answer that is one enumeration ("There are four ways: a, b, c and d"): the question
 * asks for a list, and a list answers it.
 */
export function isEnumeration(text: string): boolean {
  const sentences = analyse(text).sentences;
  return sentences.length === 1 && items(sentences[0] as Sentence).length >= 4;
}

/** A bullet: a line that starts with "-", "*", "•" or a number and a dot or parenthesis. */
const BULLET = /^(?:[-*•–]|\d{1,2}[.)])$/;
/** Bullet lines from which they are a list, and the most words such a line may have. */
const BULLETS = 3;
const BULLET_WORDS = 6;

/**
 * Bullet lines of short terms inside a sentence (wink-nlp does not end a sentence at a line
 * break, so "… a style preference.\n- caching\n- sharding\n- replication" reads as one): three
 * or more lines that start with a bullet and hold at most six words. Their tokens earn nothing.
 */
export function bulletItems(s: Sentence): Token[][] {
  const lines: Token[][] = [[]];
  for (const t of s.tokens) {
    if (t.type === 'tabCRLF' || t.value.includes('\n')) lines.push([]);
    else lines[lines.length - 1]?.push(t);
  }
  const bullets = lines.filter((line) => {
    const first = line[0];
    const words = line.filter((t) => t.type === 'word' || t.type === 'number').length;
    return first !== undefined && BULLET.test(first.value) && words > 0 && words <= BULLET_WORDS;
  });
  return bullets.length >= BULLETS ? bullets : [];
}

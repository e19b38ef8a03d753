import { isContent, type Sentence, type Token } from './text.ts';

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

/** Bare items from which a list with a short clause around it ("I would use a, b, c, …") is a list. */
const ITEMS_IN_CLAUSE = 6;
/** The most words outside the bare items such a clause may have. */
const CLAUSE_WORDS = 8;

/**
 * A bare list rather than a sentence: mostly items of one to three words with no verb. Four such
 * items make a list when no verb makes a clause of the sentence ("caching, sharding, replication,
 * indexing"); six when a short clause introduces them ("I would definitely use a, b, c, d, e, f").
 * Six or more content words with no function word at all are a list too ("caching sharding
 * replication indexing latency throughput"). "Coding, refining and maintenance are influenced by
 * testing" and "We evaluated Redis, Memcached and Aerospike" stay sentences.
 */
export function isList(s: Sentence): boolean {
  const list = items(s);
  const bare = list.filter((g) => g.length <= 3 && !g.some(isClauseVerb));
  const outside = list.filter((g) => !bare.includes(g)).reduce((n, g) => n + g.length, 0);
  if (bare.length / Math.max(1, list.length) >= 0.75) {
    if (!s.words.some(isClauseVerb) && bare.length >= 4) return true;
    if (bare.length >= ITEMS_IN_CLAUSE && outside <= CLAUSE_WORDS) return true;
  }
  const words = s.words.filter((t) => t.type === 'word');
  return (
    words.filter(isContent).length >= 6 && !words.some((t) => isClauseVerb(t) || FUNCTION_POS.has(t.pos))
  );
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

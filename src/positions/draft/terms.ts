import { analyse, isContent, type Token } from '../../evaluation/index.ts';

/**
 * The words a job description and a question bank are matched on, from the built-in evaluator's
 * text analysis: a token's matching key (variant-folded and stemmed: "PostgreSQL" and "Postgres",
 * "designing" and "design" meet), unified through its lemma where the stem alone misses it
 * ("built" and "build"). A phrase is a term of its own, its keys in order.
 */

export type Term = string;

/**
 * Words of job advertisements that say nothing about the work itself, by lemma. Generic words
 * of the work ("team", "work") are left to the rarity weighting instead.
 */
const JOB_AD_WORDS = new Set([
  'ability',
  'able',
  'apply',
  'benefit',
  'bonus',
  'candidate',
  'company',
  'degree',
  'excellent',
  'experience',
  'experienced',
  'familiar',
  'familiarity',
  'ideal',
  'join',
  'knowledge',
  'look',
  'looking',
  'opportunity',
  'plus',
  'preferred',
  'proficiency',
  'proficient',
  'qualification',
  'require',
  'required',
  'requirement',
  'responsibility',
  'role',
  'salary',
  'skill',
  'strong',
  'year',
]);

/** A content word that says something about the work (numbers do not: "5+ years", "40 accounts"). */
export const informative = (t: Token) => isContent(t) && t.type === 'word' && !JOB_AD_WORDS.has(t.lemma);

const LEMMA_MEMO_SIZE = 20_000;
const lemmaMemo = new Map<string, Term | null>();

/** The term of a token: the key of its lemma when that is one word, else its own key. */
export function termOf(t: Token): Term {
  if (t.lemma === t.lower) return t.key;
  let term = lemmaMemo.get(t.lemma);
  if (term === undefined) {
    const keys = analyse(t.lemma).words.map((w) => w.key);
    term = keys.length === 1 ? keys[0]! : null;
    // bounded: job descriptions are free text
    if (lemmaMemo.size >= LEMMA_MEMO_SIZE) lemmaMemo.clear();
    lemmaMemo.set(t.lemma, term);
  }
  return term ?? t.key;
}

/** The informative terms of some texts. */
export function termsOf(texts: readonly string[]): Set<Term> {
  const terms = new Set<Term>();
  for (const text of texts) for (const t of analyse(text).words) if (informative(t)) terms.add(termOf(t));
  return terms;
}

/** A phrase's term: quoted, so it never equals a word's. */
export const phraseTerm = (keys: readonly string[]): Term => `"${keys.join(' ')}"`;

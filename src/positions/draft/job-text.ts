import { type Analysis, analyse, findPhrase, type Token } from '../../evaluation/index.ts';
import { informative, phraseTerm, type Term, termOf } from './terms.ts';

/**
 * A job description read for matching: its informative words, the words it joins with "-" or "/"
 * ("on-call", "A/B", "CI/CD"), and the banks' multi-word keywords it contains ("window function",
 * "requests per second"), each with its weight (repetition, with diminishing returns) and the
 * words as the job description writes them, for explaining a match.
 */

export interface JobTerm {
  weight: number;
  /** as written in the job description (its first occurrence) */
  surface: string;
  inTitle: boolean;
  /** a phrase's matching keys; absent for a word */
  keys?: string[];
}

export type JobTerms = Map<Term, JobTerm>;

const surfaceOf = (a: Analysis, words: Token[]) => {
  const last = words.at(-1)!;
  return a.text.slice(words[0]!.at, last.at + last.value.length);
};

/** Runs of words joined by "-" or "/": their parts are often stop words or letters. */
function compounds(a: Analysis): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  const flush = () => {
    // a spelling variant expands to several tokens at one position: that is one word
    if (new Set(run.map((t) => t.at)).size > 1) runs.push(run);
    run = [];
  };
  a.words.forEach((t, i) => {
    const prev = a.words[i - 1];
    const joined =
      prev !== undefined &&
      (prev.at === t.at || ['-', '/'].includes(a.text.slice(prev.at + prev.value.length, t.at)));
    if (!joined) flush();
    run.push(t);
  });
  flush();
  return runs;
}

/** `keywordPhrases`: the banks' multi-word keywords, as matching keys. */
export function readJob(title: string, description: string, keywordPhrases: Iterable<string[]>): JobTerms {
  const terms: JobTerms = new Map();
  const add = (term: Term, surface: string, inTitle: boolean, keys?: string[]) => {
    const known = terms.get(term);
    if (known) {
      known.weight += 1;
      known.inTitle ||= inTitle;
    } else terms.set(term, { weight: 1, surface, inTitle, ...(keys ? { keys } : {}) });
  };
  const texts = [
    { text: analyse(title), inTitle: true },
    { text: analyse(description), inTitle: false },
  ];
  for (const { text, inTitle } of texts) {
    for (const t of text.words) if (informative(t)) add(termOf(t), t.value, inTitle);
    for (const run of compounds(text)) {
      const keys = run.map((t) => t.key);
      add(phraseTerm(keys), surfaceOf(text, run), inTitle, keys);
    }
  }
  const tried = new Set<Term>();
  for (const keys of keywordPhrases) {
    const term = phraseTerm(keys);
    if (tried.has(term) || terms.has(term)) continue;
    tried.add(term);
    for (const { text, inTitle } of texts) {
      const at = findPhrase(text.words, keys);
      if (at < 0) continue;
      const words = text.words.slice(at, at + keys.length);
      // "looking for" is in a bank's keywords and in every job advertisement
      if (words.some(informative)) add(term, surfaceOf(text, words), inTitle, keys);
      break;
    }
  }
  for (const t of terms.values()) t.weight = 1 + Math.log(t.weight);
  return terms;
}

import { findPhrase, round } from '../../evaluation/index.ts';
import type { BankIndex, QuestionIndex } from './bank-index.ts';
import type { JobTerm, JobTerms } from './job-text.ts';
import type { Term } from './terms.ts';

/**
 * How close each question is to a job description: BM25 over the question's fields, so a word
 * counts by how rare it is across all the banks' questions ("team" and "work" are in many and
 * barely count; "Looker" is in a few and counts a lot), then scaled by how much of the job
 * description the question's bank covers at all. A rare word shared by chance with an unrelated
 * bank ("order" in a pastry chef's job and a SQL question) is a coincidence; the same word in a
 * bank that covers most of the job is a match.
 */

/** BM25 saturation and document-length normalisation. */
const K1 = 2;
const B = 0.5;

export interface Match<Bank> {
  bank: Bank;
  q: QuestionIndex;
  score: number;
  /** the job terms it matched, most telling first */
  terms: { term: Term; contribution: number }[];
}

export interface RoleMatch {
  /** the share of the job title's weight the bank's best role has (0-1), words weighted by rarity across all roles */
  share: number;
  /** the best-matching role's title */
  title: string;
  /** the job title's words it matched, as the job title writes them */
  words: string[];
}

const idfOf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

/** How often a job term occurs in a question, each occurrence weighted by its field. */
function frequency(q: QuestionIndex, term: Term, jt: JobTerm): number {
  let tf = 0;
  for (const f of q.fields) {
    const keys = jt.keys;
    const count = keys
      ? f.sequences.filter((words) => findPhrase(words, keys) >= 0).length
      : (f.terms.get(term) ?? 0);
    tf += f.weight * count;
  }
  return tf;
}

export interface Scores<Bank> {
  matches: Match<Bank>[];
  /** per bank, the share (0-1) of the job description's weight found anywhere in it */
  coverage: Map<Bank, number>;
}

/** Every question's closeness to the job, and how much of the job each bank covers. */
export function scoreQuestions<Bank extends { index: BankIndex }>(
  banks: Bank[],
  job: JobTerms,
): Scores<Bank> {
  const docs = banks.flatMap((bank) => bank.index.questions.map((q) => ({ bank, q })));
  const n = docs.length;
  const avgLength = docs.reduce((s, d) => s + d.q.length, 0) / Math.max(1, n);
  const tf = new Map<Term, number[]>();
  const idf = new Map<Term, number>();
  for (const [term, jt] of job) {
    const counts = docs.map((d) => frequency(d.q, term, jt));
    tf.set(term, counts);
    idf.set(term, idfOf(n, counts.filter((c) => c > 0).length));
  }

  // the share of the job's weight (rarity × repetition, title words double) found in each bank
  const weight = (term: Term, jt: JobTerm) => idf.get(term)! * (jt.weight + (jt.inTitle ? 1 : 0));
  const total = [...job].reduce((s, [term, jt]) => s + weight(term, jt), 0);
  const coverage = new Map(
    banks.map((bank) => {
      let covered = 0;
      for (const [term, jt] of job) {
        const inQuestions = docs.some((d, i) => d.bank === bank && tf.get(term)![i]! > 0);
        const inRoles = !jt.keys && bank.index.roles.some((r) => r.terms.has(term));
        if (inQuestions || inRoles) covered += weight(term, jt);
      }
      return [bank, total > 0 ? covered / total : 0];
    }),
  );

  const matches = docs.map(({ bank, q }, i) => {
    const norm = 1 - B + (B * q.length) / Math.max(1, avgLength);
    const scale = coverage.get(bank)!;
    const terms: Match<Bank>['terms'] = [];
    for (const [term, jt] of job) {
      const f = tf.get(term)![i]!;
      if (f === 0) continue;
      const saturated = (f * (K1 + 1)) / (f + K1 * norm);
      terms.push({ term, contribution: idf.get(term)! * jt.weight * saturated * scale });
    }
    terms.sort((a, b) => b.contribution - a.contribution || (a.term < b.term ? -1 : 1));
    return { bank, q, score: round(terms.reduce((s, t) => s + t.contribution, 0)), terms };
  });
  return { matches, coverage };
}

/** A job-title word found only in a role's description counts this much of one in its title. */
const ROLE_DESCRIPTION_CREDIT = 0.25;

/**
 * How well each bank's best role matches the job title: the share of the title's words (weighted
 * by rarity across all roles) in the role's title, and a little for those only in its description.
 */
export function matchRoles<Bank extends { index: BankIndex }>(
  banks: Bank[],
  job: JobTerms,
): Map<Bank, RoleMatch> {
  const roles = banks.flatMap((b) => b.index.roles);
  const rarity = (term: Term) => idfOf(roles.length, roles.filter((r) => r.terms.has(term)).length);
  const titleTerms = [...job]
    .filter(([, jt]) => jt.inTitle && !jt.keys)
    .map(([term, jt]) => ({ term, jt, rarity: rarity(term) }));
  const total = titleTerms.reduce((s, t) => s + t.rarity, 0);
  return new Map(
    banks.map((bank) => {
      let best: RoleMatch = { share: 0, title: '', words: [] };
      for (const role of bank.index.roles) {
        const credit = (term: Term) =>
          role.titleTerms.has(term) ? 1 : role.terms.has(term) ? ROLE_DESCRIPTION_CREDIT : 0;
        const hits = titleTerms.filter((t) => credit(t.term) > 0);
        const share = total > 0 ? round(hits.reduce((s, t) => s + t.rarity * credit(t.term), 0) / total) : 0;
        if (share > best.share) best = { share, title: role.title, words: hits.map((t) => t.jt.surface) };
      }
      return [bank, best];
    }),
  );
}

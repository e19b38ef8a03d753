import { createHash } from 'node:crypto';
import { analyse } from '../../evaluation/index.ts';
import type { Manifest, ManifestQuestion } from '../../plugins/index.ts';
import { informative, type Term, termOf, termsOf } from './terms.ts';

/**
 * A question bank read for matching against job descriptions: per question, the terms of its
 * text, of its expected points and keywords, and of its competencies' names and descriptions,
 * each part with a weight for how much it says about what the question asks. Reading a bank
 * takes ~100 ms; plugin versions are immutable, so the index is cached by the manifest's content.
 */

/** How much each part of a question says about what it asks. */
const FIELD_WEIGHT = { text: 2, points: 1, competencyName: 1.5, competencyDescription: 0.5 } as const;

export interface Field {
  weight: number;
  /** how often each term occurs */
  terms: Map<Term, number>;
  /** the matching keys of each text, in order, for phrases */
  sequences: { key: string }[][];
}

export interface QuestionIndex {
  question: ManifestQuestion;
  /** its position in the bank: the last tie-break */
  order: number;
  fields: Field[];
  /** the question's competencies: name, and the terms of name and description */
  competencies: { name: string; terms: Set<Term> }[];
  /** the multi-word keywords of its expected points, as matching keys */
  keywordPhrases: string[][];
  /** number of distinct terms: BM25's document length */
  length: number;
}

export interface BankIndex {
  /** roles: the title, its terms, and the terms of title and description */
  roles: { title: string; titleTerms: Set<Term>; terms: Set<Term> }[];
  questions: QuestionIndex[];
}

const CACHE_SIZE = 32;
const cache = new Map<string, BankIndex>();

/** The index of a bank, from the cache when its content was read before. */
export function indexBank(manifest: Manifest): BankIndex {
  const key = createHash('sha256').update(JSON.stringify(manifest)).digest('hex');
  let index = cache.get(key);
  if (index) {
    // least recently used goes first
    cache.delete(key);
  } else {
    index = readBank(manifest);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, index);
  return index;
}

function fieldOf(weight: number, texts: string[]): Field {
  const terms = new Map<Term, number>();
  const sequences = texts.map((text) => {
    const words = analyse(text).words;
    for (const t of words) {
      if (!informative(t)) continue;
      const term = termOf(t);
      terms.set(term, (terms.get(term) ?? 0) + 1);
    }
    return words.map((t) => ({ key: t.key }));
  });
  return { weight, terms, sequences };
}

function readBank(m: Manifest): BankIndex {
  const competencyById = new Map(m.competencies.map((c) => [c.id, c]));
  const questions = m.questions.map((question, order): QuestionIndex => {
    const points = question.expectedPoints ?? [];
    const keywords = points.flatMap((p) => p.keywords ?? []);
    const competencies = question.competencies.flatMap((id) => competencyById.get(id) ?? []);
    const pointsField = fieldOf(FIELD_WEIGHT.points, [...points.map((p) => p.text), ...keywords]);
    const fields = [
      fieldOf(FIELD_WEIGHT.text, [question.text]),
      pointsField,
      fieldOf(
        FIELD_WEIGHT.competencyName,
        competencies.map((c) => c.name),
      ),
      fieldOf(
        FIELD_WEIGHT.competencyDescription,
        competencies.map((c) => c.description),
      ),
    ];
    return {
      question,
      order,
      fields,
      competencies: competencies.map((c) => ({ name: c.name, terms: termsOf([c.name, c.description]) })),
      keywordPhrases: pointsField.sequences
        .slice(points.length)
        .map((words) => words.map((w) => w.key))
        .filter((keys) => keys.length > 1),
      length: new Set(fields.flatMap((f) => [...f.terms.keys()])).size,
    };
  });
  return {
    roles: m.roles.map((r) => ({
      title: r.title,
      titleTerms: termsOf([r.title]),
      terms: termsOf([r.title, r.description]),
    })),
    questions,
  };
}

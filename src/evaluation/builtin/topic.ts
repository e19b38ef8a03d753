import type { ManifestQuestion, ManifestRubric } from '../../plugins/index.ts';
import { PhraseSet } from './phrase-set.ts';
import { contentKeys, keywordVariants, phraseKeys, type Sentence } from './text.ts';

/**
 * What a question is about, as matching keys: the words of the question (and follow-up), of its
 * expected points and their keywords, and the wider subject area of its rubric. Relevance,
 * off-topic and filler detection all measure answers against it. Built once per question.
 */

export interface Topic {
  /** content keys of the question, its follow-up and its points (texts and keywords) */
  vocab: Set<string>;
  /** content keys of the question and point texts only (keyword lists hold many common words) */
  core: Set<string>;
  /** vocab plus the rubric's criterion names and level anchors: the wider subject area */
  domain: Set<string>;
  /** content keys of the question text (and follow-up) alone */
  questionKeys: Set<string>;
  /** numbers written in the question (repeating them is not a specific) */
  questionNumbers: Set<string>;
  /** per point: each keyword as its variants (the keyword itself first, then synonyms) */
  points: { id: string; keywords: string[][][]; labels: string[]; textKeys: Set<string> }[];
  /** every variant of every point's keywords, one entry per occurrence in `points` */
  keywordSet: PhraseSet;
}

/**
 * Words every interview question uses, and common words too general to show a sentence is on
 * topic ("a long week", "the next step"). They still match as keywords; they just don't make
 * a sentence topical on their own.
 */
const GENERIC = [
  'tell',
  'time',
  'describe',
  'example',
  'walk',
  'explain',
  'approach',
  'handle',
  'give',
  'situation',
  'think',
  'something',
  'someone',
  'happen',
  'make',
  'would',
  'do',
  'get',
  'go',
  'went',
  'use',
  'way',
  'want',
  'one',
  'e.g.',
  'eg',
  'etc',
  'also',
  'thing',
  'work',
  'need',
  'first',
  'what',
  'how',
  'day',
  'week',
  'month',
  'year',
  'hour',
  'minute',
  'long',
  'short',
  'key',
  'percent',
  'end',
  'step',
  'single',
  'meet',
  'like',
  'let',
  'set',
  'new',
  'old',
  'help',
  'read',
  'job',
  'hard',
  'turn',
  'good',
  'great',
  'best',
  'start',
  'take',
  'keep',
  'small',
  'big',
  'open',
  'forward',
  'simple',
  'important',
  'believe',
  'opportunity',
  'success',
  'stop',
  'complete',
  'follow',
  'life',
  'people',
  'person',
  'lot',
  'sure',
  'look',
  'say',
  'bring',
  'stay',
  'run',
  'try',
  'half',
  'late',
  'term',
  'clear',
  'right',
  'able',
  'part',
  'kind',
  'point',
];

let genericKeys: Set<string> | undefined;

function generic(): Set<string> {
  genericKeys ??= new Set(GENERIC.flatMap((w) => phraseKeys(w)));
  return genericKeys;
}

const topics = new WeakMap<ManifestQuestion, Map<string, Topic>>();

/** The question's vocabulary and points as matching keys (cached per question object). */
export function buildTopic(question: ManifestQuestion, rubric: ManifestRubric, followUpText?: string): Topic {
  const byFollowUp = topics.get(question) ?? new Map<string, Topic>();
  const cacheKey = `${rubric.id}\u0000${followUpText ?? ''}`;
  const cached = byFollowUp.get(cacheKey);
  if (cached) return cached;
  const g = generic();
  const strip = (keys: Set<string>) => new Set([...keys].filter((k) => !g.has(k)));
  const questionKeys = strip(contentKeys(`${question.text} ${followUpText ?? ''}`));
  const points = question.expectedPoints.map((p) => ({
    id: p.id,
    keywords: (p.keywords ?? [])
      .map((k) => keywordVariants(k).filter((v) => v.length > 0))
      .filter((v) => v.length > 0),
    labels: p.keywords ?? [],
    // the point's own words, minus those it shares with the question: repeating the question is no point
    textKeys: new Set([...strip(contentKeys(p.text))].filter((k) => !questionKeys.has(k))),
  }));
  const vocab = new Set(questionKeys);
  for (const p of points) for (const k of p.textKeys) vocab.add(k);
  const core = new Set(vocab);
  for (const p of points) {
    for (const kw of p.keywords) for (const k of kw[0] ?? []) if (!g.has(k)) vocab.add(k);
  }
  const questionNumbers = new Set(
    (`${question.text} ${followUpText ?? ''}`.match(/\d+(?:[.,]\d+)?/g) ?? []).map((n) => n.toLowerCase()),
  );
  const rubricText = rubric.criteria
    .map(
      (c) => `${c.name} ${c.levels['1']} ${c.levels['2']} ${c.levels['3']} ${c.levels['4']} ${c.levels['5']}`,
    )
    .join(' ');
  const domain = new Set([...vocab, ...strip(contentKeys(rubricText))]);
  const keywordSet = new PhraseSet(points.flatMap((p) => p.keywords.flat()));
  const topic: Topic = { vocab, core, domain, questionKeys, questionNumbers, points, keywordSet };
  byFollowUp.set(cacheKey, topic);
  topics.set(question, byFollowUp);
  return topic;
}

/** Distinct content keys of a sentence in the question's core, full or domain vocabulary. */
export function topicalKeys(s: Sentence, topic: Topic, scope: 'core' | 'vocab' | 'domain' = 'vocab'): number {
  const vocab = topic[scope];
  let n = 0;
  for (const k of s.contentKeys) if (vocab.has(k)) n++;
  return n;
}

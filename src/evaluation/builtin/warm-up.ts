import type { ManifestQuestion, ManifestRubric } from '../../plugins/index.ts';
import type { Bank } from './domain.ts';
import { evaluateAnswer, prepareBank } from './evaluator.ts';

/**
 * A fresh process evaluates its first long answers several times slower than it will later: the
 * JavaScript engine has not compiled the evaluator's loops yet, and wink-nlp has not read its
 * model (about 400 ms for a first 20,000-character answer against 35 ms once warm). The API and
 * the worker call this once at start, before they take turns, so that no candidate's turn pays
 * for it. Nothing here is kept: the evaluator is pure.
 */

const QUESTION: ManifestQuestion = {
  id: 'warm-up',
  text: 'Walk me through how you would find and fix a slow database query in production.',
  phase: 'technical',
  competencies: ['warm-up'],
  roles: ['warm-up'],
  rubric: 'warm-up',
  expectedPoints: [
    {
      id: 'measure',
      text: 'Measures first: the slow query log and the query plan.',
      keywords: ['query plan'],
    },
    { id: 'index', text: 'Adds an index that matches the filter and the sort.', keywords: ['index'] },
  ],
  referenceAnswer:
    'I would find the query in the slow query log, read its plan with EXPLAIN ANALYZE, and add an index that matches its filter and sort, then measure the latency again.',
} as ManifestQuestion;

const RUBRIC: ManifestRubric = {
  id: 'warm-up',
  competency: 'warm-up',
  criteria: [
    {
      id: 'accuracy',
      name: 'Accuracy',
      weight: 1,
      levels: {
        '1': 'Wrong or missing.',
        '2': 'Partly right.',
        '3': 'Right on the core idea.',
        '4': 'Right and precise.',
        '5': 'Complete and precise.',
      },
    },
  ],
} as ManifestRubric;

/** Sentences of the kinds answers hold: steps, reasons, numbers, names, a lesson. */
const SENTENCES = [
  'First I looked at the slow query log and picked the query that took {n} ms at the 99th percentile.',
  'Its plan showed a sequential scan over {n} thousand rows, because no index matched the filter on tenant and status.',
  'I added a composite index concurrently, so writes were never blocked, and the latency fell to {n} ms.',
  'Then we checked the dashboards for a week and set an alert when the p99 rose above {n} ms again.',
  'In hindsight I would have asked the team to review the plan before the release, not after the incident.',
  'We also moved the nightly report to a replica, since it competed with checkout traffic for {n} minutes.',
];

/** About `chars` characters of such sentences, their numbers varied so no two are the same. */
function sampleAnswer(chars: number): string {
  const out: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const s = (SENTENCES[i % SENTENCES.length] as string).replace('{n}', String((i * 37) % 1000));
    out.push(s);
    length += s.length + 1;
  }
  return out.join(' ').slice(0, chars);
}

/**
 * Evaluates a few long answers of many shapes once, so the next real ones run at full speed, and
 * reads the given banks (the bundled ones), so that their first answers do not pay for it.
 */
export function warmUpEvaluator(banks: readonly (Bank & { locale?: string })[] = [], rounds = 3): number {
  const started = performance.now();
  for (const bank of banks) prepareBank(bank);
  const answer = sampleAnswer(20_000);
  for (let i = 0; i < rounds; i++)
    evaluateAnswer({
      question: QUESTION,
      rubric: RUBRIC,
      answer: i % 2 === 0 ? answer : answer.split(' ').reverse().join(' '),
      history: [],
      plugin: { id: 'warm-up', version: '1.0.0' },
      locale: 'en',
    });
  return performance.now() - started;
}

import { actor, hypothetical, markerHits } from './markers.ts';
import { PhraseSet } from './phrase-set.ts';
import { clamp01, phraseList, type Sentence, type Token } from './text.ts';

/**
 * Depth: how specific and owned an answer is. Quantities with units, named tools and
 * technologies, first-person actions ("I built") rather than "we"/"they", trade-offs and
 * reasons, and concrete outcomes (a change with a number). Counts saturate, so a long answer
 * gains nothing once it has shown enough of each kind.
 */

export type DepthTag = 'number' | 'tool' | 'ownership' | 'team' | 'tradeoff' | 'outcome' | 'communication';

export interface DepthResult {
  /** 0-1 */
  score: number;
  parts: { specifics: number; tools: number; ownership: number; tradeoffs: number; outcomes: number };
  counts: {
    quantities: number;
    tools: number;
    iActions: number;
    weOnly: number;
    tradeoffs: number;
    outcomes: number;
  };
  /** sentence index → what it contributes */
  tags: Map<number, DepthTag[]>;
  /** example items, for rationales */
  examples: { quantities: string[]; tools: string[] };
}

const TECH = [
  'sql',
  'api',
  'rest',
  'graphql',
  'grpc',
  'redis',
  'kafka',
  'rabbitmq',
  'postgres',
  'mysql',
  'mongodb',
  'docker',
  'kubernetes',
  'terraform',
  'explain',
  'index',
  'cache',
  'cdn',
  'queue',
  'webhook',
  'json',
  'http',
  'tls',
  'oauth',
  'jwt',
  'uuid',
  'cron',
  'lighthouse',
  'webpack',
  'vite',
  'react',
  'vue',
  'angular',
  'jest',
  'vitest',
  'playwright',
  'cypress',
  'typescript',
  'javascript',
  'css',
  'html',
  'aria',
  'dom',
  'excel',
  'spreadsheet',
  'tableau',
  'looker',
  'dbt',
  'python',
  'pandas',
  'bigquery',
  'snowflake',
  'salesforce',
  'gainsight',
  'hubspot',
  'jira',
  'amplitude',
  'mixpanel',
  'datadog',
  'grafana',
  'prometheus',
  'sentry',
  'p95',
  'p99',
  'screen reader',
  'feature flag',
  'rollback',
  'transaction',
  'constraint',
  'mutex',
  'idempotency',
  'regression',
  'cohort',
  'funnel',
  'confidence interval',
  'p-value',
  'sample size',
  'power',
  'window function',
  'join',
  'cte',
  'partition',
  'dashboard',
  'health score',
  'churn',
  'retention',
  'arr',
  'nrr',
  'mrr',
  'nps',
  'csat',
  'qbr',
  'okr',
  'sso',
];

const NOT_TOOLS = new Set([
  'i',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'ok',
  'okay',
]);

/** "from 800ms to 120ms": a change stated with numbers */
const FROM_TO = /\bfrom\s+\S*\d\S*.{0,40}?\bto\s+\S*\d/i;

const VAGUE_UNITS = /\s(things?|ways?|kinds?|parts?|lots?|aspects?|areas?|points?)$/;

const QUANTITY_ENTITIES = new Set(['PERCENT', 'MONEY', 'DURATION', 'TIME', 'DATE', 'ORDINAL']);

let techTerms: PhraseSet | undefined;

function isNumberToken(t: Token): boolean {
  return t.pos === 'NUM' || t.type === 'number';
}

const QUANTITY_WORD = /\d|one|two|three|four|five|six|seven|eight|nine|ten|hundred/i;
const SPACE_BEFORE_PERCENT = /\s+(?=%)/g;
const DIGIT = /\d/;
const LETTER_FIRST = /^[a-z]/i;

// Sentences never change once read, and a padded answer is measured twice: keep what each holds.
const quantitiesBySentence = new WeakMap<Sentence, string[]>();
const toolsBySentence = new WeakMap<Sentence, string[]>();

/** Quantities in a sentence: number-like entities and numbers followed by a unit noun. */
function quantities(s: Sentence, questionNumbers: Set<string>): string[] {
  let found = quantitiesBySentence.get(s);
  if (!found) {
    found = quantitiesIn(s);
    quantitiesBySentence.set(s, found);
  }
  // "three things" or "a couple of ways" count nothing; neither does repeating the question's numbers
  return found.filter((q) => !questionNumbers.has(q.split(' ')[0] ?? q) && !VAGUE_UNITS.test(q));
}

function quantitiesIn(s: Sentence): string[] {
  const out = new Set<string>();
  for (const e of s.entities) {
    if (QUANTITY_ENTITIES.has(e.type) && QUANTITY_WORD.test(e.value))
      out.add(e.value.toLowerCase().replace(SPACE_BEFORE_PERCENT, ''));
  }
  const w = s.words;
  for (let k = 0; k < w.length; k++) {
    const t = w[k] as Token;
    if (!isNumberToken(t)) continue;
    const next = w[k + 1];
    const prev = w[k - 1];
    if (
      (next && (next.pos === 'NOUN' || next.pos === 'PROPN' || next.type === 'symbol')) ||
      (next?.lower === 'of' && DIGIT.test(t.value)) ||
      prev?.type === 'currency' ||
      DIGIT.test(t.value)
    )
      out.add(
        next?.value === '%'
          ? `${t.lower}%`
          : next && LETTER_FIRST.test(next.value)
            ? `${t.lower} ${next.lower}`
            : t.lower,
      );
  }
  return [...out];
}

const MAYBE_SHAPED = /[A-Z\d_.]/;
const ACRONYM = /^[A-Z][A-Z0-9]{1,}s?$/;
const CAMEL = /^[A-Za-z]+[a-z][A-Z][A-Za-z]*$/;
const CODE = /[a-z]_[a-z]|[a-z]\.[a-z]|[a-z]\d|\d[a-z]/i;
const ORDINAL_OR_DECADE = /^\d+(st|nd|rd|th|s)$/;

/** Named tools and technologies: known terms, acronyms, CamelCase, code-like names, proper nouns. */
function tools(s: Sentence): string[] {
  let found = toolsBySentence.get(s);
  if (!found) {
    found = toolsIn(s);
    toolsBySentence.set(s, found);
  }
  return found;
}

function toolsIn(s: Sentence): string[] {
  techTerms ??= new PhraseSet(phraseList(TECH));
  const tech = techTerms;
  // known terms in TECH order
  const out = new Set<string>(tech.present(s.words).map((p) => tech.phrases[p]!.join(' ')));
  for (const t of s.words) {
    if (NOT_TOOLS.has(t.lower) || t.type !== 'word') continue;
    // an acronym or CamelCase needs a capital, code-like names a digit, "_" or "."
    const shaped =
      MAYBE_SHAPED.test(t.value) &&
      (ACRONYM.test(t.value) ||
        CAMEL.test(t.value) ||
        (CODE.test(t.value) && !ORDINAL_OR_DECADE.test(t.value)));
    if (shaped || (t.capitalised && t.pos === 'PROPN')) out.add(t.lower);
  }
  return [...out];
}

/** Measure the depth of the answer's sentences; numbers that only repeat the question's don't count. */
export function analyseDepth(sentences: Sentence[], questionNumbers: Set<string>): DepthResult {
  const tags = new Map<number, DepthTag[]>();
  const add = (s: Sentence, t: DepthTag) => {
    const list = tags.get(s.index) ?? [];
    if (!list.includes(t)) list.push(t);
    tags.set(s.index, list);
  };
  const allQuantities = new Set<string>();
  const allTools = new Set<string>();
  const tradeoffs = new Set<string>();
  let because = 0;
  let iActions = 0;
  let weOnly = 0;
  let outcomes = 0;

  for (const s of sentences) {
    const q = quantities(s, questionNumbers);
    if (q.length > 0) add(s, 'number');
    for (const x of q) allQuantities.add(x);
    const tl = tools(s);
    if (tl.length > 0) add(s, 'tool');
    for (const x of tl) allTools.add(x);
    const who = actor(s);
    if (who.i) {
      iActions++;
      add(s, 'ownership');
    } else if (who.iPlan) {
      iActions += 0.5;
      add(s, 'ownership');
    } else if (who.we || who.they) {
      weOnly++;
      add(s, 'team');
    }
    const t = markerHits(s, 'tradeoff');
    if (t.length > 0) add(s, 'tradeoff');
    for (const x of t) tradeoffs.add(x);
    if (markerHits(s, 'justification').some((h) => h === 'because' || h === 'so that')) {
      because++;
      add(s, 'tradeoff');
    }
    const fromTo = FROM_TO.test(s.text);
    const outcomeVerb =
      !hypothetical(s) &&
      (fromTo || markerHits(s, 'outcomeVerb').length > 0 || markerHits(s, 'result').length > 0);
    if (outcomeVerb && (q.length > 0 || fromTo)) {
      outcomes++;
      add(s, 'outcome');
    } else if (outcomeVerb && markerHits(s, 'result').length > 0) {
      outcomes += 0.5;
      add(s, 'outcome');
    }
    if (markerHits(s, 'communication').length > 0) add(s, 'communication');
  }

  const specifics = clamp01(allQuantities.size / 4);
  const toolScore = clamp01(allTools.size / 5);
  const ownership = clamp01(iActions / 4) * (0.6 + 0.4 * (iActions / Math.max(1, iActions + weOnly)));
  const tradeoffScore = clamp01((tradeoffs.size + 0.5 * Math.min(because, 3)) / 3.5);
  const outcomeScore = clamp01(outcomes / 2);
  const score =
    0.27 * specifics + 0.2 * toolScore + 0.18 * ownership + 0.2 * tradeoffScore + 0.15 * outcomeScore;

  return {
    score: clamp01(score),
    parts: { specifics, tools: toolScore, ownership, tradeoffs: tradeoffScore, outcomes: outcomeScore },
    counts: {
      quantities: allQuantities.size,
      tools: allTools.size,
      iActions,
      weOnly,
      tradeoffs: tradeoffs.size + because,
      outcomes,
    },
    tags,
    examples: { quantities: [...allQuantities].slice(0, 3), tools: [...allTools].slice(0, 3) },
  };
}

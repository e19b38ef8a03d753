import { PhraseSet } from './phrase-set.ts';
import { phraseList, type Sentence, type Token } from './text.ts';

/**
 * Discourse markers, matched on whole tokens with the same stemming as everything else, so
 * "reduced", "reduces" and "reducing" all hit "reduce". Each list is converted once.
 */
export type MarkerKind =
  | 'situation'
  | 'task'
  | 'result'
  | 'reflection'
  | 'sequence'
  | 'justification'
  | 'condition'
  | 'verification'
  | 'tradeoff'
  | 'communication'
  | 'outcomeVerb'
  | 'filler'
  | 'generic';

const LISTS: Record<MarkerKind, readonly string[]> = {
  situation: [
    'last year',
    'last quarter',
    'last month',
    'last spring',
    'last summer',
    'last autumn',
    'last winter',
    'at my previous',
    'at my last',
    'in my previous',
    'in my last',
    'on a previous',
    'on my previous',
    'on my last',
    'at a previous',
    'years ago',
    'months ago',
    'when i was',
    'while i was',
    'i was working',
    'i was the',
    'i was on',
    'we had',
    'we were',
    'one of our',
    'one of my',
    'at the time',
    'a customer',
    'a client',
    'we once',
    'i once',
    'recently',
    'at my current',
    'in my current',
  ],
  task: [
    'my job',
    'my role',
    'my task',
    'my goal',
    'the goal',
    'our goal',
    'i was responsible',
    'responsible for',
    'i was asked',
    'asked me',
    'needed to',
    'had to',
    'the problem was',
    'the challenge',
    'the risk was',
    'i owned',
    'i was in charge',
    'i was leading',
    'i led',
  ],
  result: [
    'as a result',
    'in the end',
    'ended up',
    'the result',
    'the outcome',
    'outcome was',
    'result was',
    'eventually',
    'led to',
    'which meant',
    'turned out',
    'since then',
    'by the end',
    'renewed',
    'shipped',
    'launched',
    'went live',
    'went from',
    'dropped',
    'fell',
    'rose',
    'grew',
    'reduced',
    'increased',
    'improved',
    'cut',
    'saved',
    'recovered',
    'resolved',
    'signed',
    'expanded',
  ],
  reflection: [
    'learned',
    'learnt',
    'lesson',
    'next time',
    'differently',
    'in hindsight',
    'looking back',
    'taught me',
    'i realised',
    'i realized',
    'since then i',
    'now i always',
    'i now',
    'mistake',
    'would have',
    'took away',
    'takeaway',
    'take-away',
  ],
  sequence: [
    'first',
    'firstly',
    'then',
    'next',
    'after that',
    'afterwards',
    'finally',
    'before',
    'once',
    'start by',
    'start with',
    'step',
    'second',
    'secondly',
    'third',
    'meanwhile',
    'in parallel',
    'at the same time',
    'only then',
    'until',
  ],
  justification: [
    'because',
    'so that',
    'since',
    'which means',
    'that means',
    'to avoid',
    'otherwise',
    'the reason',
    'that way',
    'in order to',
    'to make sure',
    'to ensure',
    'to prevent',
    'to keep',
    'which is why',
    'this is why',
    'so the',
    'so we',
    'so i',
    'so it',
    'so they',
    'given',
    'why',
  ],
  condition: ['if', 'unless', 'depending on', 'in case', 'when', 'whether'],
  verification: [
    'verify',
    'verified',
    'validate',
    'test',
    'measure',
    'measured',
    'check',
    'monitor',
    'confirm',
    'compare',
    'alert',
    'assert',
    'benchmark',
    'metric',
    'dashboard',
    'data',
    'trace',
    'log',
    'experiment',
    'before and after',
    'baseline',
    'reconcile',
    'track',
  ],
  tradeoff: [
    'but',
    'however',
    'trade-off',
    'tradeoff',
    'trade off',
    'instead of',
    'rather than',
    'at the cost of',
    'the cost',
    'cost of',
    'downside',
    'on the other hand',
    'versus',
    'vs',
    'whereas',
    'although',
    'though',
    'compared with',
    'compared to',
    'alternative',
    'pros and cons',
    'unless',
    'the catch',
    'the risk',
    'risk is',
    'worth it',
    'not worth',
    'cheaper',
    'simpler',
    'slower',
    'faster',
    'option',
  ],
  communication: [
    'told',
    'explained',
    'wrote',
    'write up',
    'shared',
    'presented',
    'walked',
    'update',
    'updated',
    'called',
    'emailed',
    'message',
    'stakeholder',
    'aligned',
    'agreed',
    'listened',
    'asked',
    'proposed',
    'summary',
    'doc',
    'one-page',
    'memo',
    'meeting',
    'review',
  ],
  outcomeVerb: [
    'went from',
    'dropped',
    'fell',
    'rose',
    'grew',
    'reduced',
    'increased',
    'improved',
    'cut',
    'saved',
    'recovered',
    'renewed',
    'expanded',
    'shipped',
    'caught',
    'prevented',
    'doubled',
    'halved',
    'down to',
    'lifted',
    'raised',
    'lowered',
  ],
  // the vocabulary of self-promotion and platitude: words that fit any answer to any question
  generic: [
    'important',
    'positive',
    'attitude',
    'opportunity',
    'success',
    'successful',
    'journey',
    'passion',
    'passionate',
    'believe',
    'best',
    'great',
    'happy',
    'player',
    'growth',
    'mindset',
    'challenge',
    'comfort zone',
    'motivated',
    'motivation',
    'excited',
    'exciting',
    'hard-working',
    'hardworking',
    'reliable',
    'friendly',
    'dream',
    'achieve',
    'anything',
    'everything',
    'everyone',
    'life',
    'healthy',
    'person',
    'professional',
    'opinion',
    'essential',
    'appreciate',
    'look forward',
    'hearing from you',
    'i hope',
    'who i am',
    'what i can bring',
    'next steps',
    'organised',
    'organized',
    'tidy',
    'open to feedback',
    'improve myself',
    'excellence',
    'strive',
    'dedicated',
    'commitment',
    'teamwork',
    'fit',
    'position',
    'company',
    'enjoy',
    'love',
    'amazing',
    'awesome',
    'wonderful',
    'perfect',
    'key',
    'matters',
    'really',
    'always',
    'every day',
    'every single day',
    'dedication',
    'workplace',
    'value most',
    'world',
    'focused',
    'hard',
    'mind',
    'thank',
  ],
  filler: [
    'basically',
    'you know',
    'at the end of the day',
    'to be honest',
    'honestly',
    'literally',
    'actually',
    'kind of',
    'sort of',
    'like i said',
    'in today',
    'fast-paced',
    'team player',
    'hard work',
    'hard-working',
    'passionate',
    'synergy',
    'think outside the box',
    'give 110',
    'go the extra mile',
    'growth mindset',
    'best practices',
    'leverage',
    'value-add',
    'circle back',
    'moving forward',
    'paradigm',
    'holistic',
    'dynamic',
    'world-class',
  ],
};

const compiled = new Map<MarkerKind, string[][]>();

/** The marker phrases of one kind, as matching keys. */
export function markers(kind: MarkerKind): string[][] {
  let list = compiled.get(kind);
  if (!list) {
    list = phraseList(LISTS[kind]);
    compiled.set(kind, list);
  }
  return list;
}

type Hits = Record<MarkerKind, string[]>;

/** Every kind's phrases in one set; per phrase, its kind and its text as markerHits reports it. */
let everyMarker: { set: PhraseSet; kinds: MarkerKind[]; labels: string[] } | undefined;

function allMarkers(): NonNullable<typeof everyMarker> {
  if (!everyMarker) {
    const phrases: string[][] = [];
    const kinds: MarkerKind[] = [];
    for (const kind of Object.keys(LISTS) as MarkerKind[]) {
      for (const p of markers(kind)) {
        phrases.push(p);
        kinds.push(kind);
      }
    }
    everyMarker = { set: new PhraseSet(phrases), kinds, labels: phrases.map((p) => p.join(' ')) };
  }
  return everyMarker;
}

// Sentences never change once read, and each is asked about every kind, often several times
// (structure, depth, padding and platitude checks): find all kinds at once and keep them.
const hitsBySentence = new WeakMap<Sentence, Hits>();

/** Distinct markers of a kind found in a sentence (each phrase counts once), in list order. */
export function markerHits(s: Sentence, kind: MarkerKind): readonly string[] {
  let hits = hitsBySentence.get(s);
  if (!hits) {
    hits = findMarkers(s);
    hitsBySentence.set(s, hits);
  }
  return hits[kind];
}

function findMarkers(s: Sentence): Hits {
  const { set, kinds, labels } = allMarkers();
  const hits: Hits = {
    situation: [],
    task: [],
    result: [],
    reflection: [],
    sequence: [],
    justification: [],
    condition: [],
    verification: [],
    tradeoff: [],
    communication: [],
    outcomeVerb: [],
    filler: [],
    generic: [],
  };
  // phrases are stored kind by kind in list order: ascending indices keep each kind's list order
  for (const p of set.present(s.words)) hits[kinds[p]!].push(labels[p]!);
  return hits;
}

const STANCE = new Set([
  'think',
  'believe',
  'feel',
  'guess',
  'suppose',
  'know',
  'like',
  'love',
  'hope',
  'be',
  'have',
  'do',
  'try',
  'wish',
  'want',
  'mean',
  'tend',
  'prefer',
  'hear',
  'see',
  'notice',
  'get',
  'receive',
  'wait',
  'watch',
  'let',
  'go',
]);
const MODAL = new Set(['would', 'will', 'can', 'could', 'should', 'might', 'must', 'shall', 'may']);

export interface Actor {
  i: boolean;
  iPlan: boolean;
  we: boolean;
  they: boolean;
}

/** structure and depth both ask who acts in each sentence */
const actors = new WeakMap<Sentence, Actor>();

/**
 * Who acts in a sentence: "I" with an action verb (not "I think", "I'm"), "we/the team", or
 * "they". A first-person action behind a modal ("I'd roll back", "I will") is a plan, not a
 * deed: it is reported as `iPlan`, so stories of what was done weigh more than intentions.
 */
export function actor(s: Sentence): Actor {
  let who = actors.get(s);
  if (!who) {
    who = findActor(s);
    actors.set(s, who);
  }
  return who;
}

function findActor(s: Sentence): Actor {
  let i = false;
  let iPlan = false;
  let we = false;
  let they = false;
  const w = s.words;
  for (let k = 0; k < w.length; k++) {
    const t = w[k] as Token;
    if (t.lower === 'i') {
      let j = k + 1;
      let modal = false;
      while (j < w.length && (MODAL.has(w[j]!.lemma) || w[j]!.pos === 'ADV' || w[j]!.pos === 'PART')) {
        if (MODAL.has(w[j]!.lemma)) modal = true;
        j++;
      }
      const v = w[j];
      let acts = false;
      if (v && (v.pos === 'VERB' || v.pos === 'AUX') && !STANCE.has(v.lemma) && !v.negated) acts = true;
      // "I had to", "I did" followed by a verb
      if (v && (v.lemma === 'have' || v.lemma === 'do') && w[j + 1]?.pos === 'VERB') acts = true;
      if (v && v.lemma === 'have' && w[j + 1]?.lower === 'to') acts = true;
      if (acts && modal) iPlan = true;
      else if (acts) i = true;
    } else if (t.lower === 'we' || (t.lower === 'team' && w[k - 1]?.lower === 'the')) {
      we = true;
    } else if (t.lower === 'they' || t.lower === 'he' || t.lower === 'she') {
      they = true;
    }
  }
  return { i, iPlan, we, they };
}

/** Whether a sentence speaks of a plan or possibility (would, will, could, might, should) rather than a fact. */
export function hypothetical(s: Sentence): boolean {
  return s.words.some((t) => MODAL.has(t.lemma) && t.lemma !== 'can' && t.lemma !== 'must');
}

/** relevance, grounding and substance checks each ask this of every sentence */
const platitudes = new WeakMap<Sentence, boolean>();

/**
 * A platitude: a sentence made of self-promotion and filler ("a positive attitude is the most
 * important thing", "honestly, at the end of the day…") that would fit any answer. Specifics
 * (a number, a name) let a sentence through unless it is thick with generic words.
 */
export function isPlatitude(s: Sentence): boolean {
  let platitude = platitudes.get(s);
  if (platitude === undefined) {
    platitude = platitudeOf(s);
    platitudes.set(s, platitude);
  }
  return platitude;
}

function platitudeOf(s: Sentence): boolean {
  const generic = markerHits(s, 'generic').length;
  const filler = markerHits(s, 'filler').length;
  // a number or a name; the pronoun "I" is capitalised mid-sentence but names nothing
  const specific = s.words.some((t) => /\d/.test(t.value) || (t.capitalised && t.lower !== 'i'));
  return generic >= 3 || filler >= 2 || (generic + filler >= 2 && !specific);
}

import { type Analysis, nlp } from './text.ts';

/**
 * Answers that cannot be judged: not language at all (keyboard mash, random characters, one
 * character repeated, symbols and digits with no words, an encoded blob, one enormous "word"),
 * not the question bank's language, or garbled dictation (a run of filler, or words that look
 * like words but are not English). Such an answer is left to a person instead of being scored.
 *
 * What is judged, never unscorable: an empty answer (the evaluator handles it), "I don't know",
 * "pass", short correct answers ("42", "O(n log n)", "infinite"), code, typos and student
 * grammar, technical jargon and acronyms, and an English answer with a few foreign words.
 *
 * Generic by construction: character statistics (share of letters, vowels per word, runs of
 * consonants or of one character, keys next to each other on a keyboard row, word length),
 * wink-nlp's English lexicon (is the word, or its stem, a word it knows) and short profiles of
 * the most common function words of English, German, French, Spanish, Portuguese, Italian
 * and Dutch. Nothing is tuned to a question. One pass over the text: linear in its length.
 */

/** A letter word longer than this is no word (German compounds stay under it). */
const MAX_WORD = 40;
/** Decide the answer's language only with at least this many words. */
const MIN_WORDS_FOR_LANGUAGE = 8;
/** Judge the share of words unknown to the lexicon only with at least this many. */
const MIN_WORDS_FOR_LEXICON = 6;

type Junk = 'mash' | 'random' | 'run' | 'long' | 'blob' | 'symbols';

const JUNK_REASON: Record<Junk, string> = {
  mash: 'not language: keyboard mash',
  random: 'not language: random characters',
  run: 'not language: one character repeated',
  long: 'not language: one long string with no spaces',
  blob: 'not language: an encoded blob (base64 or hex), no words',
  symbols: 'not language: symbols and digits with no words',
};

/** Letters next to each other on a row of a QWERTY, QWERTZ or AZERTY keyboard. */
const KEY_ROWS = [
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'qwertzuiop',
  'yxcvbnm',
  'azertyuiop',
  'qsdfghjklm',
  'wxcvbn',
];
const ADJACENT = new Set<string>();
for (const row of KEY_ROWS) {
  for (let i = 0; i + 1 < row.length; i++) {
    ADJACENT.add(row.slice(i, i + 2));
    ADJACENT.add(`${row[i + 1]}${row[i]}`);
  }
}

/** Speech-to-text filler in the seven languages (hesitations only, no real words). */
const FILLER = new Set([
  'um',
  'umm',
  'ummm',
  'uh',
  'uhh',
  'uhm',
  'uhmm',
  'er',
  'erm',
  'err',
  'ehm',
  'em',
  'hm',
  'hmm',
  'hmmm',
  'mm',
  'mmm',
  'mhm',
  'ah',
  'ahh',
  'eh',
  'ehh',
  'äh',
  'ähm',
  'öh',
  'euh',
  'heu',
  'bah',
  'ehm',
  'eeh',
  'uhmm',
  'ehmm',
]);

/**
 * The most common function words of each language, accents folded. A word in several lists
 * counts for each with weight 1/n, so shared words ("de", "in", "a") decide nothing alone.
 */
const FUNCTION_WORDS: Record<string, string> = {
  en: 'the a an and of to is are was were that this it in for with on as be by not or which have has from an at they we you i but can will would there their when what if so because does do its into than then these those been',
  de: 'der die das und ist nicht ein eine einen einem dem den des zu mit auf fur von sich auch es wird werden sind wenn dass oder aber wie bei nach noch nur kann ich wir im zum zur man durch uber diese dieser weil hat haben wurde',
  fr: 'le la les et est un une des du de que qui dans pour pas ne sur avec il elle nous vous je ce cette sont au aux par plus mais ou comme on son sa ses leur ete etre l qu peut fait tres',
  es: 'el la los las y es un una de del que en por para con no se lo al su sus como mas pero este esta son yo cuando porque tambien muy hay ser sin sobre entre si puede cada',
  pt: 'o a os as e um uma de do da dos das que em no na nos nas por para com nao se ao como mais mas seu sua sao esta isso este quando porque tambem muito ha ser pelo pela eu voce cada',
  it: 'il lo la i gli le e un una uno di del della dei che in per con non si da al alla come piu ma sono questo questa quando perche anche molto essere nel nella sul ho io noi l ogni',
  nl: 'de het een en is van dat die niet op te in voor met zijn ook als maar om aan er wordt worden door bij naar kan wat dit deze wij we ik hij zij geen nog dan of',
};
const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English',
  de: 'German',
  fr: 'French',
  es: 'Spanish',
  pt: 'Portuguese',
  it: 'Italian',
  nl: 'Dutch',
};
const STOP = new Map<string, string[]>();
for (const [lang, list] of Object.entries(FUNCTION_WORDS)) {
  for (const w of list.split(' ')) STOP.set(w, [...(STOP.get(w) ?? []), lang]);
}

/** Scripts told apart for answers in another alphabet, and the languages written in them. */
const SCRIPTS: { name: string; test: RegExp; languages: string[] }[] = [
  {
    name: 'Cyrillic',
    test: /\p{Script=Cyrillic}/u,
    languages: ['ru', 'uk', 'bg', 'sr', 'mk', 'be', 'kk', 'ky', 'mn', 'tg'],
  },
  { name: 'Greek', test: /\p{Script=Greek}/u, languages: ['el'] },
  { name: 'Arabic', test: /\p{Script=Arabic}/u, languages: ['ar', 'fa', 'ur', 'ps', 'ckb', 'sd', 'ug'] },
  { name: 'Hebrew', test: /\p{Script=Hebrew}/u, languages: ['he', 'yi', 'iw'] },
  { name: 'Devanagari', test: /\p{Script=Devanagari}/u, languages: ['hi', 'mr', 'ne', 'sa', 'kok', 'mai'] },
  { name: 'Thai', test: /\p{Script=Thai}/u, languages: ['th'] },
  { name: 'Hangul', test: /\p{Script=Hangul}/u, languages: ['ko'] },
  { name: 'Japanese', test: /[\p{Script=Hiragana}\p{Script=Katakana}]/u, languages: ['ja'] },
  { name: 'Chinese', test: /\p{Script=Han}/u, languages: ['zh', 'ja', 'yue', 'wuu'] },
];

const LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;
const MARKS = /\p{M}/gu;
const VOWELS = new Set([...'aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœ']);
const URL_LIKE =
  /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)|^[^@\s]+@[^@\s]+\.[a-z]{2,}$|^[\w.-]*(?:\/[\w.-]+){2,}\/?$/i;
const HEX_BLOB = /^(?:0x)?[0-9a-f]{16,}$/i;
const BASE64_BLOB = /^[A-Za-z0-9+/_-]{20,}={0,2}$/;
/** Symbols that are rare in prose and code alike; typed at random they make up most of a mash. */
const ODD_SYMBOLS = /[@#$~`|\\^&§°¤¬¦]/;

const scriptMemo = new Map<string, string | null>();

/** The script of a non-ASCII letter among SCRIPTS, or null for Latin and the rest (memoised). */
function scriptOf(ch: string): string | null {
  let script = scriptMemo.get(ch);
  if (script === undefined) {
    script = LATIN.test(ch) ? null : (SCRIPTS.find((s) => s.test.test(ch))?.name ?? null);
    if (scriptMemo.size >= 20_000) scriptMemo.clear();
    scriptMemo.set(ch, script);
  }
  return script;
}

let lexiconDoc: { isOOV(text: string): boolean } | undefined;

/** Whether wink-nlp's English lexicon knows the lower-case word. */
function inLexicon(lower: string): boolean {
  lexiconDoc ??= nlp().readDoc('');
  return !lexiconDoc.isOOV(lower);
}

/** Suffixes the lexicon may lack the inflected form of ("accessed", "pointers", "function's"). */
const SUFFIXES: [string, string][] = [
  ["'s", ''],
  ['’s', ''],
  ["'", ''],
  ['ies', 'y'],
  ['ied', 'y'],
  ['es', ''],
  ['s', ''],
  ['ed', ''],
  ['ed', 'e'],
  ['d', ''],
  ['ing', ''],
  ['ing', 'e'],
  ['ly', ''],
  ['er', ''],
  ['ers', ''],
  ['est', ''],
  ['ness', ''],
  ['ment', ''],
  ['ments', ''],
  ['ation', 'e'],
  ['ations', 'e'],
  ['ability', 'able'],
  ['ity', ''],
];

const knownMemo = new Map<string, boolean>();

/** A word the lexicon knows, itself, a stem of it, or every part of a hyphenated compound. */
function isKnown(lower: string): boolean {
  if (lower.length > 30) return false;
  let k = knownMemo.get(lower);
  if (k === undefined) {
    k = inLexicon(lower);
    for (let i = 0; !k && i < SUFFIXES.length; i++) {
      const [suffix, replacement] = SUFFIXES[i] as [string, string];
      if (lower.length > suffix.length + 2 && lower.endsWith(suffix))
        k = inLexicon(lower.slice(0, -suffix.length) + replacement);
    }
    if (!k && /[-'’]/.test(lower)) {
      const parts = lower.split(/[-'’]/).filter((p) => p.length > 0);
      k = parts.length > 0 && parts.every((p) => p.length <= 2 || isKnown(p));
    }
    if (knownMemo.size >= 20_000) knownMemo.clear();
    knownMemo.set(lower, k);
  }
  return k;
}

/** Why an unknown letter word cannot be a word, or null when it could be one. */
function wordJunk(word: string, lower: string): Junk | null {
  // another alphabet: vowels, keyboards and word lengths differ (Chinese has no spaces); the
  // script check judges it
  if (!LATIN.test(lower[0] as string)) return /(.)\1{7}/u.test(lower) ? 'run' : null;
  let run = 1;
  let maxRun = 1;
  let consonants = 0;
  let maxConsonants = 0;
  let vowels = 0;
  let adjacent = 0;
  for (let i = 0; i < lower.length; i++) {
    const c = lower[i] as string;
    if (i > 0) {
      run = c === lower[i - 1] ? run + 1 : 1;
      if (run > maxRun) maxRun = run;
      if (ADJACENT.has(lower.slice(i - 1, i + 1))) adjacent++;
    }
    if (VOWELS.has(c)) {
      vowels++;
      consonants = 0;
    } else if (c !== '-' && c !== "'" && c !== '’') {
      consonants++;
      if (consonants > maxConsonants) maxConsonants = consonants;
    }
  }
  if (maxRun >= 4 && (maxRun * 2 >= lower.length || lower.length <= MAX_WORD)) return 'run';
  if (lower.length > MAX_WORD) return 'long';
  // an acronym (TCP, HPA, RAII) or a capitalised name is a word even when it is unknown
  if (word.length <= 6 && word === word.toUpperCase()) return null;
  if (lower.length >= 4 && adjacent / (lower.length - 1) >= 0.75) return 'mash';
  if (lower.length < 5) return null;
  if (vowels === 0 || maxConsonants >= 5) return 'random';
  const ratio = vowels / lower.length;
  if (lower.length >= 6 && (ratio < 0.15 || ratio > 0.85)) return 'random';
  return null;
}

/** Fold accents for the function-word profiles ("été" → "ete", "für" → "fur"). */
function fold(lower: string): string {
  for (let i = 0; i < lower.length; i++)
    if (lower.charCodeAt(i) > 0x7f) return lower.normalize('NFD').replace(MARKS, '');
  return lower;
}

interface Reading {
  nonSpace: number;
  letters: number;
  /** letter words (no digits or symbols inside), and how many of them the lexicon knows */
  words: number;
  /** distinct words the lexicon knows (up to a few) */
  known: Set<string>;
  /** lower-case letter words (capitalised names and acronyms left out), and how many are unknown */
  plainWords: Set<string>;
  unknownPlain: Set<string>;
  /** characters of tokens that are words, of tokens that cannot be, and of the rest (numbers, code, links) */
  wordChars: number;
  junkChars: number;
  junkBy: Map<Junk, number>;
  fillers: number;
  /** function-word evidence per language, its distinct words, and how many words were function words */
  profile: Map<string, number>;
  distinct: Map<string, Set<string>>;
  functionWords: number;
  /** letters per script outside Latin */
  scripts: Map<string, number>;
}

/** Strip punctuation and symbols from both ends of a token, by scanning (no backtracking). */
function core(token: string): string {
  let from = 0;
  let to = token.length;
  while (from < to && !isAlnum(token.charCodeAt(from), token[from] as string)) from++;
  while (to > from && !isAlnum(token.charCodeAt(to - 1), token[to - 1] as string)) to--;
  return token.slice(from, to);
}

function isAlnum(code: number, ch: string): boolean {
  if (code < 0x80)
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return LETTER.test(ch) || /\p{N}/u.test(ch);
}

/** Read the text once: per-token classes and the character statistics above. */
function read(text: string): Reading {
  const r: Reading = {
    nonSpace: 0,
    letters: 0,
    words: 0,
    known: new Set(),
    plainWords: new Set(),
    unknownPlain: new Set(),
    wordChars: 0,
    junkChars: 0,
    junkBy: new Map(),
    fillers: 0,
    profile: new Map(),
    distinct: new Map(),
    functionWords: 0,
    scripts: new Map(),
  };
  const junk = (kind: Junk, n: number) => {
    r.junkChars += n;
    r.junkBy.set(kind, (r.junkBy.get(kind) ?? 0) + n);
  };
  for (const token of text.split(/\s+/)) {
    if (token === '') continue;
    r.nonSpace += token.length;
    let letters = 0;
    let foreign = 0;
    let digits = 0;
    let odd = 0;
    for (const ch of token) {
      const code = ch.charCodeAt(0);
      if (code < 0x80) {
        if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) letters++;
        else if (code >= 48 && code <= 57) digits++;
        else if (ODD_SYMBOLS.test(ch)) odd++;
      } else if (LETTER.test(ch)) {
        letters++;
        const script = scriptOf(ch);
        if (script === null) continue;
        foreign++;
        r.scripts.set(script, (r.scripts.get(script) ?? 0) + 1);
      } else if (/\p{N}/u.test(ch)) digits++;
      else if (!/\p{P}/u.test(ch)) odd++;
    }
    r.letters += letters;
    const w = core(token);
    // a short word wrapped in a long run of punctuation ("!!!!!!!!a!!!!!!!!"): the run is junk
    const edges = token.length - w.length;
    if (w !== '' && edges >= 6 && edges > w.length) {
      const edge = token.slice(0, token.indexOf(w)) + token.slice(token.indexOf(w) + w.length);
      junk(new Set(edge).size === 1 ? 'run' : 'symbols', edges);
    }
    const width = edges >= 6 && edges > w.length ? w.length : token.length;
    if (w === '') {
      // punctuation and symbols only: "->" and "..." are ordinary, "#$%^&*" is not
      if (token.length >= 8 && new Set(token).size === 1) junk('run', token.length);
      else if (token.length >= 3 && (odd > 0 || new Set(token).size >= 3)) junk('symbols', token.length);
      continue;
    }
    if (/^[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*$/u.test(w)) {
      readWord(r, w, width, junk);
      continue;
    }
    if (letters === 0) {
      // a number, a date, a formula of digits: an answer; a long string of them is not
      if (w.length > MAX_WORD) junk('long', width);
      else if (odd >= 2 && odd * 3 >= token.length) junk('symbols', width);
      continue;
    }
    // another alphabet, written without spaces (Chinese, Japanese, Thai): the script check judges it
    if (foreign * 2 > letters) continue;
    // letters mixed with digits or symbols: code, a version, a link, an identifier — or a blob
    if (URL_LIKE.test(w)) continue;
    if (
      w.length >= 16 &&
      (HEX_BLOB.test(w) || (BASE64_BLOB.test(w) && digits > 0 && /[a-z]/.test(w) && /[A-Z]/.test(w)))
    )
      junk('blob', width);
    else if (w.length > MAX_WORD * 2) junk('long', width);
    else if (odd >= 2 && (odd + digits) * 2 >= token.length && letters * 2 <= token.length)
      junk('random', width);
  }
  return r;
}

/** One letter word: lexicon, junk, filler and function-word evidence. */
function readWord(r: Reading, word: string, width: number, junk: (kind: Junk, n: number) => void): void {
  const lower = word.toLowerCase();
  const plain = word === lower;
  r.words++;
  if (plain && r.plainWords.size < 10_000) r.plainWords.add(lower);
  if (FILLER.has(lower)) {
    r.fillers++;
    r.wordChars += width;
    return;
  }
  const folded = fold(lower);
  for (const part of folded.split(/['’]/)) {
    const langs = STOP.get(part);
    if (!langs) continue;
    r.functionWords++;
    for (const l of langs) {
      r.profile.set(l, (r.profile.get(l) ?? 0) + 1 / langs.length);
      const seen = r.distinct.get(l) ?? new Set<string>();
      if (seen.size < 3) seen.add(part);
      r.distinct.set(l, seen);
    }
  }
  if (isKnown(lower)) {
    if (r.known.size < 1000) r.known.add(lower);
    r.wordChars += width;
    return;
  }
  // capitalised names and acronyms are not evidence of garbling
  if (plain && r.unknownPlain.size < 10_000) r.unknownPlain.add(lower);
  const why = wordJunk(word, lower);
  if (why) junk(why, width);
  else r.wordChars += width;
}

/** The answer's language among the seven profiles, when the evidence is clear; null otherwise. */
function languageOf(r: Reading): string | null {
  if (r.words < MIN_WORDS_FOR_LANGUAGE || r.functionWords < 3 || r.functionWords < 0.25 * r.words)
    return null;
  const ranked = [...r.profile.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < 3 || (r.distinct.get(best[0])?.size ?? 0) < 3) return null;
  if (second && best[1] < 2 * second[1]) return null;
  return best[0];
}

function languageName(code: string): string {
  if (LANGUAGE_NAMES[code]) return LANGUAGE_NAMES[code] as string;
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * Why the answer cannot be judged, as a short sentence for the report, or null when it can be
 * (including when it is empty: the evaluator scores an empty answer itself).
 *
 * @param text the answer as given
 * @param locale the question bank's locale (BCP 47: "en", "en-US", "de"); the answer must be in
 *   its language
 * @param _analysis the evaluator's wink analysis of the same text, accepted so the evaluator can
 *   pass what it has; not needed: this reads the text itself, with one linear scan and lexicon
 *   lookups, so its cost never depends on how wink tokenises an odd input
 */
export function unscorableReason(text: string, locale: string, _analysis?: Analysis): string | null {
  if (text.trim() === '') return null;
  const bank = (locale.split(/[-_]/)[0] ?? 'en').toLowerCase();
  const r = read(text);

  // 1. not language: most of the text is made of things that cannot be words
  const judged = r.wordChars + r.junkChars;
  if (r.junkChars > 0 && r.junkChars * 2 >= judged && r.known.size <= Math.max(2, r.words / 4)) {
    const [kind] = [...r.junkBy.entries()].sort((a, b) => b[1] - a[1])[0] as [Junk, number];
    if (kind !== 'symbols' || r.junkChars >= 10) return JUNK_REASON[kind];
  }
  // symbols and digits with hardly a letter, and no word at all
  if (r.words === 0 && r.nonSpace >= 20 && r.letters * 5 < r.nonSpace && r.junkChars * 4 >= r.nonSpace)
    return JUNK_REASON.symbols;

  // 2. another alphabet than the bank's
  let other = 0;
  let script = '';
  for (const [name, n] of r.scripts) {
    if (n > other) {
      other = n;
      script = name;
    }
  }
  if (r.letters > 0 && other * 2 > r.letters) {
    const s = SCRIPTS.find((x) => x.name === script);
    if (s && !s.languages.includes(bank))
      return `not the bank's language: the answer is written in ${script} script, the bank is in ${languageName(bank)}`;
    return null;
  }

  // 3. another language than the bank's, told by its function words
  const lang = languageOf(r);
  if (lang !== null && lang !== bank) {
    // for a bank in a language without a profile, only a clear majority of function words decides
    if (FUNCTION_WORDS[bank] !== undefined || r.functionWords >= 0.3 * r.words)
      return `not the bank's language: the answer is in ${languageName(lang)}, the bank is in ${languageName(bank)}`;
  }

  // 4. garbled dictation: filler, or words that look like words but are none (English banks only)
  if (r.words >= 4 && r.fillers * 2 >= r.words) return 'garbled dictation: mostly filler (um, uh)';
  if (
    bank === 'en' &&
    (lang === null || lang === 'en') &&
    r.plainWords.size >= MIN_WORDS_FOR_LEXICON &&
    r.unknownPlain.size >= 0.6 * r.plainWords.size
  )
    return 'garbled dictation: most words are not English words';
  return null;
}

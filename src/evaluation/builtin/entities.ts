/**
 * The number-like expressions of a sentence that say when, how long, how much: dates, durations,
 * percentages, money, times and numbered ordinals. Depth counts them as specifics and structure
 * takes an early date for the situation of a story. Plain patterns, linear in the text: wink-nlp's
 * named-entity recogniser found the same and took half of the time of reading an answer.
 */

export interface Entity {
  value: string;
  type: 'DATE' | 'DURATION' | 'PERCENT' | 'MONEY' | 'TIME' | 'ORDINAL';
  /** where it starts in the text */
  at: number;
}

const NUMBER_WORD =
  '(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|a few|a couple of|several)';
// bounded: "1,1,1,…" must not backtrack from every position of a 20,000-character answer
const NUMBER = String.raw`\d{1,15}(?:[.,]\d{1,15}){0,4}`;
const MONTH = '(?:january|february|march|april|june|july|august|september|october|november|december)';
const DAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';

const PATTERNS: { type: Entity['type']; pattern: RegExp }[] = [
  {
    type: 'PERCENT',
    pattern: new RegExp(String.raw`\b${NUMBER}\s?%|\b(?:${NUMBER}|${NUMBER_WORD}) percent\b`, 'gi'),
  },
  {
    type: 'MONEY',
    pattern: new RegExp(
      String.raw`[$€£]\s?${NUMBER}(?:\s?(?:k|m|bn|million|billion|thousand)\b)?|\b${NUMBER}\s?(?:dollars|euros|pounds|usd|eur|gbp)\b`,
      'gi',
    ),
  },
  {
    type: 'DURATION',
    pattern: new RegExp(
      String.raw`\b(?:${NUMBER}|${NUMBER_WORD})[\s-](?:seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|sprints?)\b`,
      'gi',
    ),
  },
  {
    type: 'DATE',
    pattern: new RegExp(
      String.raw`\b(?:last|this|next|that|the following|the previous) (?:year|month|week|quarter|summer|winter|spring|autumn|fall|sprint|release)\b|\b(?:19|20)\d\d\b|\b${MONTH}\b|\b${DAY}\b|\b(?:yesterday|today|tomorrow)\b|\bq[1-4]\b`,
      'gi',
    ),
  },
  {
    type: 'TIME',
    pattern: /\b\d{1,2}(?::\d\d)?\s?(?:a\.?m\.?|p\.?m\.?)(?=\W|$)|\b\d{1,2}:\d\d\b|\bmidnight\b|\bnoon\b/gi,
  },
  { type: 'ORDINAL', pattern: /\b\d+(?:st|nd|rd|th)\b/gi },
];

/** The entities of a text, in the order they start (one scan of the text per kind). */
export function findEntities(text: string): Entity[] {
  const out: Entity[] = [];
  for (const { type, pattern } of PATTERNS) {
    pattern.lastIndex = 0;
    for (const m of text.matchAll(pattern)) out.push({ value: m[0], type, at: m.index });
  }
  return out.sort((a, b) => a.at - b.at);
}

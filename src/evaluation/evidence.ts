/**
 * Evidence quotes must be verbatim: a model may paraphrase or invent, and an invented quote in a
 * report is worse than none. A quote is kept when, after light normalisation (Unicode NFKC, case,
 * whitespace runs, curly quotes and dashes, surrounding quote marks, ellipses and trailing
 * punctuation), it occurs in the answer.
 */

const MIN_QUOTE_CHARS = 3;

function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Strip what models add around a quote: quote marks, ellipses, trailing punctuation. */
function core(quote: string): string {
  return normalize(quote)
    .replace(/^(?:["'`]|\.{3}|\u2026|\s)+/, '')
    .replace(/(?:["'`]|\.{3}|\u2026|[.,;:!?]|\s)+$/, '');
}

/** Checks quotes against one answer. */
export function quoteChecker(answer: string): (quote: string) => boolean {
  const haystack = normalize(answer);
  return (quote) => {
    const needle = core(quote);
    return needle.length >= MIN_QUOTE_CHARS && haystack.includes(needle);
  };
}

/** Unpaired UTF-16 surrogates: PostgreSQL would store them altered (as U+FFFD) or refuse them. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when PostgreSQL text and jsonb can store `v` exactly: no NUL, no unpaired surrogate. */
export function isStorableText(v: string): boolean {
  return !v.includes('\u0000') && !LONE_SURROGATE.test(v);
}

/**
 * The text of a JSON object's first property, as it streams: `{"reply": "Thanks. Next…` yields
 * "Thanks. Next…" piece by piece, its escapes decoded (also when one is split across chunks).
 * Structured Outputs writes properties in schema order, so a reply put first in the schema starts
 * streaming after a handful of tokens, long before the rest of the object. When the object opens
 * with anything else, nothing is yielded: the caller reads the value from the parsed object.
 */

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t';

export interface FieldStream {
  push(chunk: string): void;
  /** the whole string value has been read */
  readonly complete: boolean;
}

export function leadingStringField(name: string, onText: (text: string) => void): FieldStream {
  // What must come before the value, `{"name":"`; whitespace may come between the parts.
  const opening = ['{', '"', ...name, '"', ':', '"'];
  let matched = 0;
  let state: 'head' | 'value' | 'escape' | 'unicode' | 'complete' | 'off' = 'head';
  let hex = '';
  let highSurrogate = '';

  const step = (c: string, out: string[]) => {
    switch (state) {
      case 'head': {
        // whitespace may stand before and after `{`, and on either side of `:`
        const L = opening.length;
        if (isSpace(c) && (matched <= 1 || matched >= L - 2)) return;
        if (c !== opening[matched]) {
          state = 'off';
          return;
        }
        matched++;
        if (matched === L) state = 'value';
        return;
      }
      case 'value':
        if (c === '\\') state = 'escape';
        else if (c === '"') state = 'complete';
        else out.push(c);
        return;
      case 'escape':
        if (c === 'u') {
          state = 'unicode';
          hex = '';
        } else {
          out.push(ESCAPES[c] ?? c);
          state = 'value';
        }
        return;
      case 'unicode': {
        hex += c;
        if (hex.length < 4) return;
        const unit = String.fromCharCode(Number.parseInt(hex, 16));
        state = 'value';
        // a surrogate pair is emitted whole, never split between two deltas
        if (unit >= '\uD800' && unit <= '\uDBFF') highSurrogate = unit;
        else {
          out.push(highSurrogate + unit);
          highSurrogate = '';
        }
        return;
      }
      default:
        return;
    }
  };

  return {
    push(chunk) {
      if (state === 'complete' || state === 'off') return;
      const out: string[] = [];
      for (const c of chunk) step(c, out);
      if (out.length > 0) onText(out.join(''));
    },
    get complete() {
      return state === 'complete';
    },
  };
}

/**
 * The candidate's first name never reaches a model: drafts carry NAME_TOKEN where the name goes,
 * and the name is put back in what the model wrote, in whole replies and in streamed ones.
 */

export const NAME_TOKEN = '[[first_name]]';

/** `text` with the name in place of every NAME_TOKEN (left as it is without a name). */
export const withName = (text: string, name: string | undefined): string =>
  name ? text.split(NAME_TOKEN).join(name) : text;

/**
 * The same for a stream of pieces: a piece that ends in what may be the start of NAME_TOKEN is
 * held back until the next one tells, so the token is never shown half replaced.
 */
export function nameStream(name: string | undefined, emit: (text: string) => void) {
  let held = '';
  return {
    push(piece: string) {
      const text = withName(held + piece, name);
      let keep = 0;
      for (let n = Math.min(NAME_TOKEN.length - 1, text.length); n > 0; n--) {
        if (NAME_TOKEN.startsWith(text.slice(-n))) {
          keep = n;
          break;
        }
      }
      held = text.slice(text.length - keep);
      const ready = text.slice(0, text.length - keep);
      if (ready) emit(ready);
    },
    /** whatever was held back (the stream ended on it) */
    flush() {
      if (held) emit(held);
      held = '';
    },
  };
}

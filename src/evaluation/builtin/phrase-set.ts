/**
 * A fixed list of phrases (as matching keys) found in a word sequence in one pass. Checking
 * each phrase with findPhrase costs phrases × words; indexing the phrases by their first key
 * means each word only meets the few phrases that start with it. Same answers as findPhrase.
 */
export class PhraseSet {
  readonly phrases: readonly (readonly string[])[];
  /** first key → indices of the phrases starting with it, ascending */
  private readonly byFirst = new Map<string, number[]>();

  constructor(phrases: readonly (readonly string[])[]) {
    this.phrases = phrases;
    phrases.forEach((keys, i) => {
      const first = keys[0];
      if (first === undefined) return;
      const list = this.byFirst.get(first);
      if (list) list.push(i);
      else this.byFirst.set(first, [i]);
    });
  }

  /** Every occurrence of every phrase: visit(phrase index, start), by start, then phrase index. */
  each(words: readonly { key: string }[], visit: (phrase: number, start: number) => void): void {
    for (let i = 0; i < words.length; i++) {
      const starting = this.byFirst.get(words[i]!.key);
      if (!starting) continue;
      next: for (const p of starting) {
        const keys = this.phrases[p]!;
        if (i + keys.length > words.length) continue;
        for (let j = 1; j < keys.length; j++) if (words[i + j]!.key !== keys[j]) continue next;
        visit(p, i);
      }
    }
  }

  /** The phrases that occur in the words (on whole tokens), as indices, ascending, each once. */
  present(words: readonly { key: string }[]): number[] {
    const found: number[] = [];
    this.each(words, (p) => {
      found.push(p);
    });
    found.sort((a, b) => a - b);
    return found.filter((p, i) => p !== found[i - 1]);
  }
}

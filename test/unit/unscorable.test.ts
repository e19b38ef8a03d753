import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/evaluation/builtin/text.ts';
import { unscorableReason } from '../../src/evaluation/builtin/unscorable.ts';

/**
 * Answers that cannot be judged (not language, not the bank's language, garbled dictation)
 * get a reason; everything a person could grade, however short, wrong or badly spelled, gets
 * null and is scored.
 */

describe('not language', () => {
  const cases: [string, string][] = [
    ['asdfgh jkl qwerty', 'not language: keyboard mash'],
    ['qwertyuiop asdfghjkl zxcvbnm', 'not language: keyboard mash'],
    ['xj3$k9!@ qz&*7 #%f8g mn@!k2', 'not language: random characters'],
    ['fjdkslaöw ieurzt xkqzvb wprtzl', 'not language: random characters'],
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'not language: one character repeated'],
    ['!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!', 'not language: one character repeated'],
    ['a'.repeat(20_000), 'not language: one character repeated'],
    ['#$%^&*()_+ @#$%^&* !@#$%', 'not language: symbols and digits with no words'],
    ['123 !@# 456 $%^ 789 &*( 000 ###', 'not language: symbols and digits with no words'],
    [
      'U29tZSByYW5kb20gYmFzZTY0IHRleHQgaGVyZSBmb3IgdGVzdGluZw==',
      'not language: an encoded blob (base64 or hex), no words',
    ],
    ['4f3a9b2c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a', 'not language: an encoded blob (base64 or hex), no words'],
  ];
  it.each(cases)('%j: %s', (text, reason) => {
    expect(unscorableReason(text, 'en')).toBe(reason);
  });

  it('a single 20,000-character word that is not one letter repeated is one long string', () => {
    let seed = 7;
    const letters = Array.from({ length: 20_000 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return String.fromCharCode(97 + (seed % 26));
    }).join('');
    expect(unscorableReason(letters, 'en')).toBe('not language: one long string with no spaces');
  });
});

describe("not the bank's language", () => {
  const answers: [string, string][] = [
    [
      'Der Stapel ist eine Datenstruktur, bei der das zuletzt eingefügte Element zuerst entfernt wird.',
      'German',
    ],
    [
      'La pile est une structure de données dans laquelle le dernier élément ajouté est le premier retiré.',
      'French',
    ],
    [
      'Una pila es una estructura de datos en la que el último elemento agregado es el primero en salir.',
      'Spanish',
    ],
    [
      'Uma pilha é uma estrutura de dados em que o último elemento inserido é o primeiro a ser removido.',
      'Portuguese',
    ],
    [
      "Una pila è una struttura dati in cui l'ultimo elemento inserito è il primo a essere rimosso.",
      'Italian',
    ],
    [
      'Een stapel is een datastructuur waarbij het laatst toegevoegde element als eerste wordt verwijderd.',
      'Dutch',
    ],
  ];
  it.each(answers)('%j in an English bank is %s', (text, language) => {
    expect(unscorableReason(text, 'en')).toBe(
      `not the bank's language: the answer is in ${language}, the bank is in English`,
    );
    expect(unscorableReason(text, 'en-US')).not.toBeNull();
  });

  it('an answer in the bank’s own language is scorable, whichever of the seven it is', () => {
    const codes = ['de', 'fr', 'es', 'pt', 'it', 'nl'];
    answers.forEach(([text], i) => {
      expect(unscorableReason(text, codes[i]!)).toBeNull();
    });
    expect(unscorableReason(answers[0]![0], 'de-DE')).toBeNull();
  });

  it('an English answer in a German bank is not in the bank’s language', () => {
    expect(
      unscorableReason(
        'A stack is a data structure where the last element that was added is the first one to be removed.',
        'de',
      ),
    ).toBe("not the bank's language: the answer is in English, the bank is in German");
  });

  it('another alphabet than the bank’s', () => {
    const russian =
      'Стек — это структура данных, в которой последний добавленный элемент извлекается первым.';
    expect(unscorableReason(russian, 'en')).toBe(
      "not the bank's language: the answer is written in Cyrillic script, the bank is in English",
    );
    expect(unscorableReason(russian, 'ru')).toBeNull();
    expect(unscorableReason('栈是一种数据结构，最后添加的元素最先被移除。', 'en')).toBe(
      "not the bank's language: the answer is written in Chinese script, the bank is in English",
    );
    expect(unscorableReason('栈是一种数据结构，最后添加的元素最先被移除。', 'zh-CN')).toBeNull();
  });

  it('decides only on clear evidence: short foreign answers and English with foreign words stay scorable', () => {
    expect(unscorableReason('Ich weiß es nicht.', 'en')).toBeNull();
    expect(unscorableReason('Der Stapel ist LIFO.', 'en')).toBeNull();
    expect(
      unscorableReason(
        "We use the German word Schadenfreude and the French phrase raison d'être in our docs, but the API is in English.",
        'en',
      ),
    ).toBeNull();
    expect(
      unscorableReason(
        'In Spanish the error reads "la conexión fue rechazada por el servidor", so we added a retry with backoff.',
        'en',
      ),
    ).toBeNull();
  });
});

describe('garbled dictation', () => {
  it('a run of filler', () => {
    expect(unscorableReason('um uh um uh um uh um', 'en')).toBe('garbled dictation: mostly filler (um, uh)');
    expect(unscorableReason('uh um uh er um hmm uh um', 'en')).toBe(
      'garbled dictation: mostly filler (um, uh)',
    );
  });

  it('words that look like words but are not English', () => {
    expect(
      unscorableReason('the flibber wonkers grattled the snozzberry plimbus and frandled wiggets', 'en'),
    ).toBe('garbled dictation: most words are not English words');
    expect(
      unscorableReason('teh stak iz wen u puut thingz on tpo adn taek thm of frum teh tpo lol', 'en'),
    ).toBe('garbled dictation: most words are not English words');
  });

  it('some filler in a real answer is not garbled', () => {
    expect(unscorableReason('um I think a stack is uh LIFO', 'en')).toBeNull();
  });
});

describe('scorable: judged, however short, wrong or badly written', () => {
  const scorable = [
    '',
    '   ',
    "I don't know",
    'no idea',
    'pass',
    'infinite',
    'All but the first.',
    'O(n log n)',
    '42',
    '3.14159',
    '0 1 1 2 3 5 8 13 21 34 55 89',
    'T(n) = 2T(n/2) + O(n)',
    '?',
    '...',
    'RAII',
    'bfs',
    'BFS DFS LIFO FIFO',
    'whenevery you dont specifiy your own constructor the compiler makes one',
    'the base case is one element',
    'k8s HPA scales pods on p99 latency',
    '```js\nfunction add(a, b) {\n  return a + b;\n}\n```',
    'int *p = &x; p++; *p = 5;',
    'a && b || !c',
    'nonconst -> nonconst const -> nonconst nonconst -> const const -> const',
    'With int x[10]; int *xPtr; xPtr = x; Address &x[1] is the same as xPtr + 1.',
    'The SHA 4f3a9b2c8d7e6f5a4b3c2d1e0f9a8b7c introduced the bug, so we reverted it and added a regression test.',
    'See https://example.com/docs/stack-vs-queue for details.',
  ];
  it.each(scorable)('%j', (text) => {
    expect(unscorableReason(text, 'en')).toBeNull();
  });

  it('accepts the evaluator’s analysis of the same text and gives the same answer', () => {
    for (const text of ['asdfgh jkl qwerty', 'the base case is one element']) {
      expect(unscorableReason(text, 'en', analyse(text))).toBe(unscorableReason(text, 'en'));
    }
  });

  const graded = path.resolve(import.meta.dirname, '../../../shared/data/grading/unt-cs-dev/graded.jsonl');
  it.skipIf(!existsSync(graded))('none of the human-graded student answers is unscorable', () => {
    const flagged = readFileSync(graded, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { id: string; answer: string })
      .filter((a) => unscorableReason(a.answer, 'en') !== null)
      .map((a) => a.id);
    expect(flagged).toEqual([]);
  });
});

describe('linear cost', () => {
  const N = 20_000;
  const repeat = (s: string) => s.repeat(Math.ceil(N / s.length)).slice(0, N);
  const inputs: Record<string, string> = {
    'one 20,000-character word': 'x'.repeat(N),
    prose: repeat('A binary search tree keeps keys ordered, so lookups take O(log n) when balanced. '),
    German: repeat(
      'Der Stapel ist eine Datenstruktur, bei der das zuletzt eingefügte Element zuerst entfernt wird. ',
    ),
    'Chinese without spaces': repeat('栈是一种数据结构，最后添加的元素最先被移除。'),
    'punctuation around one letter': `${'!'.repeat(N / 2)}a${'!'.repeat(N / 2 - 1)}`,
    emoji: repeat('👍'),
    'random symbols': repeat('!@#$%^&*()_+{}|:"<>?~`-=[]\\;\',./'),
    hyphens: repeat('a-'),
  };
  it.each(Object.entries(inputs))('%s: well under the guard of 200 ms', (_name, text) => {
    unscorableReason(text, 'en');
    const t0 = performance.now();
    unscorableReason(`${text.slice(0, -1)}y`, 'en');
    expect(performance.now() - t0).toBeLessThan(200);
  });
});

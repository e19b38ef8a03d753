import type { Manifest, ManifestQuestion } from '../plugins/index.ts';
import type { EvaluationInput } from './types.ts';

/**
 * The input that scores an answer to one of a bank's questions as the first turn of an interview
 * (no earlier answers, no follow-up), as the golden-answer test, calibration and the bench do.
 */
export function firstTurnInput(
  manifest: Manifest,
  question: ManifestQuestion,
  answer: string,
): EvaluationInput {
  const rubric = manifest.rubrics.find((r) => r.id === question.rubric);
  if (!rubric) throw new Error(`question "${question.id}" names an unknown rubric "${question.rubric}"`);
  return {
    question,
    rubric,
    answer,
    history: [],
    plugin: { id: manifest.id, version: manifest.version },
    locale: manifest.locale,
    bank: manifest,
  };
}

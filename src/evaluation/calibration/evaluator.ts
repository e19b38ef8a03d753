import type { Config } from '../../config/index.ts';
import { createBuiltinEvaluator } from '../builtin/evaluator.ts';
import type { Evaluator } from '../types.ts';

/**
 * The evaluator a calibration run scores with: the built-in one, or the LLM evaluator configured
 * from the OPENAI_* settings exactly as the worker builds it (falling back to the built-in one on
 * any failure, and saying so on the evaluation). The LLM code and the OpenAI SDK load only when
 * asked for.
 */

export const CALIBRATION_EVALUATORS = ['builtin', 'llm'] as const;
export type CalibrationEvaluatorKind = (typeof CALIBRATION_EVALUATORS)[number];

export async function chooseEvaluator(
  kind: CalibrationEvaluatorKind,
  openai: Config['openai'],
): Promise<Evaluator> {
  const builtin = createBuiltinEvaluator();
  if (kind === 'builtin') return builtin;
  if (!openai)
    throw new Error(
      '--evaluator llm needs OPENAI_API_KEY (and OPENAI_BASE_URL for a server other than OpenAI)',
    );
  const [{ createOpenAiClient }, { createLlmEvaluator }] = await Promise.all([
    import('../../ai/openai-client.ts'),
    import('../llm-evaluator.ts'),
  ]);
  return createLlmEvaluator({ client: createOpenAiClient(openai), model: openai.model, fallback: builtin });
}

export { createBuiltinEvaluator, evaluateAnswer } from './builtin/evaluator.ts';
export { type Analysis, analyse, findPhrase, isContent, round, type Token } from './builtin/text.ts';
export { compactVectorsFile, wordVectors } from './builtin/vectors.ts';
export { warmUpEvaluator } from './builtin/warm-up.ts';
export {
  averageRanks,
  bias,
  mean,
  meanAbsoluteError,
  pearson,
  quadraticWeightedKappa,
  spearman,
} from './calibration/agreement.ts';
export {
  CALIBRATION_EVALUATORS,
  type CalibrationEvaluatorKind,
  chooseEvaluator,
} from './calibration/evaluator.ts';
export {
  GradedFileError,
  type GradedItem,
  type GradedLineProblem,
  parseGradedFile,
} from './calibration/graded-file.ts';
export { escapeHtml, renderCalibrationHtml, unitHash } from './calibration/render-html.ts';
export { renderCalibrationText, sparkBar } from './calibration/render-text.ts';
export {
  agreementOf,
  buildCalibrationReport,
  type CalibrationReport,
  calibrationJson,
} from './calibration/report.ts';
export { type ScoredItem, scoreGradedItems } from './calibration/run.ts';
export {
  DEFAULT_SCALE,
  formatScale,
  type GradeScale,
  gradeTo100,
  gradeToGrid,
  parseScale,
  scoreToGrid,
} from './calibration/scale.ts';
export { firstTurnInput } from './first-turn.ts';
export { createLlmEvaluator } from './llm-evaluator.ts';
export {
  createLlmTurnEvaluator,
  type LlmTurnEvaluator,
  type TurnCallOptions,
  type TurnCallResult,
  type TurnWording,
} from './llm-turn-evaluator.ts';
export { buildReport, DEFAULT_THRESHOLDS, type Recommendation, type Report } from './report.ts';
export {
  type CriterionScore,
  type Evaluation,
  type EvaluationInput,
  type Evaluator,
  type Level,
  type PointCoverage,
  RED_FLAG_KINDS,
  type RedFlag,
  type RedFlagKind,
  scoreFromCriteria,
} from './types.ts';

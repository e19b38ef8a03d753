export {
  BUILTIN_EVALUATOR_NAME,
  BUILTIN_EVALUATOR_VERSION,
  createBuiltinEvaluator,
  evaluateAnswer,
} from './builtin/evaluator.ts';
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

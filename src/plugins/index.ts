export { planQuotas, type Quotas } from './interview-plan.ts';
export { manifestJsonSchema } from './json-schema.ts';
export {
  Competency,
  ExpectedPoint,
  FollowUp,
  INTERVIEW_LENGTH,
  InterviewSettings,
  Locale,
  LocalId,
  MANIFEST_MAX_BYTES,
  type Manifest,
  type ManifestQuestion,
  type ManifestRubric,
  PHASES,
  type Phase,
  PLUGIN_ID_MESSAGE,
  PLUGIN_ID_PATTERN,
  PluginId,
  PRIVATE_PLUGIN_PREFIX,
  Question,
  RecommendationThresholds,
  Rubric,
  SEMVER_MESSAGE,
  SEMVER_PATTERN,
  SemVer,
  Text,
} from './manifest.ts';
export * from './registry/index.ts';
export { starterManifest } from './starter.ts';
export { type ManifestProblem, type ValidationResult, validateManifest } from './validate.ts';

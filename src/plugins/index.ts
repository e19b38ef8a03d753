export { manifestJsonSchema } from './json-schema.ts';
export {
  MANIFEST_MAX_BYTES,
  type Manifest,
  type ManifestQuestion,
  type ManifestRubric,
  PHASES,
  type Phase,
  PLUGIN_ID_MESSAGE,
  PLUGIN_ID_PATTERN,
  PluginId,
  SEMVER_MESSAGE,
  SEMVER_PATTERN,
  SemVer,
} from './manifest.ts';
export * from './registry/index.ts';
export { starterManifest } from './starter.ts';
export { type ManifestProblem, type ValidationResult, validateManifest } from './validate.ts';

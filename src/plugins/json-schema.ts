import { z } from 'zod';
import { ManifestSchema } from './manifest.ts';

let cached: Record<string, unknown> | undefined;

/**
 * The manifest as JSON Schema (2020-12) for partners' editors and tools. Cross-reference rules
 * (ids resolve, ids unique) are not expressible in JSON Schema; `plugin validate` checks them.
 */
export function manifestJsonSchema(): Record<string, unknown> {
  cached ??= {
    ...z.toJSONSchema(ManifestSchema, { io: 'input', unrepresentable: 'any' }),
    $id: '/api/v1/plugins/manifest.schema.json',
    title: 'AI Interviewer question-bank plugin manifest (plugin.json)',
    description:
      'Declarative question bank: roles, competencies, rubrics, questions and golden answers. ' +
      'References between them (rubric ids, competencies, roles, expected points) must resolve.',
  };
  return cached;
}

import { readFileSync } from 'node:fs';

/**
 * Prompt templates live as versioned files in ./prompts (`<name>.v<version>.md`), so a prompt
 * change is a reviewable diff and a new version, never a silent edit: the prompt id (e.g.
 * `evaluate-answer.v1`) is recorded in every evaluator version string. A leading HTML comment in
 * a template documents it and is stripped before use. Placeholders are `{{snake_case}}`.
 */

export const PROMPT_NAMES = [
  'evaluate-answer',
  'interviewer-reply',
  'summarize-exchanges',
  'draft-position',
  'evaluate-and-reply',
] as const;
export type PromptName = (typeof PROMPT_NAMES)[number];

export interface PromptTemplate {
  /** `<name>.v<version>`, e.g. `evaluate-answer.v1` */
  readonly id: string;
  readonly text: string;
  /** the placeholder names the template uses, sorted */
  readonly placeholders: readonly string[];
  /** fill every placeholder in one pass (values are not re-scanned); a missing value throws */
  render(values: Readonly<Record<string, string>>): string;
}

const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;
const LEADING_COMMENT = /^\s*<!--[\s\S]*?-->\s*/;
const cache = new Map<string, PromptTemplate>();

export function loadPrompt(name: PromptName, version = 1): PromptTemplate {
  if (!PROMPT_NAMES.includes(name)) throw new Error(`unknown prompt "${name}"`);
  if (!Number.isInteger(version) || version < 1) throw new Error(`invalid prompt version ${version}`);
  const id = `${name}.v${version}`;
  const cached = cache.get(id);
  if (cached) return cached;
  let raw: string;
  try {
    raw = readFileSync(new URL(`./prompts/${id}.md`, import.meta.url), 'utf8');
  } catch {
    throw new Error(`prompt ${id} not found`);
  }
  const template = parsePrompt(id, raw);
  cache.set(id, template);
  return template;
}

/** Build a template from its file text (exported for tests). */
export function parsePrompt(id: string, raw: string): PromptTemplate {
  const text = raw.replace(LEADING_COMMENT, '').trim();
  const placeholders = [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
  return {
    id,
    text,
    placeholders,
    render(values) {
      const missing = placeholders.filter((p) => values[p] === undefined);
      if (missing.length > 0) throw new Error(`prompt ${id}: missing ${missing.join(', ')}`);
      return text.replace(PLACEHOLDER, (_, key: string) => values[key]!);
    },
  };
}

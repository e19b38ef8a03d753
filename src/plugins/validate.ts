import { createHash } from 'node:crypto';
import { isStorableText } from '../db/index.ts';
import { MANIFEST_MAX_BYTES, MANIFEST_MAX_DEPTH, type Manifest, ManifestSchema } from './manifest.ts';

export interface ManifestProblem {
  /** JSON pointer into the manifest, e.g. `/questions/3/rubric` ('' is the whole document) */
  path: string;
  message: string;
}

export type ValidationResult =
  | { ok: true; manifest: Manifest; sha256: string }
  | { ok: false; problems: ManifestProblem[] };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const pointer = (path: readonly PropertyKey[]) =>
  path.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/** Walk the parsed JSON before the schema sees it: depth, prototype-polluting keys, unstorable text. */
function structuralProblems(value: unknown): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (problems.length >= 50) return;
    if (typeof v === 'string' && !isStorableText(v)) {
      problems.push({ path: pointer(path), message: 'contains a NUL character or an unpaired surrogate' });
      return;
    }
    if (v === null || typeof v !== 'object') return;
    if (path.length > MANIFEST_MAX_DEPTH) {
      problems.push({ path: pointer(path), message: `nested deeper than ${MANIFEST_MAX_DEPTH} levels` });
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        walk(item, [...path, i]);
      });
      return;
    }
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key) || !isStorableText(key)) {
        problems.push({ path: pointer([...path, key]), message: `key "${key}" is not allowed` });
      } else walk((v as Record<string, unknown>)[key], [...path, key]);
    }
  };
  walk(value, []);
  return problems;
}

/** Canonical JSON (object keys sorted) so equal content hashes equally however it was formatted. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

export const manifestSha256 = (manifest: Manifest) =>
  createHash('sha256').update(canonicalJson(manifest)).digest('hex');

/**
 * Validate a manifest given as JSON text (or bytes) or as an already parsed value. Returns every
 * problem with its JSON path, or the normalised manifest and its content hash.
 */
export function validateManifest(input: string | Uint8Array | unknown): ValidationResult {
  let value = input;
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
    if (size > MANIFEST_MAX_BYTES) {
      return {
        ok: false,
        problems: [{ path: '', message: `manifest is ${size} bytes; the limit is ${MANIFEST_MAX_BYTES}` }],
      };
    }
    try {
      value = JSON.parse(typeof input === 'string' ? input : Buffer.from(input).toString('utf8'));
    } catch (err) {
      return { ok: false, problems: [{ path: '', message: `not valid JSON: ${(err as Error).message}` }] };
    }
  }
  // Depth first: serialising a pathologically deep value to measure it would overflow the stack.
  const structural = structuralProblems(value);
  if (structural.length) return { ok: false, problems: structural };
  if (value === input && Buffer.byteLength(JSON.stringify(input) ?? '') > MANIFEST_MAX_BYTES) {
    return {
      ok: false,
      problems: [{ path: '', message: `manifest is larger than ${MANIFEST_MAX_BYTES} bytes` }],
    };
  }

  const parsed = ManifestSchema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => ({
              path: pointer([...issue.path, key]),
              message: `unknown key "${key}"`,
            }))
          : [{ path: pointer(issue.path), message: issue.message }],
      ),
    };
  }
  const { $schema: _ignored, ...manifest } = parsed.data;
  return { ok: true, manifest: manifest as Manifest, sha256: manifestSha256(manifest as Manifest) };
}

import { z } from '@hono/zod-openapi';
import { isStorableText } from '../db/index.ts';
import { ERROR_CODES, type ErrorCode } from '../errors/index.ts';
import { PLUGIN_ID_MESSAGE, PLUGIN_ID_PATTERN, SEMVER_MESSAGE, SEMVER_PATTERN } from '../plugins/index.ts';
import { PROBLEM_CONTENT_TYPE } from './problem.ts';

/** Shared request/response pieces for route definitions; each route file composes these. */

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    // quota_exceeded (402): which limit, and where the tenant stands
    quota: z.string().optional(),
    limit: z.number().int().optional(),
    used: z.number().int().optional(),
    plan: z.string().optional(),
    planName: z.string().optional(),
    // version_conflict (409)
    currentVersion: z.number().int().optional(),
  })
  .openapi('Problem');

/** The problem+json responses a route can answer with, by status. */
export function problems(...statuses: number[]) {
  const out: Record<
    number,
    { description: string; content: Record<string, { schema: typeof ProblemSchema }> }
  > = {};
  for (const status of statuses) {
    const codes = Object.entries(ERROR_CODES)
      .filter(([, v]) => v.status === status)
      .map(([k]) => k);
    out[status] = {
      description: `Problem: ${codes.join(', ')}`,
      content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
    };
  }
  return out;
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { body: { required: true, content: { 'application/json': { schema } } } } as const;
}

export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

export const IdParams = z.object({
  id: z.uuid({ message: 'must be a UUID' }).openapi({ param: { name: 'id', in: 'path' } }),
});

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ example: 50 }),
  cursor: z.string().max(200).optional().openapi({ description: 'nextCursor from the previous page' }),
});

export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
}

export const storable = isStorableText;
export const UNSTORABLE_TEXT = { message: 'must not contain NUL characters or unpaired surrogates' };

/** A trimmed single piece of human text, `min`..`max` characters. */
export const Text = (min: number, max: number) =>
  z.string().trim().min(min).max(max).refine(storable, UNSTORABLE_TEXT);

export const RoleSchema = z.enum(['owner', 'admin', 'recruiter', 'viewer']);

export const Email = z
  .email({ message: 'must be an email address' })
  .max(254)
  .refine(storable, UNSTORABLE_TEXT)
  .transform((v) => v.toLowerCase());

/** An absolute http(s) URL (no javascript:, data: or relative URLs). */
export const HttpUrl = z
  .url({ message: 'must be an http(s) URL' })
  .max(2048)
  .refine((v) => /^https?:\/\//i.test(v) && storable(v), { message: 'must be an http(s) URL' });

export const Password = z
  .string()
  .min(10, { message: 'must be at least 10 characters' })
  .max(256)
  .refine(storable, UNSTORABLE_TEXT);

export const Slug = z
  .string()
  .min(2)
  .max(63)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, {
    message: 'lowercase letters, digits and inner hyphens only',
  });

export const bearerSecurity = [{ bearer: [] }];

/**
 * Plugin ids and versions as request fields. Built here with the OpenAPI-aware zod (schemas made
 * by plain zod elsewhere lack `.openapi`), from the patterns the manifest schema uses.
 */
export const PluginIdField = z
  .string()
  .min(3)
  .max(100)
  .regex(PLUGIN_ID_PATTERN, { message: PLUGIN_ID_MESSAGE });
export const SemVerField = z.string().max(64).regex(SEMVER_PATTERN, { message: SEMVER_MESSAGE });

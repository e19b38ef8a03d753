import { z } from '@hono/zod-openapi';
import type { ApiKey, Tenant, User } from '../db/index.ts';
import { DEFAULT_THRESHOLDS } from '../evaluation/index.ts';
import { RoleSchema } from './openapi.ts';

/** Public shapes of stored objects: what the API returns, never hashes. */

export const BrandingSchema = z
  .object({
    displayName: z.string().nullable(),
    logoUrl: z.string().nullable(),
    primaryColor: z.string().nullable(),
    welcomeMessage: z.string().nullable(),
  })
  .openapi('Branding');

export const ThresholdsSchema = z
  .object({
    strongHire: z.number().int().min(0).max(100),
    hire: z.number().int().min(0).max(100),
    leanNo: z.number().int().min(0).max(100),
  })
  .openapi('RecommendationThresholds');

export const TenantSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    slug: z.string(),
    branding: BrandingSchema,
    recommendationThresholds: ThresholdsSchema.openapi({
      description: 'minimum overall score per recommendation',
    }),
    noticeLeadBusinessDays: z.number().int(),
    candidateRetentionDays: z.number().int().nullable().openapi({
      description: "days after a candidate's last interview ended until their data is erased (null: kept)",
    }),
    deletion: z
      .object({ requestedAt: z.string(), deleteAfter: z.string() })
      .nullable()
      .openapi({ description: 'a scheduled deletion of the organisation, restorable until deleteAfter' }),
    createdAt: z.string(),
  })
  .openapi('Tenant');

export const UserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: RoleSchema,
    status: z.enum(['active', 'invited']).openapi({
      description: '`invited`: invited by email, has not chosen a password yet (cannot sign in)',
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('User');

export const ApiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    role: RoleSchema,
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi('ApiKey');

export const tenantView = (t: Tenant): z.infer<typeof TenantSchema> => ({
  id: t.id,
  name: t.name,
  slug: t.slug,
  branding: {
    displayName: t.displayName,
    logoUrl: t.logoUrl,
    primaryColor: t.primaryColor,
    welcomeMessage: t.welcomeMessage,
  },
  recommendationThresholds: t.recommendationThresholds ?? DEFAULT_THRESHOLDS,
  noticeLeadBusinessDays: t.noticeLeadBusinessDays,
  candidateRetentionDays: t.candidateRetentionDays,
  deletion:
    t.deletionRequestedAt && t.deletionDueAt
      ? { requestedAt: t.deletionRequestedAt.toISOString(), deleteAfter: t.deletionDueAt.toISOString() }
      : null,
  createdAt: t.createdAt.toISOString(),
});

export const userView = (u: User): z.infer<typeof UserSchema> => ({
  id: u.id,
  email: u.email,
  role: u.role,
  status: u.passwordHash === null ? 'invited' : 'active',
  createdAt: u.createdAt.toISOString(),
  updatedAt: u.updatedAt.toISOString(),
});

export const apiKeyView = (k: ApiKey): z.infer<typeof ApiKeySchema> => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  role: k.role,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
});

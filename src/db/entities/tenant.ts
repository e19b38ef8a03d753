import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { uuidv7 } from '../ids.ts';

export interface Branding {
  displayName: string | null;
  logoUrl: string | null;
  primaryColor: string | null;
  welcomeMessage: string | null;
}

/** Minimum overall scores (0-100) for each recommendation; below `leanNo` is no_hire. */
export interface RecommendationThresholds {
  strongHire: number;
  hire: number;
  leanNo: number;
}

/** A company using the platform. Its own id is the tenant id that RLS compares against. */
export class Tenant {
  [OptionalProps]?:
    | 'createdAt'
    | 'updatedAt'
    | 'displayName'
    | 'logoUrl'
    | 'primaryColor'
    | 'welcomeMessage'
    | 'recommendationThresholds'
    | 'noticeLeadBusinessDays'
    | 'candidateRetentionDays'
    | 'deletionRequestedAt'
    | 'deletionDueAt';
  id: string = uuidv7();
  name!: string;
  slug!: string;
  displayName: string | null = null;
  logoUrl: string | null = null;
  primaryColor: string | null = null;
  welcomeMessage: string | null = null;
  /** score thresholds for recommendations; null means the platform defaults */
  recommendationThresholds: RecommendationThresholds | null = null;
  /** business days of notice a scheduled interview needs (0: none), e.g. 10 where LL144 applies */
  noticeLeadBusinessDays = 0;
  /** candidates are erased this many days after their last interview ended; null keeps them */
  candidateRetentionDays: number | null = 365;
  /** the owner asked to delete the tenant: when, and when the grace period ends */
  deletionRequestedAt: Date | null = null;
  deletionDueAt: Date | null = null;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const TenantSchema = new EntitySchema<Tenant>({
  class: Tenant,
  tableName: 'tenants',
  filters: {
    tenant: { name: 'tenant', cond: (args: { tenantId: string }) => ({ id: args.tenantId }), default: true },
  },
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'string' },
    slug: { type: 'string', unique: true },
    displayName: { type: 'string', nullable: true },
    logoUrl: { type: 'string', nullable: true },
    primaryColor: { type: 'string', nullable: true },
    welcomeMessage: { type: 'text', nullable: true },
    recommendationThresholds: { type: 'json', nullable: true },
    noticeLeadBusinessDays: { type: 'integer' },
    candidateRetentionDays: { type: 'integer', nullable: true },
    deletionRequestedAt: { type: 'Date', nullable: true },
    deletionDueAt: { type: 'Date', nullable: true },
    createdAt: { type: 'Date', onCreate: () => new Date() },
    updatedAt: { type: 'Date', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});

import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { uuidv7 } from '../ids.ts';
import { tenantFilter } from './tenant-filter.ts';

export const ROLES = ['owner', 'admin', 'recruiter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** A member of a tenant: signs in with email and password, acts with one role. */
export class User {
  [OptionalProps]?: 'createdAt' | 'updatedAt';
  id: string = uuidv7();
  tenantId!: string;
  email!: string;
  /** null for a member invited by email who has not set a password yet */
  passwordHash!: string | null;
  role!: Role;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const UserSchema = new EntitySchema<User>({
  class: User,
  tableName: 'users',
  filters: { tenant: tenantFilter },
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid' },
    email: { type: 'string' },
    passwordHash: { type: 'string', hidden: true, nullable: true },
    role: { type: 'string' },
    createdAt: { type: 'Date', onCreate: () => new Date() },
    updatedAt: { type: 'Date', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});

import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { uuidv7 } from '../ids.ts';
import { tenantFilter } from './tenant-filter.ts';
import type { Role } from './user.ts';

/** A machine credential of a tenant (e.g. for its ATS). Only the SHA-256 of the key is kept. */
export class ApiKey {
  [OptionalProps]?: 'createdAt' | 'createdBy' | 'lastUsedAt';
  id: string = uuidv7();
  tenantId!: string;
  name!: string;
  prefix!: string;
  keyHash!: string;
  role!: Role;
  createdBy: string | null = null;
  lastUsedAt: Date | null = null;
  createdAt: Date = new Date();
}

export const ApiKeySchema = new EntitySchema<ApiKey>({
  class: ApiKey,
  tableName: 'api_keys',
  filters: { tenant: tenantFilter },
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid' },
    name: { type: 'string' },
    prefix: { type: 'string' },
    keyHash: { type: 'string', hidden: true },
    role: { type: 'string' },
    createdBy: { type: 'uuid', nullable: true },
    lastUsedAt: { type: 'Date', nullable: true },
    createdAt: { type: 'Date', onCreate: () => new Date() },
  },
});

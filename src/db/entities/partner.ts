import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { uuidv7 } from '../ids.ts';

/** A publisher of question-bank plugins (global, not a tenant). `builtin` is the platform itself. */
export class Partner {
  [OptionalProps]?: 'createdAt' | 'builtin' | 'email' | 'passwordHash';
  id: string = uuidv7();
  name!: string;
  email: string | null = null;
  passwordHash: string | null = null;
  builtin = false;
  createdAt: Date = new Date();
}

export const PartnerSchema = new EntitySchema<Partner>({
  class: Partner,
  tableName: 'partners',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'string' },
    email: { type: 'string', nullable: true },
    passwordHash: { type: 'string', nullable: true, hidden: true },
    builtin: { type: 'boolean' },
    createdAt: { type: 'Date', onCreate: () => new Date() },
  },
});

/** A partner's publishing credential; only the SHA-256 is kept. */
export class PartnerApiKey {
  [OptionalProps]?: 'createdAt' | 'lastUsedAt';
  id: string = uuidv7();
  partnerId!: string;
  prefix!: string;
  keyHash!: string;
  lastUsedAt: Date | null = null;
  createdAt: Date = new Date();
}

export const PartnerApiKeySchema = new EntitySchema<PartnerApiKey>({
  class: PartnerApiKey,
  tableName: 'partner_api_keys',
  properties: {
    id: { type: 'uuid', primary: true },
    partnerId: { type: 'uuid' },
    prefix: { type: 'string' },
    keyHash: { type: 'string', hidden: true },
    lastUsedAt: { type: 'Date', nullable: true },
    createdAt: { type: 'Date', onCreate: () => new Date() },
  },
});

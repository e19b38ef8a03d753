import { ApiKeySchema } from './api-key.ts';
import { PartnerApiKeySchema, PartnerSchema } from './partner.ts';
import { PluginSchema, PluginVersionSchema, TenantPluginSchema } from './plugin.ts';
import { TenantSchema } from './tenant.ts';
import { UserSchema } from './user.ts';

export { ApiKey } from './api-key.ts';
export { Partner, PartnerApiKey } from './partner.ts';
export { Plugin, type PluginRole, PluginVersion, TenantPlugin } from './plugin.ts';
export { type Branding, Tenant } from './tenant.ts';
export { TENANT_FILTER } from './tenant-filter.ts';
export { ROLES, type Role, User } from './user.ts';

/** Every entity the ORM knows; migrations in migrations/ create their tables. */
export const entities = [
  TenantSchema,
  UserSchema,
  ApiKeySchema,
  PartnerSchema,
  PartnerApiKeySchema,
  PluginSchema,
  PluginVersionSchema,
  TenantPluginSchema,
];

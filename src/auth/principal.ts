import type { Role } from './roles.ts';

/** Who is calling: a signed-in user or an API key, always inside one tenant. */
export type Principal =
  | { kind: 'user'; tenantId: string; userId: string; email: string; role: Role }
  | { kind: 'api_key'; tenantId: string; apiKeyId: string; role: Role };

import { hasRole, newApiKey, type Principal, type Role } from '../auth/index.ts';
import { ApiKey, type Page, type PageRequest, paginate, type TenantEm } from '../db/index.ts';
import { AppError } from '../errors/index.ts';

export function listApiKeys(em: TenantEm, page: PageRequest): Promise<Page<ApiKey>> {
  return paginate(em, ApiKey, {}, page);
}

/** Create a key; its secret is returned here once and never again (only the hash is kept). */
export async function createApiKey(
  em: TenantEm,
  actor: Principal,
  input: { name: string; role: Role },
): Promise<{ apiKey: ApiKey; key: string }> {
  if (!hasRole(actor.role, input.role)) {
    throw new AppError('forbidden', 'A key cannot have a higher role than its creator');
  }
  const secret = newApiKey();
  const apiKey = em.create(ApiKey, {
    tenantId: actor.tenantId,
    name: input.name,
    role: input.role,
    prefix: secret.prefix,
    keyHash: secret.hash,
    createdBy: actor.kind === 'user' ? actor.userId : null,
  });
  await em.flush();
  return { apiKey, key: secret.value };
}

/** Revoke a key. An owner-role key is the owner's: only an owner may revoke it, as with its users. */
export async function deleteApiKey(em: TenantEm, actor: Principal, id: string): Promise<ApiKey> {
  const apiKey = await em.findOne(ApiKey, { id });
  if (!apiKey) throw new AppError('not_found', 'No such API key');
  if (apiKey.role === 'owner' && actor.role !== 'owner')
    throw new AppError('forbidden', 'Only an owner can revoke an owner-role API key');
  em.remove(apiKey);
  await em.flush();
  return apiKey;
}

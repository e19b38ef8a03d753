import { randomBytes } from 'node:crypto';
import { hashPassword, hashSecret } from '../../auth/index.ts';
import { isUniqueViolation, Partner, PartnerApiKey, type TenantEm } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';

/** Partner keys look like `aip_…` (256 random bits), distinct from tenant keys (`aik_…`). */
export const PARTNER_KEY_PREFIX = 'aip_';

export const looksLikePartnerKey = (v: string) =>
  v.startsWith(PARTNER_KEY_PREFIX) && v.length > 20 && v.length < 100;

/** The platform's own publisher of the bundled plugins. */
export const BUILTIN_PARTNER_ID = '00000000-0000-7000-8000-000000000001';

export async function createPartnerKey(em: TenantEm, partnerId: string) {
  const key = PARTNER_KEY_PREFIX + randomBytes(32).toString('base64url');
  const row = em.create(PartnerApiKey, { partnerId, prefix: key.slice(0, 12), keyHash: hashSecret(key) });
  await em.flush();
  return { id: row.id, key, prefix: row.prefix };
}

/** Partner sign-up: the partner and a first publishing key (shown once). */
export async function signUpPartner(em: TenantEm, input: { name: string; email: string; password: string }) {
  const partner = em.create(Partner, {
    name: input.name,
    email: input.email.toLowerCase(),
    passwordHash: await hashPassword(input.password),
  });
  try {
    await em.flush();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('email_taken', 'A partner with this email already exists');
    throw err;
  }
  return { partner, apiKey: await createPartnerKey(em, partner.id) };
}

/** The partner behind a key, or undefined. */
export async function partnerByKey(em: TenantEm, key: string): Promise<Partner | undefined> {
  const row = await em.findOne(PartnerApiKey, { keyHash: hashSecret(key) });
  if (!row) return undefined;
  return (await em.findOne(Partner, { id: row.partnerId })) ?? undefined;
}

export async function ensureBuiltinPartner(em: TenantEm): Promise<void> {
  await em.execute(
    `insert into partners (id, name, builtin) values (?, 'AI Interviewer', true) on conflict (id) do nothing`,
    [BUILTIN_PARTNER_ID],
  );
}

import { hashPassword } from '../auth/index.ts';
import { isUniqueViolation, type Orm, Tenant, User, uuidv7, withTenant } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { installBundledPlugins } from '../plugins/index.ts';

export interface SignUpInput {
  name: string;
  slug: string;
  ownerEmail: string;
  ownerPassword: string;
}

/**
 * Create a tenant, its first owner and installs of every bundled plugin, in one transaction
 * scoped to the new tenant id.
 */
export async function signUpTenant(orm: Orm, input: SignUpInput): Promise<{ tenant: Tenant; owner: User }> {
  const tenantId = uuidv7();
  const passwordHash = await hashPassword(input.ownerPassword);
  try {
    return await withTenant(orm, tenantId, async (em) => {
      const tenant = em.create(Tenant, {
        id: tenantId,
        name: input.name,
        slug: input.slug,
        displayName: input.name,
      });
      await em.flush(); // users reference tenants; no ORM relation orders the inserts for us
      const owner = em.create(User, {
        tenantId,
        email: input.ownerEmail.toLowerCase(),
        passwordHash,
        role: 'owner',
      });
      await em.flush();
      await installBundledPlugins(em, tenantId);
      return { tenant, owner };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('slug_taken', `The slug "${input.slug}" is taken`);
    throw err;
  }
}

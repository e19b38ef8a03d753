import { hashPassword } from '../auth/index.ts';
import { type Orm, User, withoutTenant, withTenant } from '../db/index.ts';
import { signUpTenant } from './sign-up.ts';

export const DEMO = { slug: 'demo', name: 'Demo Company', email: 'owner@demo.example' } as const;

/**
 * Make sure the demo tenant exists and its owner signs in with `password` (the embedded default
 * keeps that password under the data dir, so each start prints a login that works).
 */
export async function ensureDemoTenant(orm: Orm, password: string): Promise<{ slug: string; email: string }> {
  const rows = await withoutTenant(orm, (em) =>
    em.execute<{ tenant_id: string; user_id: string }[]>('select * from auth_login_candidates(?, ?)', [
      DEMO.email,
      DEMO.slug,
    ]),
  );
  const existing = rows[0];
  if (!existing) {
    await signUpTenant(orm, {
      name: DEMO.name,
      slug: DEMO.slug,
      ownerEmail: DEMO.email,
      ownerPassword: password,
    });
  } else {
    const passwordHash = await hashPassword(password);
    await withTenant(orm, existing.tenant_id, (em) =>
      em.nativeUpdate(User, { id: existing.user_id }, { passwordHash }),
    );
  }
  return { slug: DEMO.slug, email: DEMO.email };
}

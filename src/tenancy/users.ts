import { LockMode } from '@mikro-orm/core';
import { hashPassword, hasRole, type Principal, type Role } from '../auth/index.ts';
import {
  isUniqueViolation,
  type Page,
  type PageRequest,
  paginate,
  type TenantEm,
  User,
} from '../db/index.ts';
import { AppError } from '../errors/index.ts';

export function listUsers(em: TenantEm, page: PageRequest): Promise<Page<User>> {
  return paginate(em, User, {}, page);
}

export async function getUser(em: TenantEm, id: string): Promise<User> {
  const user = await em.findOne(User, { id });
  if (!user) throw new AppError('not_found', 'No such user');
  return user;
}

/** Only an owner may hand out or take away the owner role. */
function assertMayAssign(actor: Principal, role: Role): void {
  if (role === 'owner' && actor.role !== 'owner') {
    throw new AppError('forbidden', 'Only an owner can grant the owner role');
  }
}

/**
 * Add a member. With a password (chosen by the admin), they can sign in at once; without one, they
 * are `invited` and choose their own from a one-time link mailed to them (the caller mails it).
 */
export async function createUser(
  em: TenantEm,
  actor: Principal,
  input: { email: string; role: Role; password?: string | undefined },
): Promise<User> {
  assertMayAssign(actor, input.role);
  const user = em.create(User, {
    tenantId: actor.tenantId,
    email: input.email.toLowerCase(),
    role: input.role,
    passwordHash: input.password === undefined ? null : await hashPassword(input.password),
  });
  try {
    await em.flush();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('email_taken', 'A user with this email already exists');
    throw err;
  }
  return user;
}

/**
 * Locks the tenant's owner rows before counting, so two owners demoting each other at once
 * serialise: the second sees the first's change and is refused.
 */
async function assertOwnerRemains(em: TenantEm, leaving: User): Promise<void> {
  if (leaving.role !== 'owner') return;
  const owners = await em.find(
    User,
    { role: 'owner' },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  if (!owners.some((o) => o.id !== leaving.id)) {
    throw new AppError('last_owner', 'The tenant would be left without an owner');
  }
}

export async function updateUser(
  em: TenantEm,
  actor: Principal,
  id: string,
  patch: { role?: Role | undefined; password?: string | undefined },
): Promise<User> {
  const user = await getUser(em, id);
  if (user.role === 'owner' && actor.role !== 'owner') {
    throw new AppError('forbidden', 'Only an owner can change an owner');
  }
  if (patch.role && patch.role !== user.role) {
    assertMayAssign(actor, patch.role);
    if (patch.role !== 'owner') await assertOwnerRemains(em, user);
    user.role = patch.role;
  }
  if (patch.password) user.passwordHash = await hashPassword(patch.password);
  await em.flush();
  return user;
}

export async function deleteUser(em: TenantEm, actor: Principal, id: string): Promise<void> {
  const user = await getUser(em, id);
  if (!hasRole(actor.role, user.role === 'owner' ? 'owner' : 'admin')) {
    throw new AppError('forbidden', 'Only an owner can remove an owner');
  }
  await assertOwnerRemains(em, user);
  em.remove(user);
  await em.flush();
}

import { ROLES, type Role } from '../db/index.ts';

export { ROLES, type Role };

/** owner > admin > recruiter > viewer: a higher role may do everything a lower one may. */
const RANK: Record<Role, number> = { owner: 4, admin: 3, recruiter: 2, viewer: 1 };

export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}

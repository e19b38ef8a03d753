import { UniqueConstraintViolationException } from '@mikro-orm/core';

/** True when a write failed on a unique constraint (optionally a named one). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  if (!(err instanceof UniqueConstraintViolationException)) return false;
  return (
    constraint === undefined ||
    String((err as { constraint?: string }).constraint ?? err.message).includes(constraint)
  );
}

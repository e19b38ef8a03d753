import type { Context, Next } from 'hono';
import type { TenantEm } from '../../db/index.ts';
import type { AppEnv } from '../env.ts';

/** Thrown inside the transaction only to roll it back after the error response is written. */
class RollbackAfterError extends Error {}

export type Transaction = (work: (em: TenantEm) => Promise<void>) => Promise<void>;

/**
 * Runs the rest of the request inside one transaction (`c.var.em`). Hono turns a handler's error
 * into a response without rethrowing, so the error is checked here: any error response rolls the
 * transaction back, and bad input stores nothing.
 */
export async function continueInTransaction(
  c: Context<AppEnv>,
  next: Next,
  transaction: Transaction,
  prepare: (em: TenantEm) => Promise<void>,
): Promise<void> {
  try {
    await transaction(async (em) => {
      await prepare(em);
      c.set('em', em);
      await next();
      if (c.error) throw new RollbackAfterError();
    });
  } catch (err) {
    if (!(err instanceof RollbackAfterError)) throw err;
  }
}

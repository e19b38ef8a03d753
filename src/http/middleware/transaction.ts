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
    return;
  }
  // committed: what the handler left for after the commit (enqueueing the jobs of its rows)
  for (const work of c.get('afterCommit') ?? []) {
    await work().catch((err: unknown) => c.get('logger')?.warn({ err }, 'work after the commit failed'));
  }
}

/**
 * Run `work` once the request's transaction has committed (a job that reads the rows it wrote
 * must not start before they are visible); nothing runs when it rolls back. A failure is logged:
 * the response stands, and the sweepers find work whose job was never enqueued.
 */
export function afterCommit(c: Context<AppEnv>, work: () => Promise<void>): void {
  const list = c.get('afterCommit');
  if (list) list.push(work);
  else c.set('afterCommit', [work]);
}

import type { Logger } from './logger.ts';

/** One step of a graceful shutdown: a name for the log, and the work (skipped when null). */
export type ShutdownStep = readonly [name: string, work: (() => Promise<unknown>) | null];

/**
 * On SIGTERM or SIGINT, once: run the steps in order, each logged (debug) before it starts so a
 * shutdown that hangs says where, then log `stoppedMessage` with the time taken and exit 0. A step
 * that fails is logged and the process exits 1.
 */
export function onShutdownSignal(logger: Logger, stoppedMessage: string, steps: () => ShutdownStep[]): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const startedAt = performance.now();
    for (const [name, work] of steps()) {
      if (!work) continue;
      logger.debug({ step: name }, 'shutdown step');
      await work();
    }
    logger.info({ ms: Math.round(performance.now() - startedAt) }, stoppedMessage);
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(
      signal,
      () =>
        void shutdown(signal).catch((err) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        }),
    );
  }
}

import type { z } from 'zod';

/**
 * The JobRunner port. A job is declared once (name, queue, payload schema, retry policy) in the
 * capability that owns the work; its handler is registered by the process that consumes it
 * (apps/worker, or the API itself on the embedded default). This folder imports no capability.
 */

export const QUEUES = ['evaluation', 'report', 'webhooks', 'summarising', 'billing', 'mail'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobDefinition<P> {
  name: string;
  queue: QueueName;
  schema: z.ZodType<P>;
  /** attempts in all (first run included) and the base of the exponential backoff */
  retry: { attempts: number; backoffMs: number };
}

export function defineJob<P>(def: JobDefinition<P>): JobDefinition<P> {
  return def;
}

export interface EnqueueOptions {
  /** dedupe key: a second enqueue with the same id while the first exists is a no-op */
  jobId?: string;
  delayMs?: number;
}

export interface JobContext {
  /** 1 on the first run */
  attempt: number;
}

export type JobHandler<P> = (payload: P, ctx: JobContext) => Promise<void>;

/** The producer side: the API and handlers enqueue through it. */
export interface JobQueue {
  enqueue<P>(job: JobDefinition<P>, payload: P, options?: EnqueueOptions): Promise<void>;
  close(): Promise<void>;
}

/** The consumer side: only worker processes (or the embedded default) create one. */
export interface JobWorker {
  register<P>(job: JobDefinition<P>, handler: JobHandler<P>): void;
  start(): Promise<void>;
  /** stop taking jobs and wait for running ones */
  close(): Promise<void>;
}

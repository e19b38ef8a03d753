import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  /** candidates erased by the retention sweeper (src/compliance/retention.ts) */
  retentionErasures: Counter;
  /** tenants deleted after their grace period (src/compliance/offboarding/delete-tenant.ts) */
  tenantsDeleted: Counter;
  /** model calls made by this process, by purpose and outcome (src/interview/turn/llm-usage.ts) */
  llmCalls: Counter<'purpose' | 'outcome'>;
  /** tokens of those calls: prompt (of which cached) and completion */
  llmTokens: Counter<'kind'>;
}

/** One registry per process (tests build several apps, so no global default registry). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by route template and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route template',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    retentionErasures: new Counter({
      name: 'retention_erased_candidates_total',
      help: "Candidates erased by the retention sweeper (their tenant's retention had passed)",
      registers: [registry],
    }),
    tenantsDeleted: new Counter({
      name: 'tenants_deleted_total',
      help: 'Tenants deleted with all their data after their deletion grace period',
      registers: [registry],
    }),
    llmCalls: new Counter({
      name: 'llm_calls_total',
      help: 'Model calls (retries included) by purpose (greeting, turn, reply) and outcome (ok or why not used)',
      labelNames: ['purpose', 'outcome'],
      registers: [registry],
    }),
    llmTokens: new Counter({
      name: 'llm_tokens_total',
      help: 'Tokens of model calls as the provider reported them: prompt, cached (part of prompt), completion',
      labelNames: ['kind'],
      registers: [registry],
    }),
  };
}

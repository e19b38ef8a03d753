import { z } from 'zod';

/** Empty strings in the environment mean "not set", so defaults apply. */
const optionalString = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const optionalUrl = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.string().url({ message: 'must be a URL' }).optional(),
);

const DURATION_UNITS_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
const MAX_RETRY_DELAY_MS = 7 * 24 * 3_600_000;

/** `5s,5m,30m,2h` -> delays in ms (each 1 ms … 7 days, at most 20); `none` means no retries. */
const retrySchedule = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string()
    .default('5s,5m,30m,2h,5h,10h')
    .transform((v, ctx) => {
      if (v.trim() === 'none') return [];
      const delays: number[] = [];
      for (const part of v.split(',')) {
        const m = /^(\d{1,9})(ms|s|m|h)$/.exec(part.trim());
        const ms = m ? Number(m[1]) * DURATION_UNITS_MS[m[2] as keyof typeof DURATION_UNITS_MS] : Number.NaN;
        if (!(ms >= 1 && ms <= MAX_RETRY_DELAY_MS)) {
          ctx.addIssue({
            code: 'custom',
            message: `"${part.trim()}" is not a delay like 50ms, 5s, 5m or 2h (1 ms … 7 days); or use none`,
          });
          return z.NEVER;
        }
        delays.push(ms);
      }
      if (delays.length > 20) {
        ctx.addIssue({ code: 'custom', message: 'at most 20 retries' });
        return z.NEVER;
      }
      return delays;
    }),
);

/**
 * A host as WHATWG URL normalises it (lower case, IPv4 in dotted decimal, IPv6 compressed and
 * bracketed), so `127.1`, `0x7f000001` and `127.0.0.1` in an allow-list all mean 127.0.0.1.
 */
export function normaliseHost(host: string): string | undefined {
  const h = host.trim();
  if (!h || /[/?#@\s]/.test(h)) return undefined;
  const bracketed = h.includes(':') && !h.startsWith('[') ? `[${h}]` : h;
  try {
    const url = new URL(`http://${bracketed}/`);
    if (url.port !== '') return undefined;
    return url.hostname.replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

/** Comma-separated host names or IP addresses, normalised. */
const hostList = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const hosts: string[] = [];
      for (const part of (v ?? '').split(',')) {
        if (part.trim() === '') continue;
        const host = normaliseHost(part);
        if (!host) {
          ctx.addIssue({ code: 'custom', message: `"${part.trim()}" is not a host name or IP address` });
          return z.NEVER;
        }
        hosts.push(host);
      }
      return hosts;
    }),
);

/**
 * The whole environment the platform reads, in one schema. Every variable is documented in
 * README.md ("Configuration"); this module is the only reader of process.env.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(15_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(5_000),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  PUBLIC_URL: optionalUrl,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DATABASE_URL: optionalUrl,
  DATABASE_APP_URL: optionalUrl,
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_PREPARED_STATEMENTS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  DATA_DIR: z.string().default('.data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),

  REDIS_URL: optionalUrl,

  JWT_SECRET: optionalString.refine((v) => v === undefined || Buffer.byteLength(v) >= 32, {
    message: 'must be at least 32 bytes',
  }),
  JWT_ISSUER: z.string().min(1).default('ai-interviewer'),
  JWT_AUDIENCE: z.string().min(1).default('ai-interviewer-api'),
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(60 * 60 * 24 * 7)
    .default(3600),

  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  AUTH_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  JOIN_RATE_LIMIT: z.coerce.number().int().min(1).default(60),
  AUTH_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  SEED_DEMO: z.enum(['true', 'false']).optional(),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  JOB_LOCK_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  SOCKET_RECHECK_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  ANSWER_WAIT_MS: z.coerce.number().int().min(0).max(120_000).default(15_000),
  ANSWER_CHARS_PER_SECOND: z.coerce.number().int().min(0).max(10_000_000).default(2_000),

  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(20_000),
  OPENAI_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  LLM_CONTEXT_TOKEN_BUDGET: z.coerce.number().int().min(50).max(100_000).default(200),
  LLM_TURN_BUDGET_MS: z.coerce.number().int().min(500).max(120_000).default(12_000),

  WEBHOOK_RETRY_SCHEDULE: retrySchedule,
  WEBHOOK_ALLOWED_HOSTS: hostList,
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),

  STRIPE_SECRET_KEY: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,
  STRIPE_API_URL: optionalUrl,
  STRIPE_METER_EVENT_NAME: z.string().min(1).max(100).default('completed_interviews'),
  BILLING_TRIAL_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  BILLING_PAST_DUE_GRACE_DAYS: z.coerce.number().int().min(0).max(90).default(7),

  TENANT_DELETION_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(30),

  SMTP_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .url({ message: 'must be a URL' })
      .refine((v) => /^smtps?:\/\//i.test(v), { message: 'must be an smtp:// or smtps:// URL' })
      .optional(),
  ),
  MAIL_FROM: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .max(300)
      .regex(/^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, {
        message: 'must be an address (no-reply@example.com) or "Name <no-reply@example.com>"',
      })
      .optional(),
  ),
  MAIL_REMINDER_HOURS: z.coerce.number().int().min(0).max(720).default(24),
  PASSWORD_RESET_RATE_LIMIT: z.coerce.number().int().min(1).max(1000).default(5),

  CREDENTIALS_ENCRYPTION_KEY: optionalString.refine((v) => v === undefined || Buffer.byteLength(v) >= 32, {
    message: 'must be at least 32 bytes',
  }),
  CREDENTIALS_ENCRYPTION_PREVIOUS_KEYS: optionalString,
  ASHBY_API_URL: optionalUrl,
  GREENHOUSE_CALLBACK_HOSTS: hostList,
  LEVER_API_URL: optionalUrl,
});

export type Env = z.infer<typeof EnvSchema>;

/** The names of every environment variable the platform reads (README.md lists each one). */
export const ENV_VARIABLES = Object.keys(EnvSchema.shape) as (keyof Env)[];

/** The environment, validated, as the platform uses it. `Config` is this schema's output. */
const ConfigSchema = EnvSchema.superRefine((e, ctx) => {
  if (e.STRIPE_SECRET_KEY && !e.STRIPE_WEBHOOK_SECRET)
    ctx.addIssue({
      code: 'custom',
      path: ['STRIPE_WEBHOOK_SECRET'],
      message: 'required when STRIPE_SECRET_KEY is set (Stripe webhooks cannot be verified without it)',
    });
  if (e.SMTP_URL && !e.MAIL_FROM)
    ctx.addIssue({
      code: 'custom',
      path: ['MAIL_FROM'],
      message: 'required when SMTP_URL is set (the sender address of every message)',
    });
}).transform((e) => ({
  nodeEnv: e.NODE_ENV,
  port: e.PORT,
  host: e.HOST,
  /** The HTTP server's limits on slow, idle and too many clients (src/http/server.ts). */
  http: {
    headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    maxConnections: e.HTTP_MAX_CONNECTIONS,
  },
  publicUrl: e.PUBLIC_URL,
  logLevel: e.LOG_LEVEL,
  /** Owner connection (migrations). Undefined means: start the embedded PostgreSQL. */
  databaseUrl: e.DATABASE_URL,
  /** App connection (RLS-bound role). Derived from databaseUrl when unset. */
  databaseAppUrl: e.DATABASE_APP_URL,
  databasePoolMax: e.DATABASE_POOL_MAX,
  /** false behind a transaction-mode pooler without prepared-statement support (pgbouncer < 1.21) */
  databasePreparedStatements: e.DATABASE_PREPARED_STATEMENTS,
  dataDir: e.DATA_DIR,
  embeddedPgPort: e.EMBEDDED_PG_PORT,
  redisUrl: e.REDIS_URL,
  jwt: {
    secret: e.JWT_SECRET,
    issuer: e.JWT_ISSUER,
    audience: e.JWT_AUDIENCE,
    ttlSeconds: e.JWT_TTL_SECONDS,
  },
  bodyLimitBytes: e.BODY_LIMIT_BYTES,
  authRateLimit: { max: e.AUTH_RATE_LIMIT, windowSeconds: e.AUTH_RATE_WINDOW_SECONDS },
  /** requests per client address per window on the public join routes */
  joinRateLimit: e.JOIN_RATE_LIMIT,
  trustProxy: e.TRUST_PROXY,
  /** Create the demo tenant on start; defaults to on for the embedded database only. */
  seedDemo: e.SEED_DEMO === undefined ? undefined : e.SEED_DEMO === 'true',
  /** How long the answer route waits for its evaluation before answering 202 instead. */
  answerWaitMs: e.ANSWER_WAIT_MS,
  /** per interview: answers past a burst of two maximal ones are evaluated at this pace; 0: off */
  answerCharsPerSecond: e.ANSWER_CHARS_PER_SECOND,
  /** how often live sockets' credentials are re-checked */
  socketRecheckMs: e.SOCKET_RECHECK_MS,
  /** days between an owner's request to delete the tenant and its deletion (restorable meanwhile) */
  tenantDeletionGraceDays: e.TENANT_DELETION_GRACE_DAYS,
  /** jobs a worker process runs at once */
  workerConcurrency: e.WORKER_CONCURRENCY,
  /** how long a worker holds a job's lock; a killed worker's jobs are retried after about this long */
  jobLockMs: e.JOB_LOCK_MS,
  /** The LLM (evaluator, interviewer voice, summaries); undefined means the built-in engines. */
  openai: e.OPENAI_API_KEY
    ? {
        apiKey: e.OPENAI_API_KEY,
        baseUrl: e.OPENAI_BASE_URL,
        model: e.OPENAI_MODEL,
        timeoutMs: e.OPENAI_TIMEOUT_MS,
        maxRetries: e.OPENAI_MAX_RETRIES,
        /** tokens of earlier turns one turn's call carries: the summary and the latest exchanges */
        contextTokens: e.LLM_CONTEXT_TOKEN_BUDGET,
        /** every model call of one turn, retries and waits included, ends within this */
        turnBudgetMs: e.LLM_TURN_BUDGET_MS,
      }
    : undefined,
  /** Outbound webhooks (src/webhooks). */
  webhooks: {
    /** delay before each retry after a failed attempt, in ms; attempts = retries + 1 */
    retryScheduleMs: e.WEBHOOK_RETRY_SCHEDULE,
    /** hosts exempt from the delivery-time SSRF range check (normalised, see normaliseHost) */
    allowedHosts: e.WEBHOOK_ALLOWED_HOSTS,
    /** deadline of one delivery attempt (connect, send, response headers and excerpt) */
    timeoutMs: e.WEBHOOK_TIMEOUT_MS,
  },
  /** Mail (src/notifications): SMTP when smtpUrl is set, else the outbox table the dashboard shows. */
  mail: {
    smtpUrl: e.SMTP_URL,
    from: e.MAIL_FROM,
    /** hours before a link expires that an unused invitation gets its reminder; 0: none */
    reminderHours: e.MAIL_REMINDER_HOURS,
    /** password-reset requests per email address per hour (whether or not it has an account) */
    passwordResetRateLimit: e.PASSWORD_RESET_RATE_LIMIT,
  },
  /** ATS integrations (src/ats). Outbound calls use the webhook SSRF guard, timeout and retry schedule. */
  ats: {
    /** encrypts connections' credentials; unset: derived from the signing secret (JWT_SECRET) */
    encryptionKey: e.CREDENTIALS_ENCRYPTION_KEY,
    /** earlier keys, comma-separated: still decrypt (and re-encrypt with the current key on use) */
    previousEncryptionKeys: (e.CREDENTIALS_ENCRYPTION_PREVIOUS_KEYS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k !== ''),
    ashbyApiUrl: (e.ASHBY_API_URL ?? 'https://api.ashbyhq.com').replace(/\/+$/, ''),
    /** where Greenhouse's completion callbacks may point (a host or any subdomain of it), over https */
    greenhouseCallbackHosts:
      e.GREENHOUSE_CALLBACK_HOSTS && e.GREENHOUSE_CALLBACK_HOSTS.length > 0
        ? e.GREENHOUSE_CALLBACK_HOSTS
        : ['greenhouse.io'],
    leverApiUrl: (e.LEVER_API_URL ?? 'https://api.lever.co/v1').replace(/\/+$/, ''),
  },
  /** Billing with Stripe (src/billing); undefined means billing off: every tenant unlimited. */
  billing: e.STRIPE_SECRET_KEY
    ? {
        secretKey: e.STRIPE_SECRET_KEY,
        webhookSecret: e.STRIPE_WEBHOOK_SECRET as string,
        /** another Stripe API address (a proxy, or a stand-in in tests) */
        apiUrl: e.STRIPE_API_URL,
        meterEventName: e.STRIPE_METER_EVENT_NAME,
        trialDays: e.BILLING_TRIAL_DAYS,
        pastDueGraceDays: e.BILLING_PAST_DUE_GRACE_DAYS,
      }
    : undefined,
}));

export type Config = z.output<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validate the environment once; a bad variable throws a ConfigError naming it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return parsed.data;
}

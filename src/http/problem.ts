import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { AppError, ERROR_CODES, type ErrorCode, type FieldProblem } from '../errors/index.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details with the platform's stable `code` and the request id. */
export function problemResponse(c: Context, err: AppError): Response {
  const { errors, retryAfterSeconds, ...extra } = err.extra;
  // Extras first: they add context but can never overwrite the standard members.
  const body = {
    ...extra,
    type: `https://docs.ai-interviewer.dev/errors/${err.code}`,
    title: ERROR_CODES[err.code].title,
    status: err.status,
    detail: err.message,
    code: err.code,
    requestId: c.get('requestId') as string | undefined,
    ...(errors ? { errors } : {}),
  };
  const headers: Record<string, string> = { 'content-type': PROBLEM_CONTENT_TYPE };
  if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
  return c.body(JSON.stringify(body), err.status as ContentfulStatusCode, headers);
}

/** zod issues as JSON-pointer paths rooted at the request part (`/body/email`, `/params/id`). */
export function zodProblems(error: ZodError, part: string): FieldProblem[] {
  const at = (path: PropertyKey[]) => `/${[part, ...path.map(String)].join('/')}`;
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: at([...issue.path, key]), message: `unknown field "${key}"` }))
      : [{ path: at(issue.path), message: issue.message }],
  );
}

const PART_NAMES: Record<string, string> = { json: 'body', param: 'params' };

export function validationError(error: ZodError, target: string): AppError {
  const errors = zodProblems(error, PART_NAMES[target] ?? target);
  const fields = errors.map((e) => e.path).join(', ');
  return new AppError('validation_failed', `Invalid request: ${fields}`, { errors });
}

/** Map any thrown value to an AppError; unknown errors become internal_error (logged). */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 400 && /json/i.test(err.message)) return new AppError('malformed_json', err.message);
    if (err.status === 413) return new AppError('payload_too_large');
    const byStatus = Object.entries(ERROR_CODES).find(([, v]) => v.status === err.status)?.[0] as
      | ErrorCode
      | undefined;
    if (byStatus) return new AppError(byStatus, err.message || undefined);
  }
  if (isDatabaseUnavailable(err))
    return new AppError('unavailable', 'The database is not reachable right now; retry shortly', {
      retryAfterSeconds: 1,
    });
  if (isRedisUnavailable(err))
    return new AppError('unavailable', 'The live-state store is not reachable right now; retry shortly', {
      retryAfterSeconds: 1,
    });
  return new AppError('internal_error', 'Something went wrong; quote the request id when reporting it');
}

/**
 * PostgreSQL down, restarting or cutting the connection: a 503 the client may retry, not a 500.
 * Network errors, SQLSTATE class 08 (connection exception) and 57P0x (admin/crash shutdown,
 * cannot connect now), and the pool's own "connection terminated" errors.
 */
function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (
      typeof code === 'string' &&
      (/^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND)$/.test(code) ||
        /^(08|57P0)/.test(code))
    )
      return true;
    if (
      typeof message === 'string' &&
      /Connection terminated|connection (is )?(closed|ended)|Client has encountered a connection error/i.test(
        message,
      )
    )
      return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Redis away: ioredis gives up on a command after one failed reconnect (`maxRetriesPerRequest`),
 * after `commandTimeout`, or at once on a closed connection (src/db/redis.ts).
 */
function isRedisUnavailable(err: unknown): boolean {
  const { name, message } = (err ?? {}) as { name?: unknown; message?: unknown };
  return (
    name === 'MaxRetriesPerRequestError' ||
    (typeof message === 'string' &&
      /^(Command timed out|Connection is closed\.|Stream isn't writeable)/.test(message))
  );
}

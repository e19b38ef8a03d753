import pino from 'pino';

export type Logger = pino.Logger;

/** JSON logs on stdout; secrets never logged (authorization headers and passwords redacted). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'ai-interviewer' },
    redact: ['req.headers.authorization', '*.password', '*.ownerPassword', '*.key'],
  });
}

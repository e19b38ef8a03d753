import http from 'node:http';

/** What a client saw: a response, or why there was none (status 0). */
export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely
  body: any;
  ms: number;
  /** network error code, or 'timeout' when no complete answer came within the bound */
  error?: string;
  /** the request went over a connection an earlier request had used */
  reusedSocket: boolean;
}

export interface Send {
  method?: string;
  headers?: Record<string, string>;
  /** an object is sent as JSON; a string or Buffer as is */
  body?: unknown;
  token?: string | undefined;
  agent?: http.Agent;
  /** give up (and destroy the request) after this long; default 20 s */
  timeoutMs?: number;
}

/** A keep-alive agent, as a service calling the API holds one. */
export const keepAliveAgent = (maxSockets = 8) => new http.Agent({ keepAlive: true, maxSockets });

const noAgent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });

/** One HTTP request with a hard time bound; never throws. */
export function send(url: string, opts: Send = {}): Promise<Reply> {
  const started = performance.now();
  const payload =
    opts.body === undefined
      ? undefined
      : typeof opts.body === 'string' || Buffer.isBuffer(opts.body)
        ? opts.body
        : JSON.stringify(opts.body);
  const headers: Record<string, string> = {
    ...(payload !== undefined && typeof opts.body === 'object' && !Buffer.isBuffer(opts.body)
      ? { 'content-type': 'application/json' }
      : {}),
    ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    ...opts.headers,
  };
  if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'transfer-encoding')) {
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise<Reply>((resolve) => {
    let settled = false;
    const finish = (r: Omit<Reply, 'ms' | 'reusedSocket'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, ms: performance.now() - started, reusedSocket: req.reusedSocket });
    };
    const req = http.request(url, { method: opts.method ?? 'GET', headers, agent: opts.agent ?? noAgent });
    const timer = setTimeout(() => {
      finish({ status: 0, headers: {}, text: '', body: undefined, error: 'timeout' });
      req.destroy();
    }, opts.timeoutMs ?? 20_000);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = undefined;
        }
        finish({ status: res.statusCode ?? 0, headers: res.headers, text, body });
      });
      res.on('error', (err: NodeJS.ErrnoException) =>
        finish({
          status: 0,
          headers: res.headers,
          text: '',
          body: undefined,
          error: err.code ?? err.message,
        }),
      );
    });
    req.on('error', (err: NodeJS.ErrnoException) =>
      finish({ status: 0, headers: {}, text: '', body: undefined, error: err.code ?? err.message }),
    );
    req.end(payload);
  });
}

export const isProblem = (r: Reply) =>
  String(r.headers['content-type'] ?? '').startsWith('application/problem+json') &&
  typeof r.body?.code === 'string' &&
  r.body?.status === r.status;

/** A JSON API client bound to one API origin (`http://127.0.0.1:port`). */
export function apiClient(origin: string, agent?: http.Agent) {
  const call = (method: string, path: string, opts: Omit<Send, 'method'> = {}) =>
    send(`${origin}/api/v1${path}`, { agent, ...opts, method });
  return {
    origin,
    call,
    get: (path: string, opts: Omit<Send, 'method'> = {}) => call('GET', path, opts),
    post: (path: string, body?: unknown, opts: Omit<Send, 'method' | 'body'> = {}) =>
      call('POST', path, { ...opts, body }),
  };
}
export type ApiClient = ReturnType<typeof apiClient>;

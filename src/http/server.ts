import type { Server } from 'node:http';
import { type ServerType, serve } from '@hono/node-server';
import type { Config } from '../config/index.ts';
import type { App } from './app.ts';

/** How often the server looks for connections past their headers or request timeout. */
const TIMEOUT_CHECK_MS = 1_000;

/**
 * The API's HTTP server, with explicit limits instead of Node's defaults (headers 60 s, whole
 * request 300 s, checked every 30 s, no connection cap): a client trickling its headers gets 408
 * after `headersTimeoutMs`, a body that stalls is cut after `requestTimeoutMs`, an idle keep-alive
 * connection is closed after `keepAliveTimeoutMs`, and connections over `maxConnections` are
 * refused. The request timeout covers receiving the request only, not the answer (an answer may
 * wait up to ANSWER_WAIT_MS for its evaluation).
 */
export function startHttpServer(
  app: Pick<App, 'fetch'>,
  config: Pick<Config, 'port' | 'host' | 'http'>,
  onListening?: (info: { port: number }) => void,
): ServerType {
  const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, maxConnections } = config.http;
  const server = serve(
    {
      fetch: app.fetch,
      port: config.port,
      hostname: config.host,
      serverOptions: {
        headersTimeout: headersTimeoutMs,
        // Node requires requestTimeout >= headersTimeout (0 would disable it)
        requestTimeout: Math.max(requestTimeoutMs, headersTimeoutMs),
        keepAliveTimeout: keepAliveTimeoutMs,
        connectionsCheckingInterval: TIMEOUT_CHECK_MS,
      },
    },
    onListening,
  );
  const http = server as Server;
  http.keepAliveTimeout = keepAliveTimeoutMs;
  http.maxConnections = maxConnections;
  return server;
}

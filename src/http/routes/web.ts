import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';

/** Where `npm run build:web` (vite) writes the recruiter dashboard and the candidate page. */
export const WEB_DIST = path.resolve(import.meta.dirname, '../../../apps/web/dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Paths the SPA never answers: they belong to the API, the docs or Socket.IO. */
const NOT_WEB = /^\/(api|docs|socket\.io)(\/|$)/;

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>AI Interviewer</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<h1>AI Interviewer</h1>
<p>The web app is not built yet. Run <code>npm run build:web</code>, then reload this page.</p>
<p>The API is at <a href="/api/v1/openapi.json">/api/v1</a>; its docs are at <a href="/docs">/docs</a>.</p>
</body></html>`;

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves the built web app (apps/web/dist) at `/`: files as they are (hashed assets under
 * /assets/ cached for a year, index.html never cached) and index.html for any other GET path so
 * client-side routes (/join/<token>, /interviews/<id>) load the app. Registered after every API
 * route; /api/* paths keep the API's 404 problem.
 */
export function registerWeb(app: OpenAPIHono<AppEnv>, distDir: string = WEB_DIST) {
  const root = path.resolve(distDir);
  const index = path.join(root, 'index.html');

  const sendIndex = async (c: Context<AppEnv>) => {
    if (!(await isFile(index))) {
      return c.body(NOT_BUILT, 200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache' });
    }
    return c.body(await readFile(index), 200, {
      'content-type': TYPES['.html']!,
      'cache-control': 'no-cache',
    });
  };

  app.get('*', async (c) => {
    const urlPath = c.req.path;
    if (NOT_WEB.test(urlPath)) return c.notFound();
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return sendIndex(c);
    }
    if (decoded.includes('\0')) return sendIndex(c);
    const file = path.resolve(root, `.${path.posix.normalize(decoded)}`);
    const inside = file.startsWith(root + path.sep);
    if (inside && file !== index && (await isFile(file))) {
      const ext = path.extname(file).toLowerCase();
      const hashed = decoded.startsWith('/assets/');
      return c.body(await readFile(file), 200, {
        'content-type': TYPES[ext] ?? 'application/octet-stream',
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
      });
    }
    // A missing asset is a 404, not the app: a stale index.html asking for an old chunk must fail loudly.
    if (decoded.startsWith('/assets/')) return c.body('Not found', 404, { 'content-type': TYPES['.txt']! });
    return sendIndex(c);
  });
}

import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

describe('operations endpoints', () => {
  it('healthz and readyz report up and the database reachable', async () => {
    expect((await h.request('GET', '/healthz')).body).toEqual({ status: 'ok' });
    const ready = await h.request('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.postgres).toBe('ok');
  });

  it('metrics are Prometheus text with request counters by route template', async () => {
    const t = await h.signUp();
    await h.request('GET', '/api/v1/me', { token: t.token });
    const res = await h.request('GET', '/metrics');
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="\/api\/v1\/me",status="200"\} \d+/);
    expect(res.text).toContain('process_cpu_user_seconds_total');
  });

  it('echoes a sane inbound request id and puts it in problem bodies', async () => {
    const res = await h.request('GET', '/api/v1/me', { headers: { 'x-request-id': 'req-12345678' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBe('req-12345678');
    expect(res.body.requestId).toBe('req-12345678');
  });

  it('unknown routes are a 404 problem', async () => {
    const res = await h.request('GET', '/api/v1/nope');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('route_not_found');
  });

  it('publishes an OpenAPI 3.1 document describing every route, and browsable docs', async () => {
    const doc = await h.request('GET', '/api/v1/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.body.paths);
    for (const p of [
      '/api/v1/tenants',
      '/api/v1/admin/login',
      '/api/v1/me',
      '/api/v1/users',
      '/api/v1/users/{id}',
      '/api/v1/api-keys',
      '/api/v1/api-keys/{id}',
      '/api/v1/tenant',
      '/api/v1/tenant/branding',
    ]) {
      expect(paths).toContain(p);
    }
    // the answer route says what each caller gets: staff the evaluation, a candidate the next reply only
    const answered =
      doc.body.paths['/api/v1/interview/{id}/answer'].post.responses['200'].content['application/json']
        .schema;
    expect(answered.anyOf.map((s: { $ref: string }) => s.$ref)).toEqual([
      '#/components/schemas/AnswerResult',
      '#/components/schemas/CandidateAnswerResult',
    ]);
    const candidate = doc.body.components.schemas.CandidateAnswerResult;
    expect(Object.keys(candidate.properties)).toEqual(['state', 'nextReply']);
    expect(candidate.additionalProperties).toBe(false);
    const docs = await h.request('GET', '/docs');
    expect(docs.text).toContain('/docs/assets/init.js');
    const init = await h.request('GET', '/docs/assets/init.js');
    expect(init.text).toContain("url: '/api/v1/openapi.json'");
    const asset = await h.request('GET', '/docs/assets/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
    expect(asset.text.length).toBeGreaterThan(100_000);
  });
});

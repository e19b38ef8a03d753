import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emSql, withTenant } from '../../src/db/index.ts';
import { bullmqWorker, type JobWorker } from '../../src/jobs/index.ts';
import { emitWebhookEvent, enqueueDeliveries, registerWebhookJobs } from '../../src/webhooks/index.ts';
import { createHarness, type Harness, TEST_REDIS_URL } from '../helpers/harness.ts';

/**
 * The same delivery job on the production adapter: BullMQ on the machine's Redis, with a worker
 * in this process. Each retry is a new delayed job whose id carries the attempt number, so
 * BullMQ's dedupe by job id (completed jobs are kept a day) never swallows one.
 */

let h: Harness;
let worker: JobWorker;
let server: Server;
let port: number;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
let answer = (n: number): number => (n <= 2 ? 500 : 200);

beforeAll(async () => {
  h = await createHarness({
    REDIS_URL: TEST_REDIS_URL,
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_RETRY_SCHEDULE: '50ms,50ms',
  });
  worker = bullmqWorker(TEST_REDIS_URL);
  registerWebhookJobs(worker, { orm: h.orm, jobs: h.services.jobs, settings: h.services.config.webhooks });
  await worker.start();
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answer(received.length)).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await worker?.close();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
});

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  const until = Date.now() + 15_000;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > until) throw new Error(`timed out: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('webhook delivery on BullMQ', () => {
  it('retries through delayed jobs until the receiver accepts, then the retry route sends it again', async () => {
    const t = await h.signUp();
    const created = await h.request('POST', '/api/v1/webhooks', {
      token: t.token,
      body: { url: `http://127.0.0.1:${port}/hook`, events: ['interview.completed'] },
    });
    expect(created.status, created.text).toBe(201);
    const { id: endpointId, secret } = created.body;
    const ids = await withTenant(h.orm, t.id, (em) =>
      emitWebhookEvent(emSql(em), t.id, 'interview.completed', {
        interviewId: '0193a1b2-0000-7000-8000-000000000001',
        candidateId: '0193a1b2-0000-7000-8000-000000000002',
        candidateExternalId: 'gh-123',
        ats: null,
        positionId: 'req-9',
        position: null,
        roleId: 'data-analyst',
        status: 'completed',
        endedAt: new Date().toISOString(),
      }),
    );
    await enqueueDeliveries(h.services.jobs, t.id, ids);
    const path = `/api/v1/webhooks/${endpointId}/deliveries/${ids[0]}`;
    const read = async () => (await h.request('GET', path, { token: t.token })).body;

    const done = await waitFor(read, (d) => d.status !== 'pending');
    expect(done).toMatchObject({ status: 'succeeded', attemptCount: 3 });
    expect(received).toHaveLength(3);

    answer = () => 202;
    const retried = await h.request('POST', `${path}/retry`, { token: t.token });
    expect(retried.status, retried.text).toBe(202);
    const again = await waitFor(read, (d) => d.attemptCount === 4 && d.status !== 'pending');
    expect(again.attempts.map((a: { responseStatus: number }) => a.responseStatus)).toEqual([
      500, 500, 200, 202,
    ]);
    expect(received).toHaveLength(4);
    const wh = new Webhook(secret);
    for (const r of received) {
      expect(r.headers['webhook-id']).toBe(ids[0]);
      wh.verify(r.body, r.headers as Record<string, string>);
    }
  });
});

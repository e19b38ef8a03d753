import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local stand-ins for the three ATSs, on 127.0.0.1, speaking each one's documented wire format:
 * - Greenhouse (Assessment Partner API): it CALLS us — list_tests, send_test, test_status with
 *   HTTP Basic (our key as user, empty password) — and RECEIVES the completion PATCH at the `url`
 *   it gave in send_test (empty body, same Basic key; answers with a status only), after which it
 *   reads test_status, as Greenhouse does.
 * - Ashby: receives assessment.update (POST, Basic with the customer's Ashby API key, JSON with
 *   `timestamp` in ms and identifier/label/type/value blobs) and apiKey.info; answers in Ashby's
 *   `{success, results}` / `{success: false, errors, errorInfo}` envelope, 200 even for a refusal.
 * - Lever: the Data API (`/v1`, Basic with the API key): GET opportunities/:id (`{data}` envelope,
 *   `emails` strings, `applications` expanded with `posting`), GET stages, POST
 *   opportunities/:id/notes (201 `{data: {noteId}}`); errors `{code, message}`. Its webhooks are
 *   signed as Lever signs them: hex HMAC-SHA256 of `token + triggeredAt` with the signature token.
 */

/** HTTP Basic as all three ATSs use it: the key as the user name, an empty password. */
export const basicAuth = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function basicUser(req: IncomingMessage): string | undefined {
  const m = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
  if (!m) return undefined;
  const [user, password] = Buffer.from(m[1]!, 'base64').toString('utf8').split(':');
  return password === '' ? user : undefined;
}

const send = (res: ServerResponse, status: number, body?: unknown) => {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  res
    .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
    .end(text);
};

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  const server: Server = createServer((req, res) => {
    handler(req, res).catch((err) => send(res, 500, { error: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export interface RecordedRequest {
  method: string;
  path: string;
  user: string | undefined;
  headers: IncomingMessage['headers'];
  body: string;
}

// ---------------------------------------------------------------------------------------------
// Greenhouse
// ---------------------------------------------------------------------------------------------

export interface GreenhouseStandIn {
  url: string;
  /** our endpoints, as the tenant entered them in Greenhouse */
  configure(partner: { baseUrl: string; apiKey: string }): void;
  listTests(): Promise<{ status: number; body: unknown }>;
  sendTest(body: unknown, apiKey?: string): Promise<{ status: number; body: unknown; headers: Headers }>;
  testStatus(partnerInterviewId: string): Promise<{ status: number; body: unknown }>;
  /** the callback URL Greenhouse gives in send_test for one application's test */
  callbackUrl(takeHomeTestId: string): string;
  /** PATCHes received, and the test_status Greenhouse read after each */
  patches: (RecordedRequest & { statusAfter?: unknown })[];
  /** answer PATCHes with this status (e.g. 503 to make us retry) */
  patchStatus: number;
  close(): Promise<void>;
}

export async function startGreenhouseStandIn(): Promise<GreenhouseStandIn> {
  let partner: { baseUrl: string; apiKey: string } | undefined;
  const patches: GreenhouseStandIn['patches'] = [];
  const calls = new Map<string, string>(); // take-home test id -> partner_interview_id
  const auth = (key = partner!.apiKey) => basicAuth(key);
  const call = async (method: string, path: string, body?: unknown, key?: string) => {
    const res = await fetch(`${partner!.baseUrl}${path}`, {
      method,
      headers: {
        authorization: auth(key),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: res.status, body: parsed, headers: res.headers };
  };
  const stand: GreenhouseStandIn = {
    url: '',
    configure: (p) => {
      partner = p;
    },
    listTests: () => call('GET', '/list_tests'),
    async sendTest(body, apiKey) {
      const res = await call('POST', '/send_test', body, apiKey);
      const b = body as { url?: string };
      const id = b.url?.split('/').pop();
      if (res.status === 200 && id)
        calls.set(id, (res.body as { partner_interview_id: string }).partner_interview_id);
      return res;
    },
    testStatus: (id) => call('GET', `/test_status?partner_interview_id=${encodeURIComponent(id)}`),
    callbackUrl: (id) => `${stand.url}/integrations/testing_partners/take_home_tests/${id}`,
    patches,
    patchStatus: 200,
    close: async () => {},
  };
  const server = await listen(async (req, res) => {
    const body = await bodyOf(req);
    const m = /^\/integrations\/testing_partners\/take_home_tests\/([^/?]+)$/.exec(req.url ?? '');
    if (req.method !== 'PATCH' || !m) return send(res, 404);
    const recorded: GreenhouseStandIn['patches'][number] = {
      method: req.method,
      path: req.url ?? '',
      user: basicUser(req),
      headers: req.headers,
      body,
    };
    patches.push(recorded);
    if (recorded.user !== partner?.apiKey) return send(res, 401);
    if (stand.patchStatus !== 200) return send(res, stand.patchStatus);
    send(res, 200); // "will return only the HTTP status code"
    // then Greenhouse asks for the results
    const partnerId = calls.get(m[1]!);
    if (partnerId) recorded.statusAfter = (await stand.testStatus(partnerId)).body;
  });
  stand.url = server.url;
  stand.close = server.close;
  return stand;
}

// ---------------------------------------------------------------------------------------------
// Ashby
// ---------------------------------------------------------------------------------------------

export interface AshbyStandIn {
  url: string;
  apiKey: string;
  updates: (RecordedRequest & { json: Record<string, unknown> })[];
  /** answer assessment.update with `{success: false}` (HTTP 200) this many more times */
  refuseNext: number;
  /** call our partner endpoints as Ashby does (POST, JSON, Basic with the key we issued) */
  call(
    baseUrl: string,
    key: string,
    method: string,
    body: unknown,
  ): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function startAshbyStandIn(
  apiKey = `ashby_${randomBytes(12).toString('hex')}`,
): Promise<AshbyStandIn> {
  const stand: AshbyStandIn = {
    url: '',
    apiKey,
    updates: [],
    refuseNext: 0,
    async call(baseUrl, key, method, body) {
      const res = await fetch(`${baseUrl}/${method}`, {
        method: 'POST',
        headers: {
          authorization: basicAuth(key),
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {}
      return { status: res.status, body: parsed };
    },
    close: async () => {},
  };
  const error = (code: string, message: string) => ({
    success: false,
    errors: [code],
    errorInfo: { code, message, requestId: randomUUID() },
  });
  const server = await listen(async (req, res) => {
    const body = await bodyOf(req);
    const user = basicUser(req);
    if (req.method !== 'POST') return send(res, 404);
    if (!user) return send(res, 401, error('unauthenticated', 'Missing API key'));
    if (user !== apiKey) return send(res, 403, error('invalid_api_key', 'The API key is not valid'));
    if (req.url === '/apiKey.info')
      return send(res, 200, {
        success: true,
        results: { title: 'AI interviews', createdAt: new Date().toISOString() },
      });
    if (req.url !== '/assessment.update') return send(res, 404, error('not_found', 'No such endpoint'));
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return send(res, 200, error('invalid_input', 'Request payload is malformed'));
    }
    stand.updates.push({ method: req.method, path: req.url, user, headers: req.headers, body, json });
    if (stand.refuseNext > 0) {
      stand.refuseNext--;
      return send(res, 200, error('assessment_update_failed', 'Temporarily unable to record the update'));
    }
    if (typeof json['assessment_id'] !== 'string' || typeof json['timestamp'] !== 'number')
      return send(res, 200, error('invalid_input', 'assessment_id and timestamp (ms) are required'));
    send(res, 200, { success: true, results: {} });
  });
  stand.url = server.url;
  stand.close = server.close;
  return stand;
}

// ---------------------------------------------------------------------------------------------
// Lever
// ---------------------------------------------------------------------------------------------

export interface LeverOpportunitySpec {
  id: string;
  /** the stage it is in (a stage change moves it) */
  stage?: string;
  name: string;
  emails: string[];
  contact: string;
  postingId: string;
}

export interface LeverStandIn {
  /** the API root, `…/v1` (LEVER_API_URL) */
  url: string;
  apiKey: string;
  addOpportunity(o: LeverOpportunitySpec): void;
  notes: { opportunityId: string; user: string | undefined; value: string; query: string }[];
  requests: RecordedRequest[];
  /** a signed candidateStageChange as Lever posts it */
  stageChange(
    signatureToken: string,
    data: { opportunityId: string; contactId: string; fromStageId: string; toStageId: string },
  ): Record<string, unknown>;
  close(): Promise<void>;
}

export function leverSign(signatureToken: string, token: string, triggeredAt: number): string {
  return createHmac('sha256', signatureToken).update(`${token}${triggeredAt}`).digest('hex');
}

export async function startLeverStandIn(
  apiKey = `lever_${randomBytes(12).toString('hex')}`,
): Promise<LeverStandIn> {
  const opportunities = new Map<string, LeverOpportunitySpec>();
  const stand: LeverStandIn = {
    url: '',
    apiKey,
    addOpportunity: (o) => opportunities.set(o.id, o),
    notes: [],
    requests: [],
    stageChange(signatureToken, data) {
      const moved = opportunities.get(data.opportunityId);
      if (moved) moved.stage = data.toStageId;
      const token = randomBytes(16).toString('hex');
      const triggeredAt = Date.now();
      return {
        id: randomUUID(),
        triggeredAt,
        event: 'candidateStageChange',
        signature: leverSign(signatureToken, token, triggeredAt),
        token,
        data: { ...data, candidateId: data.opportunityId },
      };
    },
    close: async () => {},
  };
  const server = await listen(async (req, res) => {
    const body = await bodyOf(req);
    const user = basicUser(req);
    const url = new URL(req.url ?? '/', 'http://lever');
    stand.requests.push({ method: req.method ?? '', path: url.pathname, user, headers: req.headers, body });
    if (user !== apiKey) return send(res, 401, { code: 'UnauthorizedError', message: 'Invalid API key' });
    if (req.method === 'GET' && url.pathname === '/v1/stages')
      return send(res, 200, { data: [{ id: 'stage-screen', text: 'Phone screen' }], hasNext: false });
    const opp = /^\/v1\/opportunities\/([^/]+)(\/notes)?$/.exec(url.pathname);
    const o = opp ? opportunities.get(decodeURIComponent(opp[1]!)) : undefined;
    if (!opp || !o) return send(res, 404, { code: 'ResourceNotFound', message: 'Opportunity not found' });
    if (req.method === 'GET' && !opp[2]) {
      const expanded = url.searchParams.getAll('expand').includes('applications');
      const application = { id: `app-${o.id}`, type: 'posting', posting: o.postingId, opportunityId: o.id };
      return send(res, 200, {
        data: {
          id: o.id,
          name: o.name,
          contact: o.contact,
          headline: '',
          stage: o.stage ?? 'stage-screen',
          emails: o.emails,
          phones: [],
          applications: [expanded ? application : application.id],
          archived: null,
          tags: [],
          createdAt: Date.now(),
          urls: {
            list: 'https://hire.lever.co/candidates',
            show: `https://hire.lever.co/candidates/${o.id}`,
          },
        },
      });
    }
    if (req.method === 'POST' && opp[2]) {
      let json: { value?: unknown };
      try {
        json = JSON.parse(body);
      } catch {
        return send(res, 400, { code: 'BadRequestError', message: 'Invalid JSON' });
      }
      if (typeof json.value !== 'string' || json.value === '')
        return send(res, 400, { code: 'BadRequestError', message: 'value is required' });
      stand.notes.push({ opportunityId: o.id, user, value: json.value, query: url.search });
      return send(res, 201, { data: { noteId: randomUUID() } });
    }
    send(res, 404, { code: 'ResourceNotFound', message: 'Not found' });
  });
  stand.url = `${server.url}/v1`;
  stand.close = server.close;
  return stand;
}

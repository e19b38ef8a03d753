import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import {
  blockedReason,
  type LookupFn,
  newWebhookSecret,
  postWebhook,
  resolveTarget,
  SsrfBlockedError,
  type Transport,
  webhookHeaders,
} from '../../src/webhooks/index.ts';

/**
 * The delivery-time SSRF guard. Nothing here sends traffic anywhere but loopback listeners of
 * this test: loopback forms go through the real transport and the listeners must see zero
 * connections; every other refused range goes through a spy transport that must never be called.
 */

interface Listener {
  server: Server;
  port: number;
  connections: number;
  requests: { host: string | undefined; body: string }[];
}

async function listen(host: string): Promise<Listener | undefined> {
  const l: Listener = { server: createServer(), port: 0, connections: 0, requests: [] };
  l.server.on('connection', () => {
    l.connections++;
  });
  l.server.on('request', (req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      l.requests.push({ host: req.headers.host, body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      l.server.once('error', reject);
      l.server.listen(0, host, () => resolve());
    });
  } catch {
    return undefined; // e.g. no IPv6 loopback on this machine
  }
  l.port = (l.server.address() as AddressInfo).port;
  return l;
}

let v4: Listener;
let v6: Listener | undefined;
beforeAll(async () => {
  v4 = (await listen('127.0.0.1'))!;
  v6 = await listen('::1');
});
afterAll(async () => {
  for (const l of [v4, v6]) if (l) await new Promise((r) => l.server.close(r));
});

const send = (
  url: string,
  options: { allowedHosts?: string[]; lookup?: LookupFn; transport?: Transport } = {},
) =>
  postWebhook({
    url,
    body: '{"type":"report.ready"}',
    headers: { 'content-type': 'application/json' },
    timeoutMs: 2000,
    allowedHosts: options.allowedHosts ?? [],
    lookup: options.lookup,
    transport: options.transport,
  });

const neverCalled = () =>
  vi.fn<Transport>(async () => ({ status: 200, bodyExcerpt: 'should never be sent' }));

describe('address classification', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.100.100.200', 'carrier-grade NAT'],
    ['169.254.169.254', 'cloud metadata'],
    ['169.254.1.1', 'link-local'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['::ffff:127.0.0.1', 'IPv4-mapped 127.0.0.1: loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped 127.0.0.1: loopback'],
    ['::ffff:169.254.169.254', 'IPv4-mapped 169.254.169.254: cloud metadata'],
    ['::ffff:a9fe:a9fe', 'cloud metadata'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:0:127.0.0.1', 'IPv4-translated 127.0.0.1'],
    ['::127.0.0.1', 'IPv4-compatible 127.0.0.1'],
    ['::a9fe:a9fe', 'cloud metadata'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 169.254.169.254'],
    ['64:ff9b::7f00:1', 'NAT64 127.0.0.1'],
    ['2002:7f00:1::1', '6to4 127.0.0.1'],
    ['2002:a9fe:a9fe::', '6to4 169.254.169.254'],
    ['fc00::1', 'unique-local'],
    ['fd00:ec2::254', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2001::1', 'Teredo'],
    ['100::1', 'not global unicast'],
  ])('%s is refused (%s)', (address, why) => {
    expect(blockedReason(address)).toContain(why);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('%s is a public address', (address) => {
    expect(blockedReason(address)).toBeNull();
  });
});

describe('resolveTarget', () => {
  // The table from the brief, each spelled as an ATS might paste it; odd IPv4 forms are
  // normalised by the WHATWG URL parser, then checked.
  const REFUSED: [string, RegExp][] = [
    ['http://127.0.0.1/', /127\.0\.0\.1 \(loopback\)/],
    ['http://127.1/', /127\.0\.0\.1 \(loopback\)/],
    ['http://0x7f000001/', /127\.0\.0\.1 \(loopback\)/],
    ['http://2130706433/', /127\.0\.0\.1 \(loopback\)/],
    ['http://0177.0.0.1/', /127\.0\.0\.1 \(loopback\)/],
    ['http://127.000.000.001/', /127\.0\.0\.1 \(loopback\)/],
    ['http://0x7f.1/', /127\.0\.0\.1 \(loopback\)/],
    ['http://[::1]/', /::1 \(loopback\)/],
    ['http://[::ffff:127.0.0.1]/', /IPv4-mapped 127\.0\.0\.1: loopback/],
    ['http://169.254.169.254/latest/meta-data/', /cloud metadata/],
    ['http://0xa9fea9fe/', /169\.254\.169\.254 \(cloud metadata/],
    ['http://[::ffff:169.254.169.254]/', /cloud metadata/],
    ['http://[fd00:ec2::254]/', /unique-local/],
    ['http://10.0.0.1/', /private/],
    ['http://3232235521/', /192\.168\.0\.1 \(private\)/],
    ['http://192.168.0.1:8080/', /private/],
    ['https://[fc00::1]/', /unique-local/],
    ['http://0.0.0.0/', /unspecified/],
    ['http://0/', /unspecified/],
    ['http://[::]/', /unspecified/],
    ['http://100.64.0.1/', /carrier-grade NAT/],
    ['http://224.0.0.1/', /multicast/],
  ];
  it.each(REFUSED)('%s is refused', async (url, why) => {
    const lookup = vi.fn<LookupFn>();
    const err = await resolveTarget(new URL(url), { allowedHosts: [], lookup }).catch((e) => e);
    expect(err).toBeInstanceOf(SsrfBlockedError);
    expect(err.message).toMatch(/^ssrf_blocked: /);
    expect(err.message).toMatch(why);
    expect(lookup).not.toHaveBeenCalled(); // an IP literal is never looked up
  });

  it('refuses a host name when ANY of its addresses is refused', async () => {
    const lookup: LookupFn = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.1.2.3', family: 4 },
    ];
    await expect(
      resolveTarget(new URL('https://ats.example.com/hook'), { allowedHosts: [], lookup }),
    ).rejects.toThrow(/ssrf_blocked: ats\.example\.com resolves to 10\.1\.2\.3 \(private\)/);
  });

  it('refuses names that resolve to metadata or loopback, including the real localhost', async () => {
    const metadata: LookupFn = async () => [{ address: '169.254.169.254', family: 4 }];
    await expect(
      resolveTarget(new URL('http://metadata.google.internal/'), { allowedHosts: [], lookup: metadata }),
    ).rejects.toThrow(/metadata\.google\.internal resolves to 169\.254\.169\.254/);
    // no stand-in: the system resolver
    await expect(resolveTarget(new URL('http://localhost/'), { allowedHosts: [] })).rejects.toThrow(
      /ssrf_blocked: localhost resolves to (127\.0\.0\.1|::1) \(loopback\)/,
    );
  });

  it('returns the vetted public address, looked up once', async () => {
    const lookup = vi.fn<LookupFn>(async () => [
      { address: '2606:4700:4700::1111', family: 6 },
      { address: '93.184.216.34', family: 4 },
    ]);
    const target = await resolveTarget(new URL('https://ats.example.com/hook'), { allowedHosts: [], lookup });
    expect(target).toEqual({
      hostname: 'ats.example.com',
      address: '2606:4700:4700::1111',
      family: 6,
      allowListed: false,
    });
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it('a name that does not resolve is an ordinary (retryable) failure, not an SSRF refusal', async () => {
    const lookup: LookupFn = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    const err = await resolveTarget(new URL('https://nowhere.example/'), { allowedHosts: [], lookup }).catch(
      (e) => e,
    );
    expect(err).not.toBeInstanceOf(SsrfBlockedError);
    expect(err.message).toBe('dns: nowhere.example did not resolve (ENOTFOUND)');
  });

  it('the allow-list exempts exactly the listed hosts (normalised like URLs)', async () => {
    const allowedHosts = loadConfig({ WEBHOOK_ALLOWED_HOSTS: '0x7f000001, ATS.internal., ::1' }).webhooks
      .allowedHosts;
    expect(allowedHosts).toEqual(['127.0.0.1', 'ats.internal', '[::1]']);
    const lookup: LookupFn = async () => [{ address: '10.0.0.5', family: 4 }];
    for (const url of ['http://127.0.0.1:9/', 'http://127.1:9/', 'http://[::1]:9/']) {
      expect((await resolveTarget(new URL(url), { allowedHosts, lookup })).allowListed).toBe(true);
    }
    expect(await resolveTarget(new URL('https://ats.internal/'), { allowedHosts, lookup })).toMatchObject({
      address: '10.0.0.5',
      allowListed: true,
    });
    // another name for an allowed address is not allowed
    await expect(resolveTarget(new URL('http://localhost/'), { allowedHosts })).rejects.toThrow(
      SsrfBlockedError,
    );
    await expect(resolveTarget(new URL('http://127.0.0.2/'), { allowedHosts })).rejects.toThrow(
      SsrfBlockedError,
    );
    await expect(resolveTarget(new URL('http://[::ffff:127.0.0.1]/'), { allowedHosts })).rejects.toThrow(
      SsrfBlockedError,
    );
  });
});

describe('postWebhook', () => {
  it('refuses every loopback spelling without any connection reaching the local listeners', async () => {
    const urls = [
      `http://127.0.0.1:${v4.port}/hook`,
      `http://127.1:${v4.port}/hook`,
      `http://0x7f000001:${v4.port}/hook`,
      `http://2130706433:${v4.port}/hook`,
      `http://0177.0.0.1:${v4.port}/hook`,
      `http://[::ffff:127.0.0.1]:${v4.port}/hook`,
      `http://0.0.0.0:${v4.port}/hook`,
      `http://localhost:${v4.port}/hook`,
      ...(v6
        ? [`http://[::1]:${v6.port}/hook`, `http://localhost:${v6.port}/hook`, `http://[::]:${v6.port}/`]
        : []),
    ];
    for (const url of urls) {
      const result = await send(url);
      expect(result, url).toMatchObject({ blocked: true, status: null, bodyExcerpt: null });
      expect(result.error, url).toMatch(/^ssrf_blocked: /);
    }
    expect(v4.connections).toBe(0);
    expect(v6?.connections ?? 0).toBe(0);
  });

  it('refuses private, link-local, metadata and unique-local targets before any transport is used', async () => {
    const transport = neverCalled();
    const lookup = vi.fn<LookupFn>(async () => [{ address: '192.168.1.20', family: 4 }]);
    for (const url of [
      'http://10.0.0.1/hook',
      'http://192.168.0.1/hook',
      'http://172.16.5.4/hook',
      'http://169.254.169.254/latest/meta-data/iam/',
      'http://[fc00::1]/hook',
      'http://[fe80::1]/hook',
      'http://100.64.0.1/hook',
      'https://intranet.example/hook',
    ]) {
      const result = await send(url, { transport, lookup });
      expect(result.blocked, url).toBe(true);
      expect(result.error, url).toMatch(/^ssrf_blocked: /);
    }
    expect(transport).not.toHaveBeenCalled();
  });

  it('connects to the address it vetted: a second DNS answer (rebinding) is never asked for', async () => {
    let calls = 0;
    const rebinding: LookupFn = async () =>
      calls++ === 0 ? [{ address: '93.184.216.34', family: 4 }] : [{ address: '127.0.0.1', family: 4 }];
    const transport = vi.fn<Transport>(async () => ({ status: 204, bodyExcerpt: '' }));
    const result = await send('https://ats.example.com/hook?x=1', { lookup: rebinding, transport });
    expect(result).toMatchObject({ blocked: false, status: 204, error: null });
    expect(calls).toBe(1);
    expect(transport).toHaveBeenCalledTimes(1);
    expect(transport.mock.calls[0]![0].target).toMatchObject({
      address: '93.184.216.34',
      hostname: 'ats.example.com',
    });
  });

  it('with the allow-list, the loopback receiver IS reached (pinned, with the name in Host)', async () => {
    const direct = await send(`http://127.0.0.1:${v4.port}/hook`, { allowedHosts: ['127.0.0.1'] });
    expect(direct).toMatchObject({ blocked: false, status: 200, bodyExcerpt: 'ok', error: null });
    // a name no resolver knows: only the stand-in answers it, once, and the connection goes to that address
    const lookup = vi.fn<LookupFn>(async () => [{ address: '127.0.0.1', family: 4 }]);
    const named = await send(`http://ats.internal:${v4.port}/hook`, {
      allowedHosts: ['ats.internal'],
      lookup,
    });
    expect(named).toMatchObject({ blocked: false, status: 200 });
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(v4.requests.map((r) => r.host)).toEqual([`127.0.0.1:${v4.port}`, `ats.internal:${v4.port}`]);
    expect(v4.requests[0]!.body).toBe('{"type":"report.ready"}');
  });

  it('a closed port or a slow receiver is an ordinary failure', async () => {
    const closed = await listen('127.0.0.1');
    const port = closed!.port;
    await new Promise((r) => closed!.server.close(r));
    const refused = await send(`http://127.0.0.1:${port}/`, { allowedHosts: ['127.0.0.1'] });
    expect(refused).toMatchObject({ blocked: false, status: null });
    expect(refused.error).toMatch(/^network: .*ECONNREFUSED/);

    const slow = createServer(() => {}); // never answers
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', () => r()));
    const timedOut = await postWebhook({
      url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/`,
      body: '{}',
      headers: {},
      timeoutMs: 200,
      allowedHosts: ['127.0.0.1'],
    });
    slow.closeAllConnections();
    await new Promise((r) => slow.close(r));
    expect(timedOut.error).toBe('timeout: no response within 200 ms');
    expect(timedOut.durationMs).toBeLessThan(2000);
  });
});

describe('signatures', () => {
  it('verify with the standardwebhooks library, with one or two secrets', () => {
    const secret = newWebhookSecret();
    const previous = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    const body = JSON.stringify({
      type: 'report.ready',
      timestamp: new Date().toISOString(),
      data: { a: 1 },
    });
    const ts = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders([secret], 'msg_1', ts, body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(previous).verify(body, headers)).toThrow();
    const both = webhookHeaders([secret, previous], 'msg_1', ts, body);
    expect(both['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(secret).verify(body, both)).toEqual(JSON.parse(body));
    expect(new Webhook(previous).verify(body, both)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(`${body} `, both)).toThrow();
  });
});

import { promises as dns } from 'node:dns';
import { isIP, isIPv4, isIPv6 } from 'node:net';

/**
 * The delivery-time SSRF guard. A webhook URL is a tenant's input, so before every attempt its
 * host is resolved (every address) and refused when ANY address is not a public unicast one:
 * loopback, unspecified, private, link-local (cloud metadata), unique-local, CGNAT, multicast,
 * documentation/benchmark/reserved ranges, and IPv6 forms that embed such an IPv4 address
 * (IPv4-mapped, -compatible, -translated, NAT64, 6to4). Numeric and odd IPv4 spellings (127.1,
 * 0x7f000001, 2130706433, 0177.0.0.1) are normalised by the WHATWG URL parser before the check.
 * The caller then connects to the vetted address itself, so no second DNS answer can differ.
 */

export class SsrfBlockedError extends Error {
  constructor(readonly reason: string) {
    super(`ssrf_blocked: ${reason}`);
    this.name = 'SsrfBlockedError';
  }
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name resolves to (dns.lookup with all: true). Injectable in tests. */
export type LookupFn = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: LookupFn = async (hostname) => {
  const found = await dns.lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

export interface Target {
  /** the URL's host name without IPv6 brackets or a trailing dot: for Host and TLS SNI */
  hostname: string;
  /** the vetted address to connect to */
  address: string;
  family: 4 | 6;
  /** the host is on WEBHOOK_ALLOWED_HOSTS, so the range check was skipped */
  allowListed: boolean;
}

// ---------------------------------------------------------------------------------------------
// Address classification
// ---------------------------------------------------------------------------------------------

const ipv4ToInt = (ip: string): number => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0) >>> 0;

const V4_RANGES: [string, number, string][] = [
  ['0.0.0.0', 8, 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay anycast'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved or broadcast'],
];
const V4_BLOCKS = V4_RANGES.map(([base, bits, label]) => ({
  base: ipv4ToInt(base),
  mask: bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0,
  label,
}));

/** Why an IPv4 address is refused, or null when it is public unicast. */
function classifyIPv4(ip: string): string | null {
  if (ip === '169.254.169.254') return 'cloud metadata address';
  const n = ipv4ToInt(ip);
  for (const b of V4_BLOCKS) if ((n & b.mask) >>> 0 === b.base) return b.label;
  return null;
}

/** The eight 16-bit groups of an IPv6 address (a zone id is dropped; a dotted IPv4 tail is parsed). */
function ipv6Groups(ip: string): number[] {
  let s = ip.replace(/%.*$/, '').toLowerCase();
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (tail?.[1]) {
    const n = ipv4ToInt(tail[1]);
    s = `${s.slice(0, -tail[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head = '', rest] = s.split('::') as [string, string | undefined];
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const left = parse(head);
  if (rest === undefined) return left;
  const right = parse(rest);
  return [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
}

const v4From = (hi: number, lo: number) => `${hi >>> 8}.${hi & 0xff}.${lo >>> 8}.${lo & 0xff}`;

/** Why an IPv6 address is refused, or null when it is public (global) unicast. */
function classifyIPv6(ip: string): string | null {
  const g = ipv6Groups(ip);
  if (g.length !== 8) return 'unparseable IPv6 address';
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  const embedded = (kind: string, v4: string) => {
    const why = classifyIPv4(v4);
    return why ? `${kind} ${v4}: ${why}` : null;
  };

  if (zeroTo(8)) return 'unspecified';
  if (zeroTo(7) && g7 === 1) return 'loopback';
  if (zeroTo(5) && g5 === 0xffff) return embedded('IPv4-mapped', v4From(g6, g7));
  if (zeroTo(4) && g4 === 0xffff && g5 === 0) return embedded('IPv4-translated', v4From(g6, g7));
  if (zeroTo(6)) return embedded('IPv4-compatible', v4From(g6, g7)) ?? 'IPv4-compatible (deprecated)';
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return embedded('NAT64', v4From(g6, g7));
  }
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return 'NAT64 local-use';
  if (g0 === 0x2002) return embedded('6to4', v4From(g1, g2));
  if (g0 === 0x2001 && g1 === 0) return 'Teredo';
  if (g0 === 0x2001 && g1 === 0xdb8) return 'documentation';
  if ((g0 & 0xfe00) === 0xfc00) return 'unique-local';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((g0 & 0xffc0) === 0xfec0) return 'site-local';
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  if ((g0 & 0xe000) !== 0x2000) return 'not global unicast';
  return null;
}

/** Why an IP address may not be a webhook target, or null when it may. */
export function blockedReason(address: string): string | null {
  if (isIPv4(address)) return classifyIPv4(address);
  if (isIPv6(address)) return classifyIPv6(address);
  return 'not an IP address';
}

// ---------------------------------------------------------------------------------------------
// Resolving a URL to a vetted address
// ---------------------------------------------------------------------------------------------

/** The URL's host as compared with the allow-list: WHATWG-normalised, no trailing dot. */
const hostKey = (url: URL) => url.hostname.replace(/\.$/, '');

/**
 * Resolve the URL's host and vet every address; returns the address to connect to. Throws
 * SsrfBlockedError when any address is refused (unless the host is allow-listed), and a plain
 * Error when the name does not resolve.
 */
export async function resolveTarget(
  url: URL,
  options: { allowedHosts: readonly string[]; lookup?: LookupFn | undefined },
): Promise<Target> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SsrfBlockedError(`${url.protocol} URLs are not delivered to`);
  }
  const key = hostKey(url);
  const hostname = key.startsWith('[') ? key.slice(1, -1) : key;
  const allowListed = options.allowedHosts.includes(key);

  let addresses: ResolvedAddress[];
  const literal = isIP(hostname);
  if (literal) addresses = [{ address: hostname, family: literal === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await (options.lookup ?? systemLookup)(hostname);
    } catch (err) {
      const code = (err as { code?: string }).code;
      throw new Error(`dns: ${hostname} did not resolve${code ? ` (${code})` : ''}`);
    }
    if (addresses.length === 0) throw new Error(`dns: ${hostname} has no address`);
  }

  if (!allowListed) {
    for (const { address } of addresses) {
      const why = blockedReason(address);
      if (why) {
        const via = address === hostname ? address : `${hostname} resolves to ${address}`;
        throw new SsrfBlockedError(`${via} (${why})`);
      }
    }
  }
  const first = addresses[0]!;
  return { hostname, address: first.address, family: first.family, allowListed };
}

/** Names that always mean this machine or a cloud metadata service, whatever DNS says. */
const LOCAL_NAMES =
  /^(localhost|.+\.localhost|metadata|metadata\.google\.internal|instance-data(\.ec2\.internal)?)$/i;

/**
 * Why a webhook URL can never be delivered to, judged when it is saved (null: it may be): an IP
 * literal in a refused range, or a name that always means a local or metadata service. Other names
 * are resolved and vetted at each delivery (DNS can change). The allow-list exempts a host.
 */
export function undeliverableReason(raw: string, allowedHosts: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `${url.protocol} URLs are not delivered to`;
  const key = hostKey(url);
  if (allowedHosts.includes(key)) return null;
  const hostname = key.startsWith('[') ? key.slice(1, -1) : key;
  if (isIP(hostname)) {
    const reason = blockedReason(hostname);
    return reason ? `${hostname} is ${reason}` : null;
  }
  return LOCAL_NAMES.test(hostname) ? `${hostname} names a local or metadata service` : null;
}

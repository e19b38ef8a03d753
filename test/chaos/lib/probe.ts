import type { Reply } from './http.ts';
import { isProblem } from './http.ts';
import { percentile, sleep } from './outcome.ts';

export interface ProbeKind {
  name: string;
  run: () => Promise<Reply>;
  /** sees every reply (e.g. to remember what was acknowledged) */
  onReply?: (r: Reply) => void;
  /** a plain JSON 503 is this route's promised answer (the readiness probe) */
  plain503?: boolean;
}

interface Sample {
  kind: string;
  /** when the request was sent (ms since epoch) */
  at: number;
  status: number;
  code: string | undefined;
  ms: number;
  problem: boolean;
  error: string | undefined;
}

/** Answers that may be given while a dependency is down: 503 problem+json, or a normal answer. */
export function acceptableInOutage(s: Sample, hangMs: number): string | undefined {
  if (s.status === 0) return `${s.kind}: no answer (${s.error}) after ${Math.round(s.ms)} ms`;
  if (s.ms > hangMs) return `${s.kind}: ${s.status}${s.code ? ` ${s.code}` : ''} took ${Math.round(s.ms)} ms`;
  if (s.status >= 500 && !(s.status === 503 && s.problem))
    return `${s.kind}: ${s.status} ${s.code ?? ''}`.trim();
  if (s.status >= 400 && !s.problem) return `${s.kind}: ${s.status} not problem+json`;
  return undefined;
}

/**
 * Clients that keep calling a set of routes, each kind in its own loop, recording what every
 * request got and how long it took, so an outage window can be judged afterwards.
 */
export class Prober {
  samples: Sample[] = [];
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private kinds: ProbeKind[],
    private pauseMs = 100,
  ) {}

  start() {
    this.running = true;
    this.loops = this.kinds.map(async (k) => {
      while (this.running) {
        const at = Date.now();
        const r = await k.run();
        k.onReply?.(r);
        this.samples.push({
          kind: k.name,
          at,
          status: r.status,
          code: r.body?.code,
          ms: r.ms,
          problem: isProblem(r) || (k.plain503 === true && r.status === 503),
          error: r.error,
        });
        await sleep(this.pauseMs);
      }
    });
  }

  async stop() {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** Samples sent in [from, to). */
  within(from: number, to: number) {
    return this.samples.filter((s) => s.at >= from && s.at < to);
  }

  /** Per kind: what the requests sent in the window got. */
  describe(from: number, to: number): string {
    const parts: string[] = [];
    for (const k of this.kinds) {
      const s = this.within(from, to).filter((x) => x.kind === k.name);
      if (!s.length) continue;
      const statuses = new Map<string, number>();
      for (const x of s) {
        const key = x.status === 0 ? `ERR` : `${x.status}${x.code && x.status >= 400 ? ` ${x.code}` : ''}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      }
      const ms = s.map((x) => x.ms);
      parts.push(
        `${k.name}: ${[...statuses].map(([c, n]) => `${c}×${n}`).join(', ')} (p50 ${Math.round(percentile(ms, 50))} ms, max ${Math.round(Math.max(...ms))} ms)`,
      );
    }
    return parts.join('; ');
  }

  /**
   * When every kind has answered well again after `from`: the start of the first request of each
   * kind that got a 2xx or a 4xx problem (its normal answer) and after which none failed.
   */
  recoveredAt(from: number): number | null {
    let latest = from;
    for (const k of this.kinds) {
      const s = this.samples.filter((x) => x.kind === k.name && x.at >= from);
      let since: number | null = null;
      for (const x of s) {
        const good = x.status > 0 && x.status < 500;
        if (good && since === null) since = x.at + x.ms;
        if (!good) since = null;
      }
      if (since === null) return null;
      latest = Math.max(latest, since);
    }
    return latest;
  }
}

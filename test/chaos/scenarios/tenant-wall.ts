import { apiClient, keepAliveAgent } from '../lib/http.ts';
import type { ChaosRow } from '../lib/outcome.ts';
import { ANSWER, schedule, signUp, startInterview, Tally, type TenantLogin } from '../lib/product.ts';
import type { Stack } from '../lib/stack.ts';

interface TenantSet {
  login: TenantLogin;
  interviews: string[];
  schedules: string[];
}

/**
 * `tenants` tenants at once, each answering its own interviews (tenant-scoped transactions on
 * every pooled connection of every process) while reading its lists and probing the others'
 * objects, for `durationMs`. Promise (the wall): a list holds only the tenant's own objects and
 * another tenant's object is a 404, under load, through connection reuse.
 */
export async function tenantWall(
  stack: Stack,
  opts: { tenants: number; durationMs: number; database?: string },
): Promise<ChaosRow> {
  const setup = stack.apis[0]!.client;
  const sets: TenantSet[] = [];
  for (let i = 0; i < opts.tenants; i++) {
    const login = await signUp(setup, `Wall ${i}`);
    const interviews = await Promise.all([0, 1].map((k) => startInterview(setup, login.token, 40 + k)));
    const schedules = [(await schedule(setup, login.token)).scheduleId];
    sets.push({ login, interviews, schedules });
  }
  const tally = new Tally();
  const byKind = new Map<string, Tally>();
  const note = (kind: string, r: Parameters<Tally['note']>[0]) => {
    if (!byKind.has(kind)) byKind.set(kind, new Tally());
    byKind.get(kind)!.note(r);
    return tally.note(r);
  };
  const leaks: string[] = [];
  const until = Date.now() + opts.durationMs;
  await Promise.all(
    sets.map(async (mine, i) => {
      const api = apiClient(stack.apis[i % stack.apis.length]!.origin, keepAliveAgent(2));
      const token = mine.login.token;
      const own = new Set([...mine.interviews, ...mine.schedules]);
      let turn = 1;
      let k = 0;
      while (Date.now() < until) {
        const other = sets[(i + 1 + (k++ % (sets.length - 1))) % sets.length]!;
        const answered = note(
          'answer own',
          await api.post(`/interview/${mine.interviews[0]}/answer`, { answerText: ANSWER, turn }, { token }),
        );
        if (answered.status === 200) turn = answered.body.state.turn;
        if (answered.status === 200 && answered.body.state.status !== 'in_progress') {
          // finished: the next interview keeps the writes coming
          const next = await startInterview(api, token, 60 + k);
          own.add(next);
          mine.interviews[0] = next;
          turn = 1;
        }
        const list = note('list interviews', await api.get('/interviews?limit=100', { token }));
        for (const item of list.body?.items ?? [])
          if (!own.has(item.id)) leaks.push(`list /interviews: ${item.id}`);
        const schedules = note('list schedules', await api.get('/admin/schedules?limit=100', { token }));
        for (const item of schedules.body?.items ?? [])
          if (!own.has(item.id)) leaks.push(`list /admin/schedules: ${item.id}`);
        for (const path of [
          `/interviews/${other.interviews[0]}`,
          `/interview/${other.interviews[1]}/state`,
          `/report/${other.interviews[0]}`,
          `/admin/schedules/${other.schedules[0]}`,
        ]) {
          const r = note(`GET ${path.split('/')[1]}/… of another`, await api.get(path, { token }));
          if (r.status !== 404 && r.status !== 405) leaks.push(`GET ${path} of another tenant: ${r.status}`);
        }
      }
    }),
  );
  const violations = [
    ...[...new Set(leaks)].slice(0, 6).map((l) => `leak: ${l}`),
    ...[...new Set(tally.errors)].slice(0, 4).map((e) => `client saw ${e}`),
  ];
  return {
    fault: `${opts.tenants}-tenant wall under load (${stack.apis.length} API processes, ${opts.database ?? 'direct PostgreSQL'})`,
    requests: tally.requests,
    errors: tally.errors.length,
    lost: 0,
    duplicated: 0,
    recoveryMs: null,
    notes: `${leaks.length} cross-tenant reads answered; ${[...byKind].map(([k, t]) => `${k}: ${t.statuses()}`).join('; ')}`,
    violations,
  };
}

import { beforeAll, describe, expect, it } from 'vitest';
import { type ComplianceSweepDeps, runComplianceSweep } from '../../src/compliance/index.ts';
import { createLogger } from '../../src/observability/index.ts';
import { createHarness, type Harness, type TestTenant } from '../helpers/harness.ts';
import { signedInMember } from '../helpers/members.ts';

/**
 * Retention on the embedded default's adapters (in-process jobs, memory live state): a tenant
 * keeps candidates N days after their last interview ended; one sweep erases exactly those past
 * it, the way POST /candidates/:id/erase does, as the system in the audit log; a second sweep
 * does nothing. Interviews end through the API; their end time is then moved back in SQL.
 *
 * The sweep is scoped to this file's tenants: other test files share the database.
 */

let h: Harness;
let deps: ComplianceSweepDeps;

beforeAll(async () => {
  h = await createHarness();
  deps = {
    orm: h.orm,
    sessions: h.services.interviews.sessions,
    events: h.services.interviews.events,
    logger: createLogger('silent'),
    metrics: h.services.metrics,
  };
});

const owner = () => h.ownerOrm.em.fork();

/** A candidate with one interview per entry, each ended `daysAgo` (null: left running). */
async function candidateWith(t: TestTenant, email: string, endedDaysAgo: (number | null)[]) {
  let candidateId = '';
  for (const daysAgo of endedDaysAgo) {
    const start = await h.request('POST', '/api/v1/interview/start', {
      token: t.token,
      body: { candidate: { name: 'Retained Person', email }, role: 'backend-engineer', length: 5, seed: 1 },
    });
    expect(start.status, start.text).toBe(201);
    const interviewId = start.body.interviewId as string;
    if (daysAgo === null) continue;
    const end = await h.request('POST', `/api/v1/interview/${interviewId}/end`, { token: t.token });
    expect(end.status, end.text).toBe(200);
    const [row] = await owner().execute<{ candidate_id: string }[]>(
      `update interviews set ended_at = now() - make_interval(days => ?) where id = ? returning candidate_id`,
      [daysAgo, interviewId],
    );
    candidateId = row!.candidate_id;
  }
  if (!candidateId) {
    const [row] = await owner().execute<{ id: string }[]>(
      'select id from candidates where tenant_id = ? and email = ?',
      [t.id, email],
    );
    candidateId = row!.id;
  }
  return candidateId;
}

const erasedAt = async (candidateId: string) =>
  (
    await owner().execute<{ erased_at: Date | null; name: string }[]>(
      'select erased_at, name from candidates where id = ?',
      [candidateId],
    )
  )[0]!;

const metric = async (name: string) => {
  const text = (await h.request('GET', '/metrics')).text;
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
};

describe('the retention setting', () => {
  it('defaults to 365 days; admins change it (audited), null keeps; others and bad values are refused', async () => {
    const t = await h.signUp();
    expect((await h.request('GET', '/api/v1/tenant', { token: t.token })).body.candidateRetentionDays).toBe(
      365,
    );

    const set = await h.request('PATCH', '/api/v1/tenant/settings', {
      token: t.token,
      body: { candidateRetentionDays: 30 },
    });
    expect(set.status, set.text).toBe(200);
    expect(set.body.candidateRetentionDays).toBe(30);
    const keep = await h.request('PATCH', '/api/v1/tenant/settings', {
      token: t.token,
      body: { candidateRetentionDays: null },
    });
    expect(keep.body.candidateRetentionDays).toBeNull();

    const audit = await h.request('GET', '/api/v1/audit?action=tenant.settings_changed', { token: t.token });
    expect(audit.body.items.map((e: { data: unknown }) => e.data)).toEqual([
      { candidateRetentionDays: { from: 30, to: null } },
      { candidateRetentionDays: { from: 365, to: 30 } },
    ]);

    for (const days of [0, 3651, 1.5]) {
      const bad = await h.request('PATCH', '/api/v1/tenant/settings', {
        token: t.token,
        body: { candidateRetentionDays: days },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('validation_failed');
    }
    const recruiter = await signedInMember(h, t, 'recruiter');
    const denied = await h.request('PATCH', '/api/v1/tenant/settings', {
      token: recruiter,
      body: { candidateRetentionDays: 10 },
    });
    expect(denied.status).toBe(403);
    expect(
      (await h.request('GET', '/api/v1/tenant', { token: t.token })).body.candidateRetentionDays,
    ).toBeNull();
  });
});

describe('the retention sweep', () => {
  it('erases exactly the candidates past their tenant’s retention, as the system; a second sweep does nothing', async () => {
    const a = await h.signUp();
    const b = await h.signUp();
    const c = await h.signUp();
    expect(
      (
        await h.request('PATCH', '/api/v1/tenant/settings', {
          token: a.token,
          body: { candidateRetentionDays: 30 },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await h.request('PATCH', '/api/v1/tenant/settings', {
          token: c.token,
          body: { candidateRetentionDays: null },
        })
      ).status,
    ).toBe(200);

    const due = [
      await candidateWith(a, 'old@example.com', [31]),
      await candidateWith(a, 'twice-old@example.com', [90, 45]),
    ];
    const kept = [
      await candidateWith(a, 'recent@example.com', [29]),
      // the last interview counts, not the first
      await candidateWith(a, 'came-back@example.com', [90, 10]),
      // one still running
      await candidateWith(a, 'running@example.com', [90, null]),
      // tenant b keeps the default 365 days
      await candidateWith(b, 'b-old@example.com', [200]),
      // tenant c keeps everything
      await candidateWith(c, 'c-ancient@example.com', [3000]),
    ];
    const bOld = await candidateWith(b, 'b-ancient@example.com', [400]);

    const before = await metric('retention_erased_candidates_total');
    const scope = { tenantIds: [a.id, b.id, c.id] };
    const first = await runComplianceSweep(deps, scope);
    expect(first.retention).toEqual({ erased: 3, failed: 0 });
    expect(await metric('retention_erased_candidates_total')).toBe(before + 3);

    for (const id of [...due, bOld]) expect((await erasedAt(id)).erased_at, id).not.toBeNull();
    for (const id of kept)
      expect(await erasedAt(id), id).toMatchObject({ erased_at: null, name: 'Retained Person' });
    // erased the way POST /candidates/:id/erase erases: the export shows nothing of them
    const exported = await h.request('GET', `/api/v1/candidates/${due[1]}/export`, { token: a.token });
    expect(exported.body.candidate).toMatchObject({ name: '[erased]', email: `${due[1]}@erased.invalid` });
    // in the audit log as the system, with the reason and counts
    const log = await h.request('GET', '/api/v1/audit?action=candidate.erased', { token: a.token });
    expect(log.body.items).toHaveLength(2);
    for (const entry of log.body.items) {
      expect(entry.actor).toEqual({ kind: 'system', id: null, label: 'retention' });
      expect(entry.data.reason).toBe("retention: 30 days passed since the candidate's last interview");
      expect(entry.data.removed.candidates).toBe(1);
    }
    expect(due).toContain(log.body.items[0].target);

    const second = await runComplianceSweep(deps, scope);
    expect(second.retention).toEqual({ erased: 0, failed: 0 });
    expect(
      (await h.request('GET', '/api/v1/audit?action=candidate.erased', { token: a.token })).body.items,
    ).toHaveLength(2);
  });

  it('a candidate becomes due again only by the tenant’s setting: shortening it takes effect on the next sweep', async () => {
    const t = await h.signUp();
    const id = await candidateWith(t, 'patient@example.com', [100]);
    expect((await runComplianceSweep(deps, { tenantIds: [t.id] })).retention.erased).toBe(0);
    await h.request('PATCH', '/api/v1/tenant/settings', {
      token: t.token,
      body: { candidateRetentionDays: 99 },
    });
    expect((await runComplianceSweep(deps, { tenantIds: [t.id] })).retention.erased).toBe(1);
    expect((await erasedAt(id)).erased_at).not.toBeNull();
  });
});

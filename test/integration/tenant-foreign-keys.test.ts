import { beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/db/index.ts';
import { createHarness, type Harness, uniq } from '../helpers/harness.ts';

/**
 * Foreign keys between tenant-owned tables include tenant_id on both sides, so the database
 * itself refuses a row of tenant B that points at tenant A's row. Written as the owner (a
 * superuser in tests: RLS does not apply), so the key is the only wall left standing. The catalog
 * check keeps a future migration from adding a single-column key between tenant tables.
 */

let h: Harness;
const owner = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  h.ownerOrm.em.fork().execute<T[]>(sql, params);

/** One tenant's rows that other tenant rows point at. */
interface Graph {
  tenantId: string;
  candidateId: string;
  interviewId: string;
  answerId: string;
  endpointId: string;
  deliveryId: string;
  positionId: string;
  userId: string;
  scheduleId: string;
  accountTokenId: string;
  atsConnectionId: string;
  atsLinkId: string;
  /** schedules of their own: an ATS link is the only one of its schedule */
  linkScheduleId: string;
  spareScheduleId: string;
}

let plugin: { plugin_id: string; version: string; sha256: string };
let a: Graph;
let b: Graph;
let serial = 0;
/** a fresh turn or attempt number, so unique keys never collide between inserts */
const next = () => ++serial;

async function graph(): Promise<Graph> {
  const g: Graph = {
    tenantId: uuidv7(),
    candidateId: uuidv7(),
    interviewId: uuidv7(),
    answerId: uuidv7(),
    endpointId: uuidv7(),
    deliveryId: `msg_${uuidv7()}`,
    positionId: uuidv7(),
    userId: uuidv7(),
    scheduleId: uuidv7(),
    accountTokenId: uuidv7(),
    atsConnectionId: uuidv7(),
    atsLinkId: uuidv7(),
    linkScheduleId: uuidv7(),
    spareScheduleId: uuidv7(),
  };
  const t = g.tenantId;
  await owner(`insert into tenants (id, name, slug) values (?, 'FK Co', ?)`, [t, uniq('fk')]);
  await owner(`insert into candidates (id, tenant_id, name, email) values (?, ?, 'Cand', ?)`, [
    g.candidateId,
    t,
    `${uniq('c')}@example.com`,
  ]);
  await owner(interviewSql, interviewParams(g.interviewId, t, g.candidateId));
  await owner(
    `insert into answers (id, tenant_id, interview_id, turn, text) values (?, ?, ?, ?, 'an answer')`,
    [g.answerId, t, g.interviewId, next()],
  );
  await owner(
    `insert into webhook_endpoints (id, tenant_id, url, events, secret)
     values (?, ?, 'https://hooks.example.com/x', '{interview.completed}', 'whsec_x')`,
    [g.endpointId, t],
  );
  await owner(deliverySql, [g.deliveryId, t, g.endpointId]);
  await owner(
    `insert into positions (id, tenant_id, title, design_version, plugin_id, plugin_version)
     values (?, ?, 'Engineer', 1, ?, ?)`,
    [g.positionId, t, plugin.plugin_id, plugin.version],
  );
  await owner(`insert into users (id, tenant_id, email, role) values (?, ?, ?, 'viewer')`, [
    g.userId,
    t,
    `${uniq('u')}@example.com`,
  ]);
  const [sql, params] = scheduleInsert(g, g.candidateId, g.interviewId);
  params[0] = g.scheduleId;
  await owner(sql, params);
  await owner(accountTokenSql, [g.accountTokenId, t, g.userId, uniqueHash()]);
  for (const id of [g.linkScheduleId, g.spareScheduleId]) {
    const [more, moreParams] = scheduleInsert(g, g.candidateId, g.interviewId);
    moreParams[0] = id;
    await owner(more, moreParams);
  }
  await owner(`insert into ats_connections (id, tenant_id, provider, name) values (?, ?, 'lever', 'Lever')`, [
    g.atsConnectionId,
    t,
  ]);
  await owner(atsLinkSql, [g.atsLinkId, t, g.atsConnectionId, g.linkScheduleId, uniq('dedupe')]);
  return g;
}

const atsLinkSql = `insert into ats_links (id, tenant_id, connection_id, schedule_id, dedupe_key)
  values (?, ?, ?, ?, ?) returning id`;
const atsPushSql = `insert into ats_pushes (id, tenant_id, connection_id, link_id, kind)
  values (?, ?, ?, ?, ?) returning id`;

const uniqueHash = () => `${uuidv7().replaceAll('-', '')}${uuidv7().replaceAll('-', '')}`;
const accountTokenSql = `insert into account_tokens (id, tenant_id, user_id, purpose, token_hash, expires_at)
  values (?, ?, ?, 'password_reset', ?, now() + interval '1 hour') returning id`;

/** A mail message of tenant `own`; `refs` points some of its keys elsewhere. */
function mailInsert(own: Graph, refs: Partial<Graph> = {}): [string, unknown[]] {
  const g = { ...own, ...refs };
  return [
    `insert into mail_messages (id, tenant_id, kind, dedupe_key, to_address, schedule_id, candidate_id, user_id,
       account_token_id)
     values (?, ?, 'invitation', ?, 'x@example.com', ?, ?, ?, ?) returning id`,
    [uuidv7(), own.tenantId, uniq('key'), g.scheduleId, g.candidateId, g.userId, g.accountTokenId],
  ];
}

const interviewSql = `insert into interviews (id, tenant_id, candidate_id, role_id, role_title, plugin_id,
    plugin_version, plugin_sha256, status, seed, length)
  values (?, ?, ?, 'backend', 'Backend', ?, ?, ?, 'in_progress', 1, 6) returning id`;
const interviewParams = (id: string, tenantId: string, candidateId: string) => [
  id,
  tenantId,
  candidateId,
  plugin.plugin_id,
  plugin.version,
  plugin.sha256,
];
const deliverySql = `insert into webhook_deliveries (id, tenant_id, endpoint_id, event_type, payload)
  values (?, ?, ?, 'interview.completed', '{}') returning id`;

interface Case {
  /** the composite key that must refuse the row */
  key: string;
  table: string;
  column: string;
  /** the parent row of a tenant that `column` points at */
  parent: (g: Graph) => string;
  /** a row of tenant `own` whose `column` is `parentId` (everything else from `own`); returns its key */
  insert: (own: Graph, parentId: string) => [string, unknown[]];
  /** the columns that identify the inserted row, for the update */
  pk: string[];
}

const CASES: Case[] = [
  {
    key: 'interviews_candidate_id_tenant_id_fkey',
    table: 'interviews',
    column: 'candidate_id',
    parent: (g) => g.candidateId,
    insert: (own, candidateId) => [interviewSql, interviewParams(uuidv7(), own.tenantId, candidateId)],
    pk: ['id'],
  },
  {
    key: 'schedules_candidate_id_tenant_id_fkey',
    table: 'schedules',
    column: 'candidate_id',
    parent: (g) => g.candidateId,
    insert: (own, candidateId) => scheduleInsert(own, candidateId, own.interviewId),
    pk: ['id'],
  },
  {
    key: 'schedules_interview_id_tenant_id_fkey',
    table: 'schedules',
    column: 'interview_id',
    parent: (g) => g.interviewId,
    insert: (own, interviewId) => scheduleInsert(own, own.candidateId, interviewId),
    pk: ['id'],
  },
  {
    key: 'interview_turns_interview_id_tenant_id_fkey',
    table: 'interview_turns',
    column: 'interview_id',
    parent: (g) => g.interviewId,
    insert: (own, interviewId) => [
      `insert into interview_turns (id, tenant_id, interview_id, turn, kind, phase, question_id, difficulty, prompt, reply)
       values (?, ?, ?, ?, 'question', 'core', 'q1', 2, 'Why?', 'Why?') returning id`,
      [uuidv7(), own.tenantId, interviewId, next()],
    ],
    pk: ['id'],
  },
  {
    key: 'answers_interview_id_tenant_id_fkey',
    table: 'answers',
    column: 'interview_id',
    parent: (g) => g.interviewId,
    insert: (own, interviewId) => [
      `insert into answers (id, tenant_id, interview_id, turn, text) values (?, ?, ?, ?, 'x') returning id`,
      [uuidv7(), own.tenantId, interviewId, next()],
    ],
    pk: ['id'],
  },
  {
    key: 'evaluations_interview_id_tenant_id_fkey',
    table: 'evaluations',
    column: 'interview_id',
    parent: (g) => g.interviewId,
    insert: (own, interviewId) => evaluationInsert(own, interviewId, own.answerId),
    pk: ['id'],
  },
  {
    key: 'evaluations_answer_id_tenant_id_fkey',
    table: 'evaluations',
    column: 'answer_id',
    parent: (g) => g.answerId,
    insert: (own, answerId) => evaluationInsert(own, own.interviewId, answerId),
    pk: ['id'],
  },
  {
    key: 'reports_interview_id_tenant_id_fkey',
    table: 'reports',
    column: 'interview_id',
    parent: (g) => g.interviewId,
    insert: (own, interviewId) => [
      `insert into reports (id, tenant_id, interview_id, overall, recommendation, report)
       values (?, ?, ?, 70, 'hire', '{}') returning id`,
      [uuidv7(), own.tenantId, interviewId],
    ],
    pk: ['id'],
  },
  {
    key: 'score_overrides_interview_id_tenant_id_fkey',
    table: 'score_overrides',
    column: 'interview_id',
    parent: (g) => g.interviewId,
    insert: (own, interviewId) => [
      `insert into score_overrides (id, tenant_id, interview_id, original_score, score, reason, created_by_label)
       values (?, ?, ?, 50, 60, 'second look', 'owner') returning id`,
      [uuidv7(), own.tenantId, interviewId],
    ],
    pk: ['id'],
  },
  {
    key: 'usage_records_interview_id_tenant_id_fkey',
    table: 'usage_records',
    column: 'interview_id',
    parent: (g) => g.interviewId,
    insert: (own, interviewId) => [
      `insert into usage_records (interview_id, tenant_id, completed_at) values (?, ?, now()) returning interview_id`,
      [interviewId, own.tenantId],
    ],
    pk: ['interview_id'],
  },
  {
    key: 'webhook_deliveries_endpoint_id_tenant_id_fkey',
    table: 'webhook_deliveries',
    column: 'endpoint_id',
    parent: (g) => g.endpointId,
    insert: (own, endpointId) => [deliverySql, [`msg_${uuidv7()}`, own.tenantId, endpointId]],
    pk: ['id'],
  },
  {
    key: 'webhook_attempts_delivery_id_tenant_id_fkey',
    table: 'webhook_attempts',
    column: 'delivery_id',
    parent: (g) => g.deliveryId,
    insert: (own, deliveryId) => [
      `insert into webhook_attempts (id, tenant_id, delivery_id, attempt, started_at, duration_ms)
       values (?, ?, ?, ?, now(), 12) returning id`,
      [uuidv7(), own.tenantId, deliveryId, next()],
    ],
    pk: ['id'],
  },
  {
    key: 'position_designs_position_id_tenant_id_fkey',
    table: 'position_designs',
    column: 'position_id',
    parent: (g) => g.positionId,
    insert: (own, positionId) => [
      `insert into position_designs (tenant_id, position_id, version, design, plugin_id, plugin_version)
       values (?, ?, ?, '{}', ?, ?) returning position_id, version`,
      [own.tenantId, positionId, next(), plugin.plugin_id, plugin.version],
    ],
    pk: ['position_id', 'version'],
  },
  {
    key: 'self_identifications_interview_id_tenant_id_fkey',
    table: 'self_identifications',
    column: 'interview_id',
    parent: (g) => g.interviewId,
    insert: (own, interviewId) => [
      `insert into self_identifications (interview_id, tenant_id, sex, race_ethnicity)
       values (?, ?, 'decline', 'decline') returning interview_id`,
      [interviewId, own.tenantId],
    ],
    pk: ['interview_id'],
  },
  {
    key: 'review_requests_interview_id_tenant_id_fkey',
    table: 'review_requests',
    column: 'interview_id',
    parent: (g) => g.interviewId,
    insert: (own, interviewId) => [
      `insert into review_requests (interview_id, tenant_id, requested_by) values (?, ?, 'candidate') returning interview_id`,
      [interviewId, own.tenantId],
    ],
    pk: ['interview_id'],
  },
  {
    key: 'mail_messages_schedule_id_tenant_id_fkey',
    table: 'mail_messages',
    column: 'schedule_id',
    parent: (g) => g.scheduleId,
    insert: (own, scheduleId) => mailInsert(own, { scheduleId }),
    pk: ['id'],
  },
  {
    key: 'mail_messages_candidate_id_tenant_id_fkey',
    table: 'mail_messages',
    column: 'candidate_id',
    parent: (g) => g.candidateId,
    insert: (own, candidateId) => mailInsert(own, { candidateId }),
    pk: ['id'],
  },
  {
    key: 'mail_messages_user_id_tenant_id_fkey',
    table: 'mail_messages',
    column: 'user_id',
    parent: (g) => g.userId,
    insert: (own, userId) => mailInsert(own, { userId }),
    pk: ['id'],
  },
  {
    key: 'mail_messages_account_token_id_tenant_id_fkey',
    table: 'mail_messages',
    column: 'account_token_id',
    parent: (g) => g.accountTokenId,
    insert: (own, accountTokenId) => mailInsert(own, { accountTokenId }),
    pk: ['id'],
  },
  {
    key: 'account_tokens_user_id_tenant_id_fkey',
    table: 'account_tokens',
    column: 'user_id',
    parent: (g) => g.userId,
    insert: (own, userId) => [accountTokenSql, [uuidv7(), own.tenantId, userId, uniqueHash()]],
    pk: ['id'],
  },
  {
    key: 'ats_links_connection_id_tenant_id_fkey',
    table: 'ats_links',
    column: 'connection_id',
    parent: (g) => g.atsConnectionId,
    insert: (own, connectionId) => [
      atsLinkSql,
      [uuidv7(), own.tenantId, connectionId, own.spareScheduleId, uniq('dedupe')],
    ],
    pk: ['id'],
  },
  {
    key: 'ats_links_schedule_id_tenant_id_fkey',
    table: 'ats_links',
    column: 'schedule_id',
    parent: (g) => g.scheduleId,
    insert: (own, scheduleId) => [
      atsLinkSql,
      [uuidv7(), own.tenantId, own.atsConnectionId, scheduleId, uniq('dedupe')],
    ],
    pk: ['id'],
  },
  {
    key: 'ats_pushes_connection_id_tenant_id_fkey',
    table: 'ats_pushes',
    column: 'connection_id',
    parent: (g) => g.atsConnectionId,
    insert: (own, connectionId) => [
      atsPushSql,
      [uuidv7(), own.tenantId, connectionId, own.atsLinkId, uniq('kind')],
    ],
    pk: ['id'],
  },
  {
    key: 'ats_pushes_link_id_tenant_id_fkey',
    table: 'ats_pushes',
    column: 'link_id',
    parent: (g) => g.atsLinkId,
    insert: (own, linkId) => [
      atsPushSql,
      [uuidv7(), own.tenantId, own.atsConnectionId, linkId, uniq('kind')],
    ],
    pk: ['id'],
  },
  {
    key: 'ats_calls_connection_id_tenant_id_fkey',
    table: 'ats_calls',
    column: 'connection_id',
    parent: (g) => g.atsConnectionId,
    insert: (own, connectionId) => [
      `insert into ats_calls (id, tenant_id, connection_id, direction, operation, status, latency_ms)
       values (?, ?, ?, 'in', 'list_tests', 200, 3) returning id`,
      [uuidv7(), own.tenantId, connectionId],
    ],
    pk: ['id'],
  },
  {
    key: 'llm_usage_interview_id_tenant_id_fkey',
    table: 'llm_usage',
    column: 'interview_id',
    parent: (g) => g.interviewId,
    insert: (own, interviewId) => [
      `insert into llm_usage (id, tenant_id, interview_id, turn, purpose, model, prompt_tokens, cached_tokens,
         completion_tokens, attempts, outcome)
       values (?, ?, ?, 1, 'turn', 'gpt-test', 2000, 1024, 300, 1, 'ok') returning id`,
      [uuidv7(), own.tenantId, interviewId],
    ],
    pk: ['id'],
  },
];

function scheduleInsert(own: Graph, candidateId: string, interviewId: string): [string, unknown[]] {
  return [
    `insert into schedules (id, tenant_id, candidate_id, role_id, role_title, plugin_id, scheduled_at, expires_at,
       status, token_hash, interview_id)
     values (?, ?, ?, 'backend', 'Backend', ?, now(), now() + interval '1 day', 'started', ?, ?) returning id`,
    [
      uuidv7(),
      own.tenantId,
      candidateId,
      plugin.plugin_id,
      uuidv7().replaceAll('-', '').padEnd(64, '0'),
      interviewId,
    ],
  ];
}

function evaluationInsert(own: Graph, interviewId: string, answerId: string): [string, unknown[]] {
  return [
    `insert into evaluations (id, tenant_id, interview_id, turn, answer_id, score, result, evaluator_name,
       evaluator_version, rubric_id, plugin_id, plugin_version)
     values (?, ?, ?, ?, ?, 70, '{}', 'test', '1', 'r', ?, ?) returning id`,
    [uuidv7(), own.tenantId, interviewId, next(), answerId, plugin.plugin_id, plugin.version],
  ];
}

/** The error a statement fails with (undefined when it succeeds). */
async function failure(
  sql: string,
  params: unknown[],
): Promise<{ code?: string; constraint?: string } | undefined> {
  try {
    await owner(sql, params);
    return undefined;
  } catch (err) {
    return err as { code?: string; constraint?: string };
  }
}

beforeAll(async () => {
  h = await createHarness();
  const [version] = await owner<typeof plugin>(
    'select plugin_id, version, sha256 from plugin_versions where tenant_id is null order by plugin_id limit 1',
  );
  if (!version) throw new Error('no public plugin version: the bundled plugins were not synced');
  plugin = version;
  a = await graph();
  b = await graph();
});

describe.each(CASES)('$key', (c) => {
  it("refuses tenant B's row that points at tenant A's row, and accepts B's own (insert, then update)", async () => {
    const [sql, params] = c.insert(b, c.parent(a));
    expect(await failure(sql, params)).toMatchObject({ code: '23503', constraint: c.key });

    const [ownSql, ownParams] = c.insert(b, c.parent(b));
    const [row] = await owner(ownSql, ownParams);
    expect(row).toBeDefined();

    const where = c.pk.map((col) => `"${col}" = ?`).join(' and ');
    const update = `update "${c.table}" set "${c.column}" = ? where ${where}`;
    const rowKey = c.pk.map((col) => row![col]);
    expect(await failure(update, [c.parent(a), ...rowKey])).toMatchObject({
      code: '23503',
      constraint: c.key,
    });
    expect(await failure(update, [c.parent(b), ...rowKey])).toBeUndefined();
  });
});

interface TenantKey {
  name: string;
  child: string;
  parent: string;
  onDelete: string;
  /** child.tenant_id is matched with parent.tenant_id */
  pairsTenant: boolean;
  /** ON DELETE SET NULL/DEFAULT would overwrite the child's tenant_id too (no column list) */
  resetsTenant: boolean;
}

/** Every foreign key from a table with a NOT NULL tenant_id to another such table. */
const tenantKeys = () =>
  owner<TenantKey>(
    `with tenant_col as (
       select c.oid as rel, c.relname, a.attnum
         from pg_class c
         join pg_namespace n on n.oid = c.relnamespace
         join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and a.attnum > 0 and not a.attisdropped
        where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnotnull
     )
     select k.conname as "name", ch.relname as "child", pa.relname as "parent", k.confdeltype::text as "onDelete",
            exists (select 1 from unnest(k.conkey, k.confkey) as u(c, p) where u.c = ch.attnum and u.p = pa.attnum)
              as "pairsTenant",
            (k.confdeltype in ('n', 'd') and (k.confdelsetcols is null or ch.attnum = any(k.confdelsetcols)))
              as "resetsTenant"
       from pg_constraint k
       join tenant_col ch on ch.rel = k.conrelid
       join tenant_col pa on pa.rel = k.confrelid
      where k.contype = 'f'
      order by k.conname`,
  );

describe('the catalog: foreign keys between tenant-owned tables', () => {
  it('all include tenant_id on both sides, and none nulls tenant_id on delete', async () => {
    const keys = await tenantKeys();
    const loose = keys.filter((k) => !k.pairsTenant || k.resetsTenant).map((k) => `${k.child}: ${k.name}`);
    expect(loose).toEqual([]);
  });

  it('are exactly the keys the cases above try to cross, with their ON DELETE action (so neither is vacuous)', async () => {
    const keys = await tenantKeys();
    const cascade = 'c';
    const noAction = 'a';
    const expected: Record<string, string> = {
      interviews_candidate_id_tenant_id_fkey: noAction,
      schedules_candidate_id_tenant_id_fkey: noAction,
      schedules_interview_id_tenant_id_fkey: noAction,
      usage_records_interview_id_tenant_id_fkey: noAction,
      interview_turns_interview_id_tenant_id_fkey: cascade,
      answers_interview_id_tenant_id_fkey: cascade,
      evaluations_interview_id_tenant_id_fkey: cascade,
      evaluations_answer_id_tenant_id_fkey: cascade,
      reports_interview_id_tenant_id_fkey: cascade,
      score_overrides_interview_id_tenant_id_fkey: cascade,
      webhook_deliveries_endpoint_id_tenant_id_fkey: cascade,
      webhook_attempts_delivery_id_tenant_id_fkey: cascade,
      position_designs_position_id_tenant_id_fkey: cascade,
      self_identifications_interview_id_tenant_id_fkey: cascade,
      review_requests_interview_id_tenant_id_fkey: cascade,
      llm_usage_interview_id_tenant_id_fkey: cascade,
      mail_messages_schedule_id_tenant_id_fkey: cascade,
      mail_messages_candidate_id_tenant_id_fkey: cascade,
      mail_messages_user_id_tenant_id_fkey: cascade,
      mail_messages_account_token_id_tenant_id_fkey: cascade,
      account_tokens_user_id_tenant_id_fkey: cascade,
      ats_links_connection_id_tenant_id_fkey: cascade,
      ats_links_schedule_id_tenant_id_fkey: cascade,
      ats_pushes_connection_id_tenant_id_fkey: cascade,
      ats_pushes_link_id_tenant_id_fkey: cascade,
      ats_calls_connection_id_tenant_id_fkey: cascade,
    };
    expect(Object.fromEntries(keys.map((k) => [k.name, k.onDelete]))).toEqual(expected);
    expect(CASES.map((c) => c.key).sort()).toEqual(Object.keys(expected).sort());
  });

  it('leaves out only the tables whose tenant_id may be NULL: the shared plugin registry and Stripe events', async () => {
    // A NULL tenant_id is a public row there, so a composite key could not check it; a new
    // tenant-owned table must make tenant_id NOT NULL to be covered by the checks above.
    const rows = await owner<{ table: string }>(
      `select c.relname as "table"
         from pg_class c
         join pg_namespace n on n.oid = c.relnamespace
         join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and a.attnum > 0 and not a.attisdropped
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not a.attnotnull
        order by c.relname`,
    );
    expect(rows.map((r) => r.table)).toEqual(['plugin_versions', 'plugins']);
  });
});

import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestTenant, uniq } from '../helpers/harness.ts';
import { signedInMember } from '../helpers/members.ts';
import { type CapturedRequest, type StandIn, startStandIn } from '../helpers/openai-stand-in.ts';

/**
 * The adverse-impact report (NYC Local Law 144 style) and the candidate's voluntary
 * self-identification behind it. A fixture of 100 candidates seeded in the database (as the
 * owner) with known categories and outcomes is checked number by number against a hand
 * computation written out below; a few candidates go through real interviews end to end, with
 * the LLM evaluator configured against a stand-in, and their self-identification must never
 * reach the model, a report or a webhook.
 */

let api: StandIn;
let h: Harness;

/** A structured evaluation at the level the answer asks for (`LEVEL<n>` in its text; 3 otherwise). */
function gradeAnswer(req: CapturedRequest) {
  const system: string = req.body.messages[0].content;
  const criteria = [...system.matchAll(/^## ([a-z0-9_-]+): /gm)].map((m) => m[1]);
  const pointsSection = system.slice(system.indexOf('# Expected points'), system.indexOf('# Rubric'));
  const points = [...pointsSection.matchAll(/^- ([a-z0-9_-]+): /gm)].map((m) => m[1]);
  const level = Number(/LEVEL([1-5])/.exec(req.raw)?.[1] ?? 3);
  return {
    redFlags: [],
    coverage: points.map((pointId) => ({ pointId, covered: level >= 4, evidence: null })),
    criteria: criteria.map((criterionId) => ({
      criterionId,
      evidence: [],
      rationale: `Level ${level} anchor matched.`,
      level,
    })),
    summary: 'An answer.',
  };
}

beforeAll(async () => {
  api = await startStandIn();
  api.reply(
    (req) =>
      req.body.response_format?.json_schema?.name === 'answer_evaluation'
        ? { content: JSON.stringify(gradeAnswer(req)) }
        : { status: 500 }, // the interviewer voice and summaries fall back to their templates
  );
  h = await createHarness({
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: api.baseURL,
    OPENAI_MODEL: 'gpt-test',
    OPENAI_TIMEOUT_MS: '2000',
    OPENAI_MAX_RETRIES: '0',
    JOIN_RATE_LIMIT: '100000',
  });
});
afterAll(() => api.close());

const REPORT = '/api/v1/compliance/adverse-impact';
const selfIdPath = (interviewId: string) => `/api/v1/public/interviews/${interviewId}/self-identification`;

const owner = () => h.ownerOrm.em.fork();
async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return owner().execute<T[]>(sql, params);
}

const addMember = (t: TestTenant, role: string) => signedInMember(h, t, role);

async function addPosition(t: TestTenant, title: string): Promise<string> {
  const res = await h.request('POST', '/api/v1/positions', {
    token: t.token,
    body: {
      title,
      description: 'Builds and runs our APIs.',
      design: { banks: [{ pluginId: 'ai-interviewer.backend-engineer' }], length: 6 },
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}

// ---------------------------------------------------------------------------------------------
// Seeding (as the owner): candidates, their interviews, reports and self-identifications
// ---------------------------------------------------------------------------------------------

type Sex = 'male' | 'female' | 'decline';
type Race =
  | 'hispanic_or_latino'
  | 'white'
  | 'black_or_african_american'
  | 'native_hawaiian_or_pacific_islander'
  | 'asian'
  | 'native_american_or_alaska_native'
  | 'two_or_more_races'
  | 'decline';

let plugin: { id: string; version: string; sha256: string };

async function seedCandidate(tenantId: string): Promise<string> {
  const id = randomUUID();
  await owner().execute('insert into candidates (id, tenant_id, name, email) values (?, ?, ?, ?)', [
    id,
    tenantId,
    'Seeded Candidate',
    `${uniq('seeded')}@example.com`,
  ]);
  return id;
}

interface SeededInterview {
  tenantId: string;
  candidateId: string;
  positionId: string | null;
  status?: 'completed' | 'ended' | 'in_progress';
  endedAt: string | null;
  /** no report row when absent */
  report?: { overall: number; recommendation: string };
}

async function seedInterview(s: SeededInterview): Promise<string> {
  const id = randomUUID();
  const startedAt = s.endedAt ? new Date(new Date(s.endedAt).getTime() - 30 * 60_000) : new Date();
  await owner().execute(
    `insert into interviews (id, tenant_id, candidate_id, role_id, role_title, position_id, plugin_id,
       plugin_version, plugin_sha256, status, seed, length, turn, started_at, ended_at)
     values (?, ?, ?, 'backend-engineer', 'Backend Engineer', ?, ?, ?, ?, ?, 1, 6, 6, ?, ?)`,
    [
      id,
      s.tenantId,
      s.candidateId,
      s.positionId,
      plugin.id,
      plugin.version,
      plugin.sha256,
      s.status ?? 'completed',
      startedAt,
      s.endedAt,
    ],
  );
  if (s.report) {
    await owner().execute(
      `insert into reports (id, tenant_id, interview_id, overall, recommendation, report)
       values (?, ?, ?, ?, ?, '{}'::jsonb)`,
      [randomUUID(), s.tenantId, id, s.report.overall, s.report.recommendation],
    );
  }
  return id;
}

async function seedSelfId(tenantId: string, interviewId: string, sex: Sex, race: Race, at: string) {
  await owner().execute(
    `insert into self_identifications (interview_id, tenant_id, sex, race_ethnicity, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?)`,
    [interviewId, tenantId, sex, race, at, at],
  );
}

// ---------------------------------------------------------------------------------------------
// The fixture: 100 counted candidates for position P in March 2026
// ---------------------------------------------------------------------------------------------

/**
 * A member's overall score class against the median (60, worked out below) and whether their
 * recommendation was hire/strong_hire. `high` scores 65..94, `mid` exactly 60 (the median: not
 * above it), `low` 20..59. Selection follows the recommendation, not the score: a capped
 * high scorer (red flag) is not selected, a mid scorer may be.
 */
type Member = ['high' | 'mid' | 'low', boolean];
const many = (n: number, member: Member): Member[] => Array.from({ length: n }, () => member);

interface Group {
  /** null: no self-identification at all (unknown) */
  sex: Sex | null;
  race: Race | null;
  members: Member[];
}

const H: Member = ['high', true];
const HX: Member = ['high', false];
const MS: Member = ['mid', true];
const M: Member = ['mid', false];
const L: Member = ['low', false];

const GROUPS: Group[] = [
  { sex: 'male', race: 'white', members: [...many(11, H), HX, MS, M, ...many(6, L)] }, // 20: sel 12, above 12
  { sex: 'female', race: 'white', members: [...many(8, H), ...many(2, M), ...many(6, L)] }, // 16: sel 8, above 8
  { sex: 'male', race: 'asian', members: [...many(6, H), M, ...many(3, L)] }, // 10: sel 6, above 6
  { sex: 'female', race: 'asian', members: [...many(3, H), HX, M, ...many(3, L)] }, // 8: sel 3, above 4
  { sex: 'male', race: 'black_or_african_american', members: [...many(3, H), M, ...many(4, L)] }, // 8: sel 3, above 3
  { sex: 'female', race: 'black_or_african_american', members: [...many(2, H), M, ...many(3, L)] }, // 6: sel 2, above 2
  { sex: 'female', race: 'hispanic_or_latino', members: [...many(3, H), ...many(3, L)] }, // 6: sel 3, above 3
  { sex: 'male', race: 'hispanic_or_latino', members: [H, M, ...many(2, L)] }, // 4: sel 1, above 1
  { sex: 'male', race: 'two_or_more_races', members: [H, L] }, // 2 (exactly 2 %): sel 1, above 1
  { sex: 'female', race: 'native_hawaiian_or_pacific_islander', members: [H] }, // 1 (1 %): sel 1, above 1
  { sex: 'decline', race: 'white', members: [H, L, L] }, // 3: sel 1, above 1
  { sex: 'male', race: 'decline', members: [H, L] }, // 2: sel 1, above 1
  { sex: 'decline', race: 'decline', members: [M, L] }, // 2: sel 0, above 0
  { sex: null, race: null, members: [H, HX, ...many(10, L)] }, // 12 unknown: sel 1, above 2
];
// 100 candidates: 45 high, 10 mid (score 60), 45 low → sorted, the 50th and 51st scores are both
// 60: the median is 60, and exactly the 45 high scorers are above it. 43 are selected.

/**
 * The hand computation. Each category: [candidates, selected, above the median]; the rates are
 * those counts over the candidates; the ratios divide by the highest rate among categories
 * holding at least 2 % of the 100 (i.e. 2 candidates or more).
 */
const SEX = {
  // male: groups M×white 20 + M×asian 10 + M×black 8 + M×hispanic 4 + M×two 2 + M×declined race 2
  male: [46, 12 + 6 + 3 + 1 + 1 + 1, 12 + 6 + 3 + 1 + 1 + 1], // 46, 24, 24
  // female: F×white 16 + F×asian 8 + F×black 6 + F×hispanic 6 + F×native Hawaiian 1
  female: [37, 8 + 3 + 2 + 3 + 1, 8 + 4 + 2 + 3 + 1], // 37, 17, 18
} as const;
const SEX_APART = { declined: [5, 1, 1], unknown: [12, 1, 2] } as const;

const RACE = {
  hispanic_or_latino: [10, 4, 4],
  white: [39, 12 + 8 + 1, 12 + 8 + 1], // 39, 21, 21 (the 3 who declined their sex count here)
  black_or_african_american: [14, 5, 5],
  native_hawaiian_or_pacific_islander: [1, 1, 1], // 1 % of the data: excluded (yet the highest rate)
  asian: [18, 9, 10],
  native_american_or_alaska_native: [0, 0, 0],
  two_or_more_races: [2, 1, 1], // exactly 2 %: not under it, so included
} as const;
const RACE_APART = { declined: [4, 1, 1], unknown: [12, 1, 2] } as const;

const BOTH: Record<string, readonly [number, number, number]> = {
  'male:white': [20, 12, 12],
  'female:white': [16, 8, 8],
  'male:asian': [10, 6, 6],
  'female:asian': [8, 3, 4],
  'male:black_or_african_american': [8, 3, 3],
  'female:black_or_african_american': [6, 2, 2],
  'female:hispanic_or_latino': [6, 3, 3],
  'male:hispanic_or_latino': [4, 1, 1],
  'male:two_or_more_races': [2, 1, 1],
  'female:native_hawaiian_or_pacific_islander': [1, 1, 1],
};
// declined either question: D×white 3 + M×D 2 + D×D 2 = 7 (sel 1+1+0, above 1+1+0)
const BOTH_APART = { declined: [7, 2, 2], unknown: [12, 1, 2] } as const;

/** The expected ratios, worked out by hand (rate / the highest included rate). */
const EXPECTED_RATIOS = {
  sex: {
    // highest selection: male 24/46; highest scoring: male 24/46
    male: { selection: 1, scoring: 1 },
    female: { selection: 17 / 37 / (24 / 46), scoring: 18 / 37 / (24 / 46) }, // 0.8806, 0.9324
  },
  race_ethnicity: {
    // highest selection: white 21/39 (native Hawaiian's 1/1 is excluded); highest scoring: asian 10/18
    hispanic_or_latino: { selection: 0.4 / (21 / 39), scoring: 0.4 / (10 / 18) }, // 0.7429 ⚑, 0.72 ⚑
    white: { selection: 1, scoring: 21 / 39 / (10 / 18) }, // 1, 0.9692
    black_or_african_american: { selection: 5 / 14 / (21 / 39), scoring: 5 / 14 / (10 / 18) }, // 0.6633 ⚑, 0.6429 ⚑
    native_hawaiian_or_pacific_islander: { selection: null, scoring: null },
    asian: { selection: 0.5 / (21 / 39), scoring: 1 }, // 0.9286, 1
    native_american_or_alaska_native: { selection: null, scoring: null },
    two_or_more_races: { selection: 0.5 / (21 / 39), scoring: 0.5 / (10 / 18) }, // 0.9286, 0.9
  },
  intersectional: {
    // highest selection and scoring: 0.6 (male × white 12/20, male × asian 6/10)
    'male:white': { selection: 1, scoring: 1 },
    'female:white': { selection: 0.5 / 0.6, scoring: 0.5 / 0.6 }, // 0.8333
    'male:asian': { selection: 1, scoring: 1 },
    'female:asian': { selection: 0.375 / 0.6, scoring: 0.5 / 0.6 }, // 0.625 ⚑, 0.8333
    'male:black_or_african_american': { selection: 0.375 / 0.6, scoring: 0.375 / 0.6 }, // 0.625 ⚑
    'female:black_or_african_american': { selection: 2 / 6 / 0.6, scoring: 2 / 6 / 0.6 }, // 0.5556 ⚑
    'female:hispanic_or_latino': { selection: 0.5 / 0.6, scoring: 0.5 / 0.6 },
    'male:hispanic_or_latino': { selection: 0.25 / 0.6, scoring: 0.25 / 0.6 }, // 0.4167 ⚑
    'male:two_or_more_races': { selection: 0.5 / 0.6, scoring: 0.5 / 0.6 },
  } as Record<string, { selection: number | null; scoring: number | null }>,
};

interface Fixture {
  a: TestTenant;
  b: TestTenant;
  position: string;
  otherPosition: string;
  adminToken: string;
}
let fx: Fixture;

/** Deterministic scores per class: varied, but always on the right side of 60. */
const scoreOf = (cls: Member[0], i: number) =>
  cls === 'high' ? 65 + (i % 30) : cls === 'mid' ? 60 : 20 + (i % 40);
/** hire/strong_hire when selected, lean_no/no_hire when not (alternating, so both count). */
const recommendationOf = (selected: boolean, i: number) =>
  selected ? (i % 2 ? 'hire' : 'strong_hire') : i % 2 ? 'lean_no' : 'no_hire';

const MARCH = (day: number, time = '12:00:00') => `2026-03-${String(day).padStart(2, '0')}T${time}Z`;

async function seedFixture(): Promise<Fixture> {
  const a = await h.signUp({ name: 'Adverse Impact A' });
  const b = await h.signUp({ name: 'Adverse Impact B' });
  const adminToken = await addMember(a, 'admin');
  const position = await addPosition(a, 'Backend engineer');
  const otherPosition = await addPosition(a, 'Data engineer');
  const [version] = await rows<{ plugin_id: string; version: string; sha256: string }>(
    `select plugin_id, version, sha256 from plugin_versions
      where plugin_id = 'ai-interviewer.backend-engineer' and tenant_id is null order by version limit 1`,
  );
  plugin = { id: version!.plugin_id, version: version!.version, sha256: version!.sha256 };

  let i = 0;
  const members = GROUPS.flatMap((g) => g.members.map((m) => ({ group: g, member: m })));
  expect(members).toHaveLength(100);
  for (const { group, member } of members) {
    const n = i++;
    const candidateId = await seedCandidate(a.id);
    // the first counted interview ends at the window's first instant, the last at its last
    const endedAt = n === 0 ? MARCH(1, '00:00:00') : n === 99 ? MARCH(31, '23:59:59') : MARCH(5 + (n % 24));
    const report = { overall: scoreOf(member[0], n), recommendation: recommendationOf(member[1], n) };
    const counted = await seedInterview({
      tenantId: a.id,
      candidateId,
      positionId: position,
      endedAt,
      report,
    });
    // Candidates 10..14 also have an earlier completed interview of the position, in the window,
    // with the opposite outcome: only the latest counts. Candidates 10..13 self-identified on
    // that earlier interview (it is the person's answer, whichever interview it came with);
    // candidate 14 answered something else there first, and its latest answer counts.
    let earlier: string | null = null;
    if (n >= 10 && n < 15) {
      earlier = await seedInterview({
        tenantId: a.id,
        candidateId,
        positionId: position,
        endedAt: MARCH(2),
        report: {
          overall: member[0] === 'high' ? 30 : 90,
          recommendation: member[1] ? 'no_hire' : 'strong_hire',
        },
      });
    }
    // Candidates 20..22 have a later interview still running, 23..24 a later one ended early
    // (with a report, the opposite outcome): neither is a completed interview, neither counts.
    if (n >= 20 && n < 23) {
      await seedInterview({
        tenantId: a.id,
        candidateId,
        positionId: position,
        status: 'in_progress',
        endedAt: null,
      });
    }
    if (n >= 23 && n < 25) {
      await seedInterview({
        tenantId: a.id,
        candidateId,
        positionId: position,
        status: 'ended',
        endedAt: MARCH(30),
        report: {
          overall: member[0] === 'high' ? 30 : 90,
          recommendation: member[1] ? 'no_hire' : 'strong_hire',
        },
      });
    }
    if (group.sex && group.race) {
      if (earlier && n < 14) await seedSelfId(a.id, earlier, group.sex, group.race, MARCH(2));
      else {
        if (earlier) await seedSelfId(a.id, earlier, 'female', 'native_american_or_alaska_native', MARCH(2));
        await seedSelfId(a.id, counted, group.sex, group.race, MARCH(20));
      }
    }
  }

  // Never counted for P in March, each self-identified as native American (which no counted
  // candidate is), so a leak shows: ended a second before the window, the first instant after it,
  // completed without a report, and another position's interviews (3, counted without positionId).
  const outsider = async (s: Omit<SeededInterview, 'tenantId' | 'candidateId'>, sex: Sex = 'female') => {
    const candidateId = await seedCandidate(a.id);
    const interviewId = await seedInterview({ ...s, tenantId: a.id, candidateId });
    await seedSelfId(a.id, interviewId, sex, 'native_american_or_alaska_native', MARCH(20));
  };
  const hired = { overall: 90, recommendation: 'strong_hire' };
  await outsider({ positionId: position, endedAt: '2026-02-28T23:59:59Z', report: hired });
  await outsider({ positionId: position, endedAt: '2026-04-01T00:00:00Z', report: hired });
  await outsider({ positionId: position, endedAt: MARCH(15) });
  for (let k = 0; k < 3; k++)
    await outsider({ positionId: otherPosition, endedAt: MARCH(15), report: hired }, 'male');

  // Tenant B: 10 candidates interviewed in March under the same position id, all self-identified
  // as native American women and hired. A's report must never count them.
  for (let k = 0; k < 10; k++) {
    const candidateId = await seedCandidate(b.id);
    const interviewId = await seedInterview({
      tenantId: b.id,
      candidateId,
      positionId: position,
      endedAt: MARCH(15),
      report: hired,
    });
    await seedSelfId(b.id, interviewId, 'female', 'native_american_or_alaska_native', MARCH(20));
  }
  return { a, b, position, otherPosition, adminToken };
}

// biome-ignore lint/suspicious/noExplicitAny: report bodies are inspected loosely
type Body = any;
const dimension = (body: Body, name: string) => body.dimensions.find((d: Body) => d.dimension === name);
const category = (d: Body, sex: string | null, race: string | null) =>
  d.categories.find((c: Body) => c.sex === sex && c.raceEthnicity === race);

function expectRates(actual: Body, [candidates, selected, above]: readonly number[], label: string) {
  expect(actual.candidates, label).toBe(candidates);
  expect(actual.selected, label).toBe(selected);
  expect(actual.aboveMedian, label).toBe(above);
  if (candidates === 0) {
    expect(actual.selectionRate, label).toBeNull();
    expect(actual.scoringRate, label).toBeNull();
  } else {
    expect(actual.selectionRate, label).toBeCloseTo(selected! / candidates!, 12);
    expect(actual.scoringRate, label).toBeCloseTo(above! / candidates!, 12);
  }
}

function expectRatios(
  actual: Body,
  expected: { selection: number | null; scoring: number | null },
  label: string,
) {
  for (const [field, want] of [
    ['selection', expected.selection],
    ['scoring', expected.scoring],
  ] as const) {
    const ratio = actual[`${field}ImpactRatio`];
    if (want === null) expect(ratio, `${label} ${field}`).toBeNull();
    else expect(ratio, `${label} ${field}`).toBeCloseTo(want, 12);
    expect(actual[`${field}Flagged`], `${label} ${field} flag`).toBe(want !== null && want < 0.8);
  }
  expect(actual.excluded, label).toBe(expected.selection === null);
}

describe('the adverse-impact report over a hand-computed fixture', () => {
  beforeAll(async () => {
    fx = await seedFixture();
  });

  const march = () => `${REPORT}?positionId=${fx.position}&from=2026-03-01&to=2026-03-31`;

  it('counts each candidate once, by their latest completed interview in the window, with the median at 60', async () => {
    const res = await h.request('GET', march(), { token: fx.adminToken });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({
      position: { id: fx.position, title: 'Backend engineer' },
      from: '2026-03-01',
      to: '2026-03-31',
      smallCategoryShare: 0.02,
      impactRatioFlag: 0.8,
      candidates: 100,
      selected: 43,
      aboveMedian: 45,
      medianScore: 60,
    });
    expect(res.body.selectionRate).toBeCloseTo(0.43, 12);
    expect(res.body.scoringRate).toBeCloseTo(0.45, 12);
    expect(res.body.dimensions.map((d: Body) => d.dimension)).toEqual([
      'sex',
      'race_ethnicity',
      'intersectional',
    ]);
  });

  it('sex: rates, ratios against the highest rate, declined and unknown apart', async () => {
    const { body } = await h.request('GET', march(), { token: fx.adminToken });
    const d = dimension(body, 'sex');
    expect(d.categories.map((c: Body) => c.sex)).toEqual(['male', 'female']);
    for (const sex of ['male', 'female'] as const) {
      const c = category(d, sex, null);
      expectRates(c, SEX[sex], sex);
      expect(c.share, sex).toBeCloseTo(SEX[sex][0] / 100, 12);
      expectRatios(c, EXPECTED_RATIOS.sex[sex], sex);
    }
    expect(d.highestSelectionRate).toBeCloseTo(24 / 46, 12);
    expect(d.highestScoringRate).toBeCloseTo(24 / 46, 12);
    expectRates(d.declined, SEX_APART.declined, 'sex declined');
    expectRates(d.unknown, SEX_APART.unknown, 'sex unknown');
  });

  it('race/ethnicity: the 2 % rule (1 candidate excluded, exactly 2 % included), flags below 0.8', async () => {
    const { body } = await h.request('GET', march(), { token: fx.adminToken });
    const d = dimension(body, 'race_ethnicity');
    expect(d.categories.map((c: Body) => c.raceEthnicity)).toEqual(Object.keys(RACE));
    for (const [race, counts] of Object.entries(RACE)) {
      const c = category(d, null, race);
      expectRates(c, counts, race);
      expect(c.share, race).toBeCloseTo(counts[0] / 100, 12);
      expectRatios(c, EXPECTED_RATIOS.race_ethnicity[race as keyof typeof RACE], race);
    }
    // the excluded category had the highest selection rate (1/1), yet the reference is white's
    expect(d.highestSelectionRate).toBeCloseTo(21 / 39, 12);
    expect(d.highestScoringRate).toBeCloseTo(10 / 18, 12);
    expect(
      d.categories
        .filter((c: Body) => c.selectionFlagged)
        .map((c: Body) => c.raceEthnicity)
        .sort(),
    ).toEqual(['black_or_african_american', 'hispanic_or_latino']);
    expectRates(d.declined, RACE_APART.declined, 'race declined');
    expectRates(d.unknown, RACE_APART.unknown, 'race unknown');
  });

  it('intersections: every sex × race/ethnicity category, declined either question apart', async () => {
    const { body } = await h.request('GET', march(), { token: fx.adminToken });
    const d = dimension(body, 'intersectional');
    expect(d.categories).toHaveLength(14);
    for (const c of d.categories) {
      const key = `${c.sex}:${c.raceEthnicity}`;
      expectRates(c, BOTH[key] ?? [0, 0, 0], key);
      expectRatios(c, EXPECTED_RATIOS.intersectional[key] ?? { selection: null, scoring: null }, key);
    }
    expect(d.highestSelectionRate).toBeCloseTo(0.6, 12);
    expect(d.highestScoringRate).toBeCloseTo(0.6, 12);
    expectRates(d.declined, BOTH_APART.declined, 'intersection declined');
    expectRates(d.unknown, BOTH_APART.unknown, 'intersection unknown');
  });

  it('the window: whole days, inclusive instants; no position means every position; from > to is a 400', async () => {
    const count = async (query: string) => {
      const res = await h.request('GET', `${REPORT}?${query}`, { token: fx.adminToken });
      expect(res.status, res.text).toBe(200);
      return res.body;
    };
    const p = `positionId=${fx.position}`;
    expect((await count(`${p}&from=2026-03-01T00:00:00Z&to=2026-03-31T23:59:59Z`)).candidates).toBe(100);
    expect((await count(`${p}&from=2026-03-01T00:00:00Z&to=2026-03-31T23:59:58Z`)).candidates).toBe(99);
    expect((await count(`${p}&from=2026-03-01T00:00:01Z&to=2026-03-31`)).candidates).toBe(99);
    // an offset is honoured: 01:00+01:00 is the window's first instant
    expect((await count(`${p}&from=2026-03-01T01:00:00%2B01:00&to=2026-03-31`)).candidates).toBe(100);
    // one day either side takes in the interview that ended a second before and the one just after
    const wider = await count(`${p}&from=2026-02-28&to=2026-04-01`);
    expect(wider.candidates).toBe(102);
    expect(
      category(dimension(wider, 'race_ethnicity'), null, 'native_american_or_alaska_native').candidates,
    ).toBe(2);
    // every position of A: the other position's 3; never B's 10 (same position id, same window)
    const all = await count('from=2026-03-01&to=2026-03-31');
    expect(all.position).toBeNull();
    expect(all.candidates).toBe(103);
    expect(
      category(dimension(all, 'race_ethnicity'), null, 'native_american_or_alaska_native').candidates,
    ).toBe(3);
    expect(category(dimension(all, 'sex'), 'male', null).candidates).toBe(46 + 3);
    // no window: every completed interview of A with a report (103 + the two outside March)
    expect((await count('')).candidates).toBe(105);

    const bad = await h.request('GET', `${REPORT}?from=2026-03-02&to=2026-03-01`, { token: fx.adminToken });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
    expect(bad.body.errors.map((e: Body) => e.path)).toEqual(['/query/from']);
    const badInstant = await h.request('GET', `${REPORT}?from=2026-03-01T10:00:00Z&to=2026-03-01T09:59:59Z`, {
      token: fx.adminToken,
    });
    expect(badInstant.status).toBe(400);
    for (const query of [
      'from=yesterday',
      'to=2026-02-30',
      'to=2026-03-01T10:00:00',
      'format=xml',
      'positionId=nope',
    ]) {
      const res = await h.request('GET', `${REPORT}?${query}`, { token: fx.adminToken });
      expect(res.status, query).toBe(400);
      expect(res.body.code, query).toBe('validation_failed');
    }
  });

  it("another tenant's data is never counted; its position, or none, is a 404", async () => {
    // B's own report sees only B's 10, for A's position id that B cannot name
    const bAdmin = fx.b.token;
    const cross = await h.request('GET', `${REPORT}?positionId=${fx.position}`, { token: bAdmin });
    expect(cross.status).toBe(404);
    expect(cross.body.code).toBe('not_found');
    const missing = await h.request('GET', `${REPORT}?positionId=${randomUUID()}`, { token: fx.adminToken });
    expect(missing.status).toBe(404);
    const own = await h.request('GET', `${REPORT}?from=2026-03-01&to=2026-03-31`, { token: bAdmin });
    expect(own.body.candidates).toBe(10);
    expect(
      category(dimension(own.body, 'intersectional'), 'female', 'native_american_or_alaska_native')
        .candidates,
    ).toBe(10);
    // and A's fixture numbers above already exclude B's 10 native American women (0 in A's report)
    const a = await h.request('GET', `${REPORT}?positionId=${fx.position}&from=2026-03-01&to=2026-03-31`, {
      token: fx.a.token,
    });
    expect(
      category(dimension(a.body, 'race_ethnicity'), null, 'native_american_or_alaska_native').candidates,
    ).toBe(0);
  });

  it('is for admins and owners: a recruiter, a viewer and a recruiter key get 403; an admin key 200', async () => {
    for (const role of ['recruiter', 'viewer']) {
      const res = await h.request('GET', REPORT, { token: await addMember(fx.a, role) });
      expect(res.status, role).toBe(403);
      expect(res.body.code).toBe('forbidden');
    }
    const key = async (role: string) =>
      (await h.request('POST', '/api/v1/api-keys', { token: fx.a.token, body: { name: uniq(role), role } }))
        .body.key;
    expect((await h.request('GET', REPORT, { token: await key('recruiter') })).status).toBe(403);
    expect((await h.request('GET', REPORT, { token: await key('admin') })).status).toBe(200);
    expect((await h.request('GET', REPORT, { token: fx.a.token })).status).toBe(200);
    expect((await h.request('GET', REPORT)).status).toBe(401);
  });

  it('downloads as CSV: a header, the totals, every category and the declined and unknown rows', async () => {
    const res = await h.request('GET', `${march()}&format=csv`, { token: fx.adminToken });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="adverse-impact-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = res.text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    const [header, ...data] = lines.slice(0, -1).map((l) => l.split(','));
    expect(header).toEqual([
      'dimension',
      'sex',
      'race_ethnicity',
      'group',
      'candidates',
      'share',
      'selected',
      'selection_rate',
      'selection_impact_ratio',
      'selection_flagged',
      'above_median',
      'scoring_rate',
      'scoring_impact_ratio',
      'scoring_flagged',
      'excluded_under_2_percent',
      'median_score',
      'position_id',
      'from',
      'to',
    ]);
    // 1 total + (2 + 7 + 14 categories) + 3 × (declined, unknown)
    expect(data).toHaveLength(1 + 23 + 6);
    const byKey = new Map(
      data.map((r) => [
        `${r[0]}:${r[1]}:${r[2]}:${r[3]}`,
        Object.fromEntries(header!.map((k, i) => [k, r[i]])),
      ]),
    );
    expect(byKey.get('all:::all')).toMatchObject({
      candidates: '100',
      selected: '43',
      above_median: '45',
      median_score: '60',
    });
    const hispanic = byKey.get('race_ethnicity::hispanic_or_latino:category')!;
    expect(hispanic).toMatchObject({
      candidates: '10',
      share: '0.1',
      selected: '4',
      selection_rate: '0.4',
      selection_flagged: 'true',
      scoring_flagged: 'true',
      excluded_under_2_percent: 'false',
      position_id: fx.position,
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(Number(hispanic['selection_impact_ratio'])).toBeCloseTo(0.4 / (21 / 39), 12);
    expect(byKey.get('race_ethnicity::native_hawaiian_or_pacific_islander:category')).toMatchObject({
      candidates: '1',
      selection_rate: '1',
      selection_impact_ratio: '',
      excluded_under_2_percent: 'true',
    });
    expect(byKey.get('race_ethnicity:::declined')).toMatchObject({
      candidates: '4',
      selected: '1',
      excluded_under_2_percent: '',
    });
    expect(byKey.get('intersectional:::unknown')).toMatchObject({
      candidates: '12',
      selected: '1',
      above_median: '2',
    });
    expect(byKey.get('intersectional:female:asian:category')).toMatchObject({
      candidates: '8',
      selected: '3',
      selection_flagged: 'true',
    });
  });

  it('each view and CSV download is in the audit log (who, which window, how many; never the figures); a refused one is not', async () => {
    const view = async (query: string, requestId: string) => {
      const res = await h.request('GET', `${REPORT}?${query}`, {
        token: fx.adminToken,
        headers: { 'x-request-id': requestId },
      });
      return res.status;
    };
    const id = uniq('impact');
    expect(await view(`positionId=${fx.position}&from=2026-03-01&to=2026-03-31`, `${id}-json`)).toBe(200);
    expect(await view('format=csv', `${id}-csv`)).toBe(200);
    expect(await view(`positionId=${randomUUID()}`, `${id}-missing`)).toBe(404);
    expect(await view('from=2026-03-02&to=2026-03-01', `${id}-bad`)).toBe(400);

    const log = await h.request('GET', '/api/v1/audit?action=adverse_impact.viewed&limit=200', {
      token: fx.a.token,
    });
    expect(log.status, log.text).toBe(200);
    const mine = log.body.items.filter((e: Body) => e.requestId?.startsWith(id));
    expect(mine.map((e: Body) => e.requestId)).toEqual([`${id}-csv`, `${id}-json`]);
    const [csv, json] = mine;
    expect(json).toMatchObject({
      action: 'adverse_impact.viewed',
      actor: { kind: 'user' },
      target: fx.position,
      data: { format: 'json', from: '2026-03-01', to: '2026-03-31', candidates: 100 },
    });
    expect(csv).toMatchObject({
      target: null,
      data: { format: 'csv', from: null, to: null, candidates: 105 },
    });
    expect(Object.keys(json.data).sort()).toEqual(['candidates', 'format', 'from', 'to']);
  });
});

// ---------------------------------------------------------------------------------------------
// End to end: the candidate's join link, a real interview, the self-identification
// ---------------------------------------------------------------------------------------------

const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();

async function scheduleLink(t: TestTenant, email: string): Promise<string> {
  const res = await h.request('POST', '/api/v1/admin/schedule', {
    token: t.token,
    body: {
      candidateEmail: email,
      candidateName: 'Real Candidate',
      role: 'backend-engineer',
      scheduledAt: inAnHour(),
    },
  });
  expect(res.status, res.text).toBe(201);
  return new URL(res.body.joinUrl as string).pathname.split('/').pop()!;
}

/** Start the link and answer every question as the candidate, at `level`. */
async function interviewThroughLink(
  link: string,
  level: number,
  beforeEnd?: (id: string, token: string) => Promise<void>,
) {
  const started = await h.request('POST', `/api/v1/public/join/${link}/start`);
  expect(started.status, started.text).toBe(200);
  const { interviewId, candidateToken } = started.body;
  let state = started.body.state;
  for (let guard = 0; state.status === 'in_progress' && guard < 40; guard++) {
    if (guard === 1 && beforeEnd) await beforeEnd(interviewId, candidateToken);
    const res = await h.request('POST', `/api/v1/interview/${interviewId}/answer`, {
      token: candidateToken,
      body: {
        answerText: `LEVEL${level}: I owned the payments service in Go; I measured p99 and cut it by 40% with an index.`,
        turn: state.currentQuestion.turn,
      },
    });
    expect(res.status, res.text).toBe(200);
    state = res.body.state;
  }
  expect(state.status).toBe('completed');
  return { interviewId: interviewId as string, candidateToken: candidateToken as string };
}

const storedSelfIds = (tenantId: string) =>
  rows<{ interview_id: string; sex: string; race_ethnicity: string }>(
    'select interview_id, sex, race_ethnicity from self_identifications where tenant_id = ? order by interview_id',
    [tenantId],
  );

describe('self-identification, end to end', () => {
  /** Every value a leak would show: the category codes and their words. */
  const LEAK = [
    /native_hawaiian/i,
    /pacific islander/i,
    /hispanic/i,
    /two_or_more/i,
    /race_?ethnicity/i,
    /self[-_ ]?identif/i,
    /\bfemale\b/i,
    /"sex"/,
  ];

  it('is asked after the interview only, with the candidate token only; bad values are a 400 and store nothing', async () => {
    const t = await h.signUp();
    const link = await scheduleLink(t, `${uniq('cand')}@example.com`);
    const other = await scheduleLink(t, `${uniq('cand')}@example.com`);
    const otherStarted = await h.request('POST', `/api/v1/public/join/${other}/start`);
    const valid = { sex: 'female', raceEthnicity: 'native_hawaiian_or_pacific_islander' };

    const { interviewId, candidateToken } = await interviewThroughLink(link, 5, async (id, token) => {
      // while the interview runs: refused, nothing stored
      const early = await h.request('POST', selfIdPath(id), { token, body: valid });
      expect(early.status, early.text).toBe(409);
      expect(early.body.code).toBe('interview_in_progress');
    });
    expect(await storedSelfIds(t.id)).toEqual([]);

    for (const body of [
      { sex: 'woman', raceEthnicity: 'white' },
      { sex: 'female', raceEthnicity: 'martian' },
      { sex: 'Female', raceEthnicity: 'white' },
      { sex: 'female', raceEthnicity: 'other' },
      { sex: 'female', raceEthnicity: ['white', 'asian'] },
      { sex: null, raceEthnicity: 'white' },
      { sex: 'female' },
      { sex: 'female', raceEthnicity: 'white', religion: 'none' },
      {},
    ]) {
      const res = await h.request('POST', selfIdPath(interviewId), { token: candidateToken, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    // not the candidate of this interview: another candidate's token, staff, nobody
    const foreign = await h.request('POST', selfIdPath(interviewId), {
      token: otherStarted.body.candidateToken,
      body: valid,
    });
    expect(foreign.status).toBe(404);
    const staff = await h.request('POST', selfIdPath(interviewId), { token: t.token, body: valid });
    expect(staff.status).toBe(403);
    expect(staff.body.code).toBe('forbidden');
    expect((await h.request('POST', selfIdPath(interviewId), { body: valid })).status).toBe(401);
    expect(
      (await h.request('POST', selfIdPath(randomUUID()), { token: candidateToken, body: valid })).status,
    ).toBe(404);
    expect(await storedSelfIds(t.id)).toEqual([]);

    const ok = await h.request('POST', selfIdPath(interviewId), { token: candidateToken, body: valid });
    expect(ok.status, ok.text).toBe(204);
    expect(await storedSelfIds(t.id)).toEqual([
      { interview_id: interviewId, sex: 'female', race_ethnicity: 'native_hawaiian_or_pacific_islander' },
    ]);
    // a second answer replaces the first (decline to answer is an answer)
    const again = await h.request('POST', selfIdPath(interviewId), {
      token: candidateToken,
      body: { sex: 'decline', raceEthnicity: 'decline' },
    });
    expect(again.status).toBe(204);
    expect(await storedSelfIds(t.id)).toEqual([
      { interview_id: interviewId, sex: 'decline', race_ethnicity: 'decline' },
    ]);
    // nowhere for staff to read it: the interview, its report, the candidate
    for (const url of [`/api/v1/interviews/${interviewId}`, `/api/v1/report/${interviewId}`]) {
      const res = await h.request('GET', url, { token: t.token });
      expect(res.status, url).toBe(200);
      expect(res.text).not.toMatch(/self[-_ ]?identif|race_?ethnicity|"sex"/i);
    }
  });

  it('never reaches the model, a report or a webhook; the report counts the real interviews', async () => {
    const t = await h.signUp();
    const hook = await h.request('POST', '/api/v1/webhooks', {
      token: t.token,
      body: {
        url: 'http://hooks.invalid/ats',
        events: [
          'interview.scheduled',
          'interview.started',
          'interview.completed',
          'report.ready',
          'score.overridden',
        ],
      },
    });
    expect(hook.status, hook.text).toBe(201);
    const requestsBefore = api.requests.length;

    // four candidates, interviewed for real through their links (the stand-in grades each answer
    // at the level its text asks for), then each answers the form (or not)
    const emails = [1, 2, 3, 4].map(() => `${uniq('real')}@example.com`);
    const strong = await interviewThroughLink(await scheduleLink(t, emails[0]!), 5);
    const weak = await interviewThroughLink(await scheduleLink(t, emails[1]!), 1);
    const declining = await interviewThroughLink(await scheduleLink(t, emails[2]!), 5);
    const silent = await interviewThroughLink(await scheduleLink(t, emails[3]!), 3);
    const answers = [
      [strong, { sex: 'female', raceEthnicity: 'native_hawaiian_or_pacific_islander' }],
      [weak, { sex: 'male', raceEthnicity: 'hispanic_or_latino' }],
      [declining, { sex: 'decline', raceEthnicity: 'two_or_more_races' }],
    ] as const;
    for (const [who, body] of answers) {
      const res = await h.request('POST', selfIdPath(who.interviewId), { token: who.candidateToken, body });
      expect(res.status, res.text).toBe(204);
    }

    // after they answered: the first candidate interviews again (the model evaluates every
    // answer), a recruiter overrides a score, the reports are read again
    const secondRound = await interviewThroughLink(await scheduleLink(t, emails[0]!), 4);
    const override = await h.request('POST', `/api/v1/report/${strong.interviewId}/overrides`, {
      token: t.token,
      body: { score: 40, reason: 'panel calibration' },
    });
    expect(override.status, override.text).toBe(201);
    const reports = new Map<string, Body>();
    for (const who of [strong, weak, declining, silent, secondRound]) {
      const res = await h.request('GET', `/api/v1/report/${who.interviewId}`, { token: t.token });
      expect(res.status).toBe(200);
      reports.set(who.interviewId, res.body);
      for (const leak of LEAK) expect(res.text, `report: ${leak}`).not.toMatch(leak);
    }

    // the model saw the answers (so the check below means something), and never a category
    const seen = api.requests.slice(requestsBefore);
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.some((r) => r.raw.includes('LEVEL4'))).toBe(true);
    for (const r of seen) for (const leak of LEAK) expect(r.raw, `model request: ${leak}`).not.toMatch(leak);

    // every webhook payload recorded for the tenant (the announcements run as jobs)
    let deliveries: { event_type: string; payload: unknown }[] = [];
    for (let i = 0; i < 100; i++) {
      deliveries = await rows(
        'select event_type, payload from webhook_deliveries where tenant_id = ? order by id',
        [t.id],
      );
      if (deliveries.filter((d) => d.event_type === 'report.ready').length === 5) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(deliveries.filter((d) => d.event_type === 'report.ready')).toHaveLength(5);
    expect(deliveries.some((d) => d.event_type === 'score.overridden')).toBe(true);
    for (const d of deliveries) {
      for (const leak of LEAK)
        expect(JSON.stringify(d.payload), `${d.event_type}: ${leak}`).not.toMatch(leak);
    }

    // the report: each candidate once, by their latest interview (the first candidate's second
    // round), with the category they gave on their first; as evaluated (the override is not the tool's)
    const outcome = (id: string) => {
      const r = reports.get(id)!;
      return {
        overall: r.overall.score as number,
        selected: ['hire', 'strong_hire'].includes(r.evaluatedRecommendation),
      };
    };
    const first = outcome(secondRound.interviewId);
    const male = outcome(weak.interviewId);
    const declined = outcome(declining.interviewId);
    const unknown = outcome(silent.interviewId);
    expect(outcome(strong.interviewId).selected).toBe(true); // LEVEL5
    expect(first.selected).toBe(true); // LEVEL4
    expect(male.selected).toBe(false); // LEVEL1
    const scores = [first.overall, male.overall, declined.overall, unknown.overall].sort((x, y) => x - y);
    const medianScore = (scores[1]! + scores[2]!) / 2;
    const res = await h.request('GET', REPORT, { token: t.token });
    expect(res.status, res.text).toBe(200);
    expect(res.body.candidates).toBe(4);
    expect(res.body.medianScore).toBe(medianScore);
    const sex = dimension(res.body, 'sex');
    const above = (o: { overall: number }) => (o.overall > medianScore ? 1 : 0);
    expectRates(category(sex, 'female', null), [1, first.selected ? 1 : 0, above(first)], 'female');
    expectRates(category(sex, 'male', null), [1, 0, above(male)], 'male');
    expectRates(sex.declined, [1, declined.selected ? 1 : 0, above(declined)], 'declined');
    expectRates(sex.unknown, [1, unknown.selected ? 1 : 0, above(unknown)], 'unknown');
    // each is 25 % of the data; the female candidate (hired) is the reference, the male one (not) flagged
    expect(category(sex, 'female', null).selectionImpactRatio).toBe(1);
    expect(category(sex, 'male', null)).toMatchObject({ selectionImpactRatio: 0, selectionFlagged: true });
    const race = dimension(res.body, 'race_ethnicity');
    expect(category(race, null, 'native_hawaiian_or_pacific_islander').candidates).toBe(1);
    expect(category(race, null, 'hispanic_or_latino').candidates).toBe(1);
    expect(category(race, null, 'two_or_more_races').candidates).toBe(1);
    expect(race.unknown.candidates).toBe(1);
    expect(dimension(res.body, 'intersectional').declined.candidates).toBe(1);
  });
});

/** The string and template literals of a TypeScript source (comments skipped): where its SQL is. */
function literals(source: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/')
      i = source.indexOf('\n', i) === -1 ? source.length : source.indexOf('\n', i);
    else if (c === '/' && source[i + 1] === '*') i = source.indexOf('*/', i + 2) + 1;
    else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      found.push(source.slice(i + 1, j));
      i = j;
    }
  }
  return found;
}

describe('where self-identification can go', () => {
  it('outside the adverse-impact module, no statement on its table reads the answers', () => {
    const root = path.resolve(import.meta.dirname, '../../src');
    const own = `compliance${path.sep}adverse-impact${path.sep}`;
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    const statements = files.flatMap((file) =>
      literals(readFileSync(path.join(root, file), 'utf8'))
        .filter((text) => text.includes('self_identifications'))
        .map((sql) => ({ file, sql })),
    );
    expect(statements.some((s) => s.file.startsWith(own))).toBe(true);
    // elsewhere the table may be named (a candidate's own export says that one exists and when),
    // never its values read
    const readers = statements.filter(
      (s) => !s.file.startsWith(own) && /\b(sex|race_ethnicity)\b|\*/.test(s.sql),
    );
    expect(readers).toEqual([]);
    // the check sees a reader: the report's own query
    expect(statements.some((s) => s.file.startsWith(own) && /\brace_ethnicity\b/.test(s.sql))).toBe(true);
  });
});

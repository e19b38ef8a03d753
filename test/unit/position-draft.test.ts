import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/index.ts';
import {
  BUNDLED_PLUGINS_DIR,
  type Manifest,
  PHASES,
  type Phase,
  planQuotas,
  validateManifest,
} from '../../src/plugins/index.ts';
import { PositionDesign } from '../../src/positions/design.ts';
import { type BankInput, draftFromBanks } from '../../src/positions/draft/match-banks.ts';
import type { Draft } from '../../src/positions/draft/types.ts';

/** Drafting an interview design from the bundled question banks, without an LLM. */

const banks: BankInput[] = readdirSync(BUNDLED_PLUGINS_DIR)
  .sort()
  .map((dir) => {
    const checked = validateManifest(
      readFileSync(path.join(BUNDLED_PLUGINS_DIR, dir, 'plugin.json'), 'utf8'),
    );
    if (!checked.ok) throw new Error(`bundled plugin ${dir} is invalid`);
    return { pluginId: checked.manifest.id, version: checked.manifest.version, manifest: checked.manifest };
  });
const bank = (suffix: string) => banks.find((b) => b.pluginId.endsWith(`.${suffix}`))!;
const BACKEND = bank('backend-engineer').pluginId;
const DATA = bank('data-analyst').pluginId;

const backendJob = {
  title: 'Senior Backend Engineer',
  description:
    'We are looking for a Senior Backend Engineer to design and build the APIs behind our logistics platform. ' +
    'You will own services written in TypeScript and Go, model data in PostgreSQL, and make them fast with ' +
    'caching (Redis) and careful indexing. You will take part in the on-call rotation, lead incident reviews, ' +
    'and improve monitoring and alerting. You will mentor junior engineers through code review and pairing, ' +
    'write design documents, and work with product managers to scope features. Requirements: 5+ years building ' +
    'backend services, strong SQL and database design skills, experience with distributed systems, message ' +
    'queues and idempotent APIs, automated testing.',
};

const dataJob = {
  title: 'Data Analyst',
  description:
    'Join our growth team as a Data Analyst. You will write SQL against our Snowflake warehouse, build and ' +
    'maintain dashboards in Looker, and define the metrics our product and marketing teams run on (activation, ' +
    'retention, conversion). You will design and analyse A/B tests with the product team, check sample sizes and ' +
    'statistical significance, and explain results to non-technical stakeholders. You keep the numbers ' +
    'trustworthy: you reconcile figures with finance, investigate data quality issues and document metric ' +
    'definitions. Requirements: 2+ years in analytics, strong SQL, experience with experimentation and ' +
    'statistics, excellent communication with stakeholders.',
};

const pastryJob = {
  title: 'Pastry Chef',
  description:
    'Our bakery is looking for a Pastry Chef to prepare croissants, tarts, cakes and plated desserts every ' +
    'morning. You will manage the pastry section, order ingredients from suppliers, keep food costs under ' +
    'control and follow food safety and hygiene standards. You will train junior cooks, plan seasonal menus ' +
    'with the head chef and work early shifts with a friendly team.',
};

const inPhase = (draft: Draft, phase: Phase) => draft.picks.filter((p) => p.phase === phase);
const allCompetencies = (draft: Draft) => new Set(draft.picks.flatMap((p) => p.competencies));
/** The words a pick's reason says it matched ("matches "SQL", "dashboards" in the job description"). */
const matchedWords = (why: string) =>
  [...why.matchAll(/match(?:es)?(?: only)? ((?:"[^"]+"(?:, )?)+) in the job (?:description|title)/g)].flatMap(
    ([, list]) => [...list!.matchAll(/"([^"]+)"/g)].map(([, word]) => word!),
  );

function expectPhasesFilled(draft: Draft, length: number) {
  const quotas = planQuotas(length);
  for (const phase of PHASES) {
    const picks = inPhase(draft, phase).length;
    expect(picks, phase).toBeGreaterThanOrEqual(quotas[phase]);
    expect(picks, phase).toBeLessThanOrEqual(quotas[phase] * 2);
  }
}

function expectReasonsFromTheJob(draft: Draft, job: { title: string; description: string }) {
  const text = `${job.title} ${job.description}`.toLowerCase();
  for (const pick of draft.picks) {
    const words = matchedWords(pick.why);
    expect(words.length, pick.why).toBeGreaterThan(0);
    for (const word of words) expect(text, pick.why).toContain(word.toLowerCase());
  }
}

describe('a draft from the installed banks', () => {
  it('picks the backend bank for a backend job, phase by phase, with competencies the job needs', () => {
    const draft = draftFromBanks({ ...backendJob, banks });
    expect(draft.source).toBe('banks');
    expectPhasesFilled(draft, 10);

    const technical = inPhase(draft, 'technical');
    const fromBackend = technical.filter((p) => p.pluginId === BACKEND).length;
    expect(fromBackend).toBeGreaterThan(technical.length / 2);
    // intro and closing are generic: they come from the bank whose role is the job title
    for (const p of [...inPhase(draft, 'intro'), ...inPhase(draft, 'closing')])
      expect(p.pluginId).toBe(BACKEND);

    const competencies = allCompetencies(draft);
    expect(competencies).toContain('Data and databases');
    expect(competencies).toContain('System and API design');
    expect(competencies).toContain('Reliability and operations');
  });

  it('picks the data analyst bank for an analyst job', () => {
    const draft = draftFromBanks({ ...dataJob, banks });
    expectPhasesFilled(draft, 10);

    const technical = inPhase(draft, 'technical');
    expect(technical.filter((p) => p.pluginId === DATA).length).toBeGreaterThan(technical.length / 2);
    expect(draft.picks.filter((p) => p.pluginId === BACKEND)).toEqual([]);
    const competencies = allCompetencies(draft);
    expect(competencies).toContain('SQL & data manipulation');
    expect(competencies).toContain('Statistics & experimentation');
    expect(draft.design.banks[0]!.pluginId).toBe(DATA);
  });

  it('says why each question was picked, in words of the job description', () => {
    for (const job of [backendJob, dataJob]) {
      const draft = draftFromBanks({ ...job, banks });
      expectReasonsFromTheJob(draft, job);
    }
    // a SQL question is there because the job says "SQL", and its competency is named
    const sql = draftFromBanks({ ...dataJob, banks }).picks.filter((p) =>
      p.competencies.includes('SQL & data manipulation'),
    );
    expect(sql.some((p) => matchedWords(p.why).includes('SQL'))).toBe(true);
    expect(sql.some((p) => p.why.includes('"SQL & data manipulation"'))).toBe(true);
  });

  it('matches inflections and spelling variants ("Caching" a cache question, "PostgreSQL" Postgres)', () => {
    const draft = draftFromBanks({
      title: 'Backend Engineer',
      description: 'Caching, indexing and PostgreSQL migrations.',
      banks,
    });
    const technical = inPhase(draft, 'technical');
    expect(technical.map((p) => p.questionId)).toContain('tech-index-basics');
    const postgres = draft.picks.find((p) => p.questionId === 'tech-zero-downtime-migration');
    expect(postgres?.why).toContain('"PostgreSQL"');
    expect(technical.some((p) => p.why.includes('"Caching"'))).toBe(true);
  });

  it('weighs words by rarity: generic words alone match nothing, and never lead a reason', () => {
    const generic = draftFromBanks({
      title: 'Team Member',
      description:
        'A hard-working team player who works well in a team and communicates with the team at work.',
      banks,
    });
    expect(generic.picks).toEqual([]);

    const draft = draftFromBanks({ ...dataJob, banks });
    const leading = draft.picks.map((p) => matchedWords(p.why)[0]?.toLowerCase());
    expect(leading).not.toContain('team');
    expect(leading).not.toContain('work');
  });

  it('finds nothing for a job no bank is about, and says so', () => {
    const draft = draftFromBanks({ ...pastryJob, banks });
    expect(inPhase(draft, 'technical')).toEqual([]);
    expect(draft.picks).toEqual([]);
    expect(draft.design.banks).toEqual([]);
    expect(draft.notes.join(' ')).toMatch(/no installed question bank matches the job description/i);
  });

  it('says so when no bank is installed', () => {
    const draft = draftFromBanks({ ...backendJob, banks: [] });
    expect(draft.picks).toEqual([]);
    expect(draft.notes.join(' ')).toMatch(/no question bank is installed/i);
  });

  it('is deterministic, whatever the order of the banks', () => {
    const first = draftFromBanks({ ...backendJob, banks });
    expect(draftFromBanks({ ...backendJob, banks })).toEqual(first);
    expect(draftFromBanks({ ...backendJob, banks: [...banks].reverse() })).toEqual(first);
  });

  it('returns a design that parses, pins the banks and includes exactly the picked questions', () => {
    const draft = draftFromBanks({ ...backendJob, banks });
    expect(PositionDesign.parse(draft.design)).toEqual(draft.design);
    expect(draft.design).toMatchObject({ length: 10, language: 'en', questions: [], quotas: null });
    const included = draft.design.banks.flatMap((b) => (b.include ?? []).map((id) => `${b.pluginId}/${id}`));
    expect(included.sort()).toEqual(draft.picks.map((p) => p.ref).sort());
    for (const selection of draft.design.banks) {
      const source = banks.find((b) => b.pluginId === selection.pluginId)!;
      expect(selection.version).toBe(source.version);
      const ids = new Set(source.manifest.questions.map((q) => q.id));
      for (const id of selection.include ?? []) expect(ids.has(id)).toBe(true);
    }
    for (const pick of draft.picks) {
      const question = bank(pick.pluginId!.split('.').at(-1)!).manifest.questions.find(
        (q) => q.id === pick.questionId,
      )!;
      expect(pick).toMatchObject({
        ref: `${pick.pluginId}/${question.id}`,
        phase: question.phase,
        text: question.text,
      });
    }
  });

  it('proposes questions for a longer interview by its own phase plan', () => {
    const draft = draftFromBanks({ ...backendJob, banks, length: 20 });
    expect(draft.design.length).toBe(20);
    expectPhasesFilled(draft, 20);
    expect(() => draftFromBanks({ ...backendJob, banks, length: 3 })).toThrow(AppError);
  });

  it('keeps to one language: a bank in another is left out, with a note', () => {
    // the frontend bank shares enough with a backend job to be drafted from, but not in German
    const german: Manifest = { ...bank('frontend-engineer').manifest, id: 'acme.frontend-de', locale: 'de' };
    const draft = draftFromBanks({
      ...backendJob,
      banks: [...banks, { pluginId: german.id, version: german.version, manifest: german }],
    });
    expect(draft.design.language).toBe('en');
    expect(draft.picks.some((p) => p.pluginId === german.id)).toBe(false);
    expect(draft.notes.join(' ')).toContain('"de"');
  });
});

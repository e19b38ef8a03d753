import {
  type InterviewSettings,
  type Manifest,
  type ManifestProblem,
  type ManifestQuestion,
  type ManifestRubric,
  PHASES,
  type Phase,
  PRIVATE_PLUGIN_PREFIX,
  planQuotas,
  validateManifest,
} from '../plugins/index.ts';
import type { PositionDesign } from './design.ts';

/**
 * A position's design compiled into one tenant-private plugin manifest: the questions it draws
 * from its banks (copied with their rubrics and competencies) and its own, one role (the
 * position), and the interview settings. Interviews pin that manifest, so a report reads exactly
 * what was asked however the position changes later. Ids clash only across banks: the later
 * bank's id is prefixed with its plugin's last name segment.
 */

/** The role every question of a position's manifest has. */
export const POSITION_ROLE = 'position';

export const privatePluginId = (positionId: string) => `${PRIVATE_PLUGIN_PREFIX}${positionId}`;
export const designPluginVersion = (designVersion: number) => `${designVersion}.0.0`;

export interface BankManifest {
  pluginId: string;
  version: string;
  manifest: Manifest;
}

export interface CompileInput {
  position: { id: string; title: string; description: string };
  designVersion: number;
  /** the tenant's name: the private plugin's publisher */
  publisher: string;
  design: PositionDesign;
  /** the manifests of the design's banks, at the versions pinned */
  banks: BankManifest[];
}

export type CompileResult =
  | { ok: true; manifest: Manifest; sha256: string }
  | { ok: false; problems: ManifestProblem[] };

const LOCAL_ID_MAX = 64;

/** A local id not taken yet: the id itself, else prefixed, else numbered. */
function freeId(taken: Set<string>, id: string, prefix: string): string {
  const prefixed = `${prefix}-${id}`;
  let candidate = id;
  if (taken.has(candidate)) candidate = prefixed.slice(0, LOCAL_ID_MAX);
  for (let n = 2; taken.has(candidate); n++) candidate = `${prefixed.slice(0, LOCAL_ID_MAX - 4)}-${n}`;
  taken.add(candidate);
  return candidate;
}

const titleOf = (id: string) => {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const shortName = (pluginId: string) =>
  (pluginId.split('.').at(-1) ?? pluginId).replace(/[^a-z0-9_-]/g, '').slice(0, 20) || 'bank';

export function compileDesign(input: CompileInput): CompileResult {
  const { design } = input;
  const problems: ManifestProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });

  const competencies = new Map<string, Manifest['competencies'][number]>();
  const rubrics: ManifestRubric[] = [];
  const questions: ManifestQuestion[] = [];
  const takenCompetency = new Set<string>();
  const takenRubric = new Set<string>();
  const takenQuestion = new Set<string>();
  /** `<pluginId>/<questionId>` or an own id → the id in the compiled manifest */
  const questionIds = new Map<string, string>();
  /** `<pluginId>/<rubricId>` or an own id → the id in the compiled manifest */
  const rubricIds = new Map<string, string>();
  /** a selected bank's competency by its id in that bank, for own questions that name it */
  const bankCompetency = new Map<string, string>();

  const addCompetency = (c: Manifest['competencies'][number], prefix: string): string => {
    const id = freeId(takenCompetency, c.id, prefix);
    competencies.set(id, { ...c, id });
    return id;
  };

  // own competencies and rubrics first: the tenant's ids never change
  for (const c of design.competencies) addCompetency(c, 'own');
  const ownRubrics = design.rubrics.map((r) => {
    const id = freeId(takenRubric, r.id, 'own');
    rubricIds.set(r.id, id);
    return r;
  });
  for (const q of design.questions) takenQuestion.add(q.id);

  const banks = new Map(input.banks.map((b) => [b.pluginId, b]));
  design.banks.forEach((selection, i) => {
    const at = `/design/banks/${i}`;
    const bank = banks.get(selection.pluginId);
    if (!bank) {
      problem(`${at}/pluginId`, `"${selection.pluginId}" is not installed`);
      return;
    }
    const m = bank.manifest;
    if (bank.manifest.locale.split('-')[0] !== design.language.split('-')[0])
      problem(`${at}/pluginId`, `the bank is in "${m.locale}", the interview in "${design.language}"`);
    const prefix = shortName(bank.pluginId);
    if (selection.role && !m.roles.some((r) => r.id === selection.role))
      problem(`${at}/role`, `the bank has no role "${selection.role}"`);
    const inBank = new Set(m.questions.map((q) => q.id));
    selection.include?.forEach((id, j) => {
      if (!inBank.has(id)) problem(`${at}/include/${j}`, `the bank has no question "${id}"`);
    });
    selection.exclude.forEach((id, j) => {
      if (!inBank.has(id)) problem(`${at}/exclude/${j}`, `the bank has no question "${id}"`);
    });
    const include = selection.include ? new Set(selection.include) : null;
    const exclude = new Set(selection.exclude);
    const picked = m.questions.filter(
      (q) =>
        (!selection.role || q.roles.includes(selection.role)) &&
        (!include || include.has(q.id)) &&
        !exclude.has(q.id),
    );
    // the bank's competencies and rubrics: all of them, so own questions may use any
    const competencyIds = new Map<string, string>();
    for (const c of m.competencies) {
      const id = addCompetency(c, prefix);
      competencyIds.set(c.id, id);
      if (!bankCompetency.has(c.id)) bankCompetency.set(c.id, id);
    }
    const used = new Set(picked.map((q) => q.rubric));
    for (const r of m.rubrics) {
      const id = freeId(takenRubric, r.id, prefix);
      rubricIds.set(`${bank.pluginId}/${r.id}`, id);
      if (used.has(r.id))
        rubrics.push({ ...r, id, competency: competencyIds.get(r.competency) ?? r.competency });
    }
    for (const q of picked) {
      const id = freeId(takenQuestion, q.id, prefix);
      questionIds.set(`${bank.pluginId}/${q.id}`, id);
      questions.push({
        ...q,
        id,
        roles: [POSITION_ROLE],
        competencies: q.competencies.map((c) => competencyIds.get(c) ?? c),
        rubric: rubricIds.get(`${bank.pluginId}/${q.rubric}`) ?? q.rubric,
      });
    }
  });

  for (const r of ownRubrics) {
    const id = rubricIds.get(r.id)!;
    if (!competencies.has(r.competency) && bankCompetency.has(r.competency))
      rubrics.push({ ...r, id, competency: bankCompetency.get(r.competency)! });
    else {
      if (!competencies.has(r.competency))
        addCompetency(
          { id: r.competency, name: titleOf(r.competency), description: titleOf(r.competency) },
          'own',
        );
      rubrics.push({ ...r, id });
    }
  }
  const rubricById = new Map(rubrics.map((r) => [r.id, r]));
  // a bank rubric an own question names is copied even when none of the bank's questions is kept
  const bankRubric = (ref: string): ManifestRubric | undefined => {
    const id = rubricIds.get(ref);
    if (!id) return undefined;
    if (rubricById.has(id)) return rubricById.get(id);
    const [pluginId, rubricId] = ref.split('/') as [string, string];
    const source = banks.get(pluginId)?.manifest.rubrics.find((r) => r.id === rubricId);
    if (!source) return undefined;
    const copy = { ...source, id, competency: bankCompetency.get(source.competency) ?? source.competency };
    rubrics.push(copy);
    rubricById.set(id, copy);
    return copy;
  };

  design.questions.forEach((q, i) => {
    const at = `/design/questions/${i}`;
    const rubric = q.rubric.includes('/')
      ? bankRubric(q.rubric)
      : rubricById.get(rubricIds.get(q.rubric) ?? '');
    if (!rubric) {
      problem(
        `${at}/rubric`,
        q.rubric.includes('/')
          ? `no rubric "${q.rubric}" in the selected banks`
          : `no own rubric "${q.rubric}"; add it to design.rubrics or name a bank's as "<pluginId>/<rubricId>"`,
      );
      return;
    }
    const ids = q.competencies.map((c) => {
      if (competencies.has(c)) return c;
      const fromBank = bankCompetency.get(c);
      if (fromBank) return fromBank;
      return addCompetency({ id: c, name: titleOf(c), description: titleOf(c) }, 'own');
    });
    // the rubric scores one competency; the question must list it
    if (!ids.includes(rubric.competency)) ids.push(rubric.competency);
    questionIds.set(q.id, q.id);
    const { rubric: _ref, ...rest } = q;
    questions.push({
      ...rest,
      roles: [POSITION_ROLE],
      competencies: [...new Set(ids)].slice(0, 10),
      rubric: rubric.id,
    });
  });

  const required = design.required.flatMap((ref, i) => {
    const id = questionIds.get(ref);
    if (!id) {
      problem(`/design/required/${i}`, `"${ref}" is not a question of this design`);
      return [];
    }
    return [id];
  });

  // every phase the interview gives turns to needs a question to ask
  const quotas = design.quotas ?? planQuotas(design.length);
  const byPhase = new Map<Phase, number>();
  for (const q of questions) byPhase.set(q.phase, (byPhase.get(q.phase) ?? 0) + 1);
  if (design.quotas) {
    const sum = PHASES.reduce((n, p) => n + quotas[p], 0);
    if (sum !== design.length)
      problem('/design/quotas', `the phase quotas sum to ${sum}, not the length ${design.length}`);
  }
  if (questions.length === 0)
    problem('/design', 'the design has no question: select a bank or add a question');
  else
    for (const phase of PHASES)
      if (quotas[phase] > 0 && !byPhase.get(phase))
        problem(
          design.quotas ? `/design/quotas/${phase}` : '/design/questions',
          `the ${phase} phase has ${quotas[phase]} turns and no question to ask; add one or set its quota to 0`,
        );
  if (problems.length > 0) return { ok: false, problems };

  const settings: InterviewSettings = {
    length: design.length,
    quotas,
    ...(required.length ? { required } : {}),
    difficultyStart: design.difficultyStart,
    ...(design.thresholds ? { thresholds: design.thresholds } : {}),
    ...(design.aiNotice ? { aiNotice: design.aiNotice } : {}),
  };
  const usedCompetencies = new Set([
    ...questions.flatMap((q) => q.competencies),
    ...rubrics.map((r) => r.competency),
  ]);
  const title = input.position.title;
  const manifest = {
    id: privatePluginId(input.position.id),
    version: designPluginVersion(input.designVersion),
    name: title.slice(0, 120),
    description: (input.position.description.trim() || title).slice(0, 4000),
    publisher: input.publisher.slice(0, 120),
    license: 'private',
    locale: design.language,
    roles: [
      {
        id: POSITION_ROLE,
        title: title.slice(0, 120),
        description: (input.position.description.trim() || title).slice(0, 2000),
      },
    ],
    competencies: [...competencies.values()].filter((c) => usedCompetencies.has(c.id)),
    rubrics,
    questions,
    goldenAnswers: [],
    interview: settings,
  };
  const validated = validateManifest(manifest);
  if (!validated.ok)
    return {
      ok: false,
      problems: validated.problems.map((p) => ({ path: `/compiled${p.path}`, message: p.message })),
    };
  return { ok: true, manifest: validated.manifest, sha256: validated.sha256 };
}

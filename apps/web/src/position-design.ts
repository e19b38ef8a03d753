import type {
  BankManifest,
  BankSelection,
  DesignCompetency,
  OwnQuestion,
  OwnRubric,
  Phase,
  PositionDesign,
  PositionDraft,
} from './api.ts';

/**
 * The position editor's operations on a design, as pure functions: which bank questions a design
 * includes, adding and removing them, own questions with their rubrics, the required list, and
 * taking a draft. A bank question is referred to as `<pluginId>/<questionId>`, an own one by its id,
 * as the API does.
 */

export const EMPTY_DESIGN: PositionDesign = {
  banks: [],
  questions: [],
  rubrics: [],
  competencies: [],
  length: 10,
  quotas: null,
  required: [],
  difficultyStart: 2,
  thresholds: null,
  language: 'en',
  aiNotice: null,
};

/** The product's recommendation thresholds when a design sets none. */
export const DEFAULT_THRESHOLDS = { strongHire: 80, hire: 65, leanNo: 45 };

export const bankRef = (pluginId: string, questionId: string) => `${pluginId}/${questionId}`;
export const manifestKey = (pluginId: string, version: string) => `${pluginId}@${version}`;

/** One question of the design, from a bank or the tenant's own. */
export type DesignQuestion =
  | {
      kind: 'bank';
      ref: string;
      pluginId: string;
      questionId: string;
      bankName: string;
      phase: Phase;
      text: string;
      competencies: string[];
    }
  | { kind: 'own'; ref: string; phase: Phase; text: string; competencies: string[]; question: OwnQuestion };

/** The version a bank selection uses: the pinned one, else the one installed. */
export function selectionVersion(
  selection: BankSelection,
  installed: Map<string, string>,
): string | undefined {
  return selection.version ?? installed.get(selection.pluginId);
}

function picked(selection: BankSelection, manifest: BankManifest) {
  const include = selection.include ? new Set(selection.include) : null;
  const exclude = new Set(selection.exclude);
  return manifest.questions.filter(
    (q) =>
      (!selection.role || q.roles.includes(selection.role)) &&
      (!include || include.has(q.id)) &&
      !exclude.has(q.id),
  );
}

/**
 * The design's questions in order (banks first, then own), and the banks whose manifests are not
 * loaded yet.
 */
export function designQuestions(
  design: PositionDesign,
  manifests: Map<string, BankManifest>,
  installed: Map<string, string>,
): { questions: DesignQuestion[]; loading: string[] } {
  const questions: DesignQuestion[] = [];
  const loading: string[] = [];
  for (const selection of design.banks) {
    const version = selectionVersion(selection, installed);
    const manifest = version ? manifests.get(manifestKey(selection.pluginId, version)) : undefined;
    if (!manifest) {
      loading.push(selection.pluginId);
      continue;
    }
    for (const q of picked(selection, manifest))
      questions.push({
        kind: 'bank',
        ref: bankRef(selection.pluginId, q.id),
        pluginId: selection.pluginId,
        questionId: q.id,
        bankName: manifest.name,
        phase: q.phase,
        text: q.text,
        competencies: q.competencies,
      });
  }
  for (const q of design.questions)
    questions.push({
      kind: 'own',
      ref: q.id,
      phase: q.phase,
      text: q.text,
      competencies: q.competencies,
      question: q,
    });
  return { questions, loading };
}

/** A bank's questions the design does not include yet. */
export function questionsToAdd(design: PositionDesign, pluginId: string, manifest: BankManifest) {
  const selection = design.banks.find((b) => b.pluginId === pluginId);
  if (!selection) return manifest.questions;
  const taken = new Set(picked(selection, manifest).map((q) => q.id));
  return manifest.questions.filter((q) => !taken.has(q.id));
}

const withoutRequired = (design: PositionDesign, ref: string) => design.required.filter((r) => r !== ref);

/** Includes one question of an installed bank (selecting the bank, at `version`, when needed). */
export function addBankQuestion(
  design: PositionDesign,
  pluginId: string,
  version: string,
  questionId: string,
): PositionDesign {
  const selection = design.banks.find((b) => b.pluginId === pluginId);
  if (!selection)
    return { ...design, banks: [...design.banks, { pluginId, version, include: [questionId], exclude: [] }] };
  const next: BankSelection = {
    ...selection,
    exclude: selection.exclude.filter((id) => id !== questionId),
    ...(selection.include && !selection.include.includes(questionId)
      ? { include: [...selection.include, questionId] }
      : {}),
  };
  return { ...design, banks: design.banks.map((b) => (b === selection ? next : b)) };
}

/** Leaves one bank question out; a bank left with no question is no longer selected. */
export function removeBankQuestion(
  design: PositionDesign,
  pluginId: string,
  questionId: string,
): PositionDesign {
  const required = withoutRequired(design, bankRef(pluginId, questionId));
  const banks = design.banks.flatMap((b) => {
    if (b.pluginId !== pluginId) return [b];
    if (b.include) {
      const include = b.include.filter((id) => id !== questionId);
      return include.length > 0 ? [{ ...b, include }] : [];
    }
    return [{ ...b, exclude: b.exclude.includes(questionId) ? b.exclude : [...b.exclude, questionId] }];
  });
  return { ...design, banks, required };
}

/** Drops an own question, and the own rubrics no question uses any more. */
export function removeOwnQuestion(design: PositionDesign, id: string): PositionDesign {
  const questions = design.questions.filter((q) => q.id !== id);
  const used = new Set(questions.map((q) => q.rubric));
  return {
    ...design,
    questions,
    rubrics: design.rubrics.filter((r) => used.has(r.id)),
    required: withoutRequired(design, id),
  };
}

export function toggleRequired(design: PositionDesign, ref: string): PositionDesign {
  return {
    ...design,
    required: design.required.includes(ref) ? withoutRequired(design, ref) : [...design.required, ref],
  };
}

/**
 * Adds or replaces an own question (matched by `previousId`), with its own rubric when it has one
 * and the competencies it introduces.
 */
export function saveOwnQuestion(
  design: PositionDesign,
  question: OwnQuestion,
  rubric: OwnRubric | null,
  newCompetencies: DesignCompetency[],
  previousId?: string,
): PositionDesign {
  const questions = previousId
    ? design.questions.map((q) => (q.id === previousId ? question : q))
    : [...design.questions, question];
  let rubrics = rubric
    ? design.rubrics.some((r) => r.id === rubric.id)
      ? design.rubrics.map((r) => (r.id === rubric.id ? rubric : r))
      : [...design.rubrics, rubric]
    : design.rubrics;
  const used = new Set(questions.map((q) => q.rubric));
  rubrics = rubrics.filter((r) => used.has(r.id));
  const known = new Set(design.competencies.map((c) => c.id));
  return {
    ...design,
    questions,
    rubrics,
    competencies: [...design.competencies, ...newCompetencies.filter((c) => !known.has(c.id))],
  };
}

/** A local id (lowercase letters, digits, "-") made from any text; "item" when nothing is left. */
export function slug(text: string, max = 48): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return s || 'item';
}

/** `base`, or `base-2`, `base-3`… : the first not in `taken`. */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A starting rubric for an own question: one criterion on its competency, five plain level descriptors. */
export function defaultRubric(id: string, competencyId: string, competencyName: string): OwnRubric {
  const c = competencyName.trim() || competencyId;
  return {
    id,
    competency: competencyId,
    criteria: [
      {
        id: 'answer',
        name: c.slice(0, 120),
        weight: 1,
        levels: {
          '1': `Does not show ${c}: no relevant example or reasoning.`,
          '2': `Touches on ${c} in general terms, without a concrete example.`,
          '3': 'Gives a relevant, concrete answer that covers the main points.',
          '4': 'Covers the main points with specifics (numbers, tools, own decisions) and explains the trade-offs.',
          '5': 'Covers every expected point with specifics, weighs the trade-offs and says what they would do differently.',
        },
      },
    ],
  };
}

/**
 * The design with a draft's chosen questions: the draft's bank selections replace the design's,
 * its own questions (an AI draft) are added beside the user's, and its length and language are
 * taken. Required questions no longer in the design are dropped.
 */
export function acceptDraft(
  design: PositionDesign,
  draft: PositionDraft,
  chosen: Set<string>,
): PositionDesign {
  const d = draft.design;
  const banks = d.banks.flatMap((b) => {
    if (b.include) {
      const include = b.include.filter((id) => chosen.has(bankRef(b.pluginId, id)));
      return include.length > 0 ? [{ ...b, include }] : [];
    }
    const left = draft.picks
      .filter((p) => p.pluginId === b.pluginId && !chosen.has(p.ref))
      .map((p) => p.questionId);
    return [{ ...b, exclude: [...new Set([...b.exclude, ...left])] }];
  });
  const ownIds = new Set(design.questions.map((q) => q.id));
  const added = d.questions.filter((q) => chosen.has(q.id) && !ownIds.has(q.id));
  const questions = [...design.questions, ...added];
  const rubricIds = new Set(design.rubrics.map((r) => r.id));
  const usedRubrics = new Set(added.map((q) => q.rubric));
  const rubrics = [
    ...design.rubrics,
    ...d.rubrics.filter((r) => usedRubrics.has(r.id) && !rubricIds.has(r.id)),
  ];
  const competencyIds = new Set(design.competencies.map((c) => c.id));
  const competencies = [...design.competencies, ...d.competencies.filter((c) => !competencyIds.has(c.id))];
  const refs = new Set([
    ...questions.map((q) => q.id),
    ...draft.picks.filter((p) => p.pluginId && chosen.has(p.ref)).map((p) => p.ref),
  ]);
  const required = [...new Set([...design.required, ...d.required])].filter((r) => refs.has(r));
  return {
    ...design,
    banks,
    questions,
    rubrics,
    competencies,
    required,
    length: d.length,
    language: d.language,
    quotas: null,
  };
}

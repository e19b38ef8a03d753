import { AppError } from '../../errors/index.ts';
import { INTERVIEW_LENGTH, type Manifest, PHASES, type Phase, planQuotas } from '../../plugins/index.ts';
import { PositionDesign } from '../design.ts';
import { type BankIndex, indexBank } from './bank-index.ts';
import { type JobTerms, readJob } from './job-text.ts';
import { type Match, matchRoles, type RoleMatch, scoreQuestions } from './relevance.ts';
import type { Draft, DraftPick } from './types.ts';

/**
 * A first interview design for a job, drafted from the installed question banks without an LLM:
 * the job description is matched against every bank's questions (relevance.ts), and each phase
 * gets about twice as many of the closest questions as it has turns, so the recruiter chooses.
 * Intro and closing questions are generic: they come from the banks that fit the job (a role
 * matching the job title, or several close questions). Each pick names the words of the job
 * description it matched. Same input, same draft; the order of the banks does not matter.
 */

export interface BankInput {
  pluginId: string;
  version: string;
  manifest: Manifest;
}

export interface DraftFromBanksInput {
  title: string;
  description: string;
  /** the installed banks, one version per plugin */
  banks: BankInput[];
  /** interview length in turns (default 10) */
  length?: number;
}

/** Proposals per turn of a phase: enough to choose from, few enough to review. */
const PICKS_PER_TURN = 2;
/** A question this close is a match; below it, shared words are a coincidence (see the tests' pastry chef). */
const MIN_MATCH_SCORE = 5;
/** A bank with less of the job description than this, and no role like the job title, is about another job. */
const MIN_COVERAGE = 0.5;
/** A bank fits the job with a role covering this share of the job title... */
const MIN_ROLE_SHARE = 0.5;
/** ...or with this many matching questions in the technical, behavioral and situational phases. */
const MIN_BANK_MATCHES = 2;
const WHY_WORDS = 4;

interface Bank {
  input: BankInput;
  index: BankIndex;
}

const byId = (a: Bank, b: Bank) =>
  a.input.pluginId < b.input.pluginId ? -1 : a.input.pluginId > b.input.pluginId ? 1 : 0;
const isBody = (phase: Phase) => phase !== 'intro' && phase !== 'closing';

export function draftFromBanks(input: DraftFromBanksInput): Draft {
  const length = input.length ?? INTERVIEW_LENGTH.default;
  if (!Number.isInteger(length) || length < INTERVIEW_LENGTH.min || length > INTERVIEW_LENGTH.max) {
    throw new AppError('validation_failed', undefined, {
      errors: [
        {
          path: '/length',
          message: `an interview has ${INTERVIEW_LENGTH.min} to ${INTERVIEW_LENGTH.max} turns`,
        },
      ],
    });
  }
  const banks = input.banks.map((b) => ({ input: b, index: indexBank(b.manifest) })).sort(byId);
  banks.forEach((b, i) => {
    if (i > 0 && byId(banks[i - 1]!, b) === 0) throw new Error(`bank "${b.input.pluginId}" is listed twice`);
  });

  const job = readJob(
    input.title,
    input.description,
    banks.flatMap((b) => b.index.questions.flatMap((q) => q.keywordPhrases)),
  );
  const { matches, coverage } = scoreQuestions(banks, job);
  const roles = matchRoles(banks, job);
  const aboutTheJob = (b: Bank) => coverage.get(b)! >= MIN_COVERAGE || roles.get(b)!.share >= MIN_ROLE_SHARE;
  const isMatch = (m: Match<Bank>) => m.score >= MIN_MATCH_SCORE && aboutTheJob(m.bank);
  const bodyMatches = new Map(
    banks.map((b) => [b, matches.filter((m) => m.bank === b && isBody(m.q.question.phase) && isMatch(m))]),
  );
  const total = (b: Bank) => bodyMatches.get(b)!.reduce((s, m) => s + m.score, 0);
  const fits = (b: Bank) =>
    roles.get(b)!.share >= MIN_ROLE_SHARE || bodyMatches.get(b)!.length >= MIN_BANK_MATCHES;
  /** the banks best first: the closest questions, then the role, then the id */
  const ranked = [...banks].sort(
    (a, b) => total(b) - total(a) || roles.get(b)!.share - roles.get(a)!.share || byId(a, b),
  );
  const rank = new Map(ranked.map((b, i) => [b, i]));

  // One interview speaks one language: the best-fitting bank's. Banks in another are left out.
  const language = ranked.find(fits)?.input.manifest.locale ?? 'en';
  const primary = (locale: string) => locale.split('-')[0];
  const sameLanguage = (b: Bank) => primary(b.input.manifest.locale) === primary(language);
  const otherLanguage = ranked.filter((b) => fits(b) && !sameLanguage(b));

  const byScore = (a: Match<Bank>, b: Match<Bank>) =>
    b.score - a.score ||
    roles.get(b.bank)!.share - roles.get(a.bank)!.share ||
    rank.get(a.bank)! - rank.get(b.bank)! ||
    a.q.order - b.q.order;
  const byBank = (a: Match<Bank>, b: Match<Bank>) => rank.get(a.bank)! - rank.get(b.bank)! || byScore(a, b);

  const quotas = planQuotas(length);
  const chosen: { m: Match<Bank>; phase: Phase }[] = [];
  const shortOf: string[] = [];
  for (const phase of PHASES) {
    const quota = quotas[phase];
    const candidates = matches.filter((m) => m.q.question.phase === phase && sameLanguage(m.bank));
    const fitting = candidates.filter((m) => fits(m.bank)).sort(byBank);
    const take = isBody(phase)
      ? candidates
          .filter(isMatch)
          .sort(byScore)
          .slice(0, quota * PICKS_PER_TURN)
      : fitting.slice(0, quota * PICKS_PER_TURN);
    // too few close matches: the rest of the quota from the banks that fit, best bank first
    for (const m of fitting) if (take.length < quota && !take.includes(m)) take.push(m);
    if (take.length < quota) shortOf.push(`${phase} (${take.length} of ${quota})`);
    for (const m of take) chosen.push({ m, phase });
  }

  const picks = chosen.map(({ m, phase }) =>
    pickOf(m, phase, {
      job,
      isMatch: isBody(phase) && isMatch(m),
      role: roles.get(m.bank)!,
      bankWords: uniqueWords(bodyMatches.get(m.bank)!.flatMap((b) => wordsOf(b, job))),
    }),
  );
  const notes =
    picks.length === 0
      ? [
          banks.length === 0
            ? 'No question bank is installed: install one for this role, or draft the questions with the AI.'
            : 'No installed question bank matches the job description: install a bank for this role, or draft the questions with the AI.',
        ]
      : [
          ...otherLanguage.map(
            (b) =>
              `"${b.input.manifest.name}" also fits, but it is in "${b.input.manifest.locale}" and the interview in "${language}": it was left out.`,
          ),
          ...(shortOf.length > 0
            ? [
                `Too few matching questions for: ${shortOf.join(', ')}. Their turns move to later phases; add questions of your own to keep the plan.`,
              ]
            : []),
        ];
  return { source: 'banks', design: designOf(ranked, picks, length, language), picks, notes };
}

/** The design: each bank with picks, best first, pinned at its installed version, including only them. */
function designOf(banks: Bank[], picks: DraftPick[], length: number, language: string): PositionDesign {
  const picked = (b: Bank) => picks.filter((p) => p.pluginId === b.input.pluginId).map((p) => p.questionId);
  return PositionDesign.parse({
    banks: banks
      .filter((b) => picked(b).length > 0)
      .map((b) => ({ pluginId: b.input.pluginId, version: b.input.version, include: picked(b) })),
    length,
    language,
  });
}

const quoted = (words: string[]) => words.map((w) => `"${w}"`).join(', ');

/** Words in order, without repeats (case aside) or words inside a longer one already listed ("A/B" in "A/B tests"). */
function uniqueWords(words: string[]): string[] {
  const lower = words.map((w) => w.toLowerCase());
  const contains = (outer: string, inner: string) =>
    outer !== inner && ` ${outer.replace(/[-/]/g, ' ')} `.includes(` ${inner.replace(/[-/]/g, ' ')} `);
  return words
    .filter((_, i) => lower.indexOf(lower[i]!) === i && !lower.some((other) => contains(other, lower[i]!)))
    .slice(0, WHY_WORDS);
}

/** The job description's words a question matched, as the job description writes them. */
const wordsOf = (m: Match<unknown>, job: JobTerms) => m.terms.map((t) => job.get(t.term)!.surface);

function competencyReason(m: Match<unknown>): string {
  const matched = new Set(m.terms.map((t) => t.term));
  const names = m.q.competencies.filter((c) => [...c.terms].some((t) => matched.has(t))).map((c) => c.name);
  if (names.length === 0) return '';
  return `; ${names.length === 1 ? 'competency' : 'competencies'} ${quoted(names)}`;
}

const PHASE_REASON: Record<Phase, string> = {
  intro: 'an opening question',
  technical: 'fills the technical phase',
  behavioral: 'fills the behavioral phase',
  situational: 'fills the situational phase',
  closing: 'a closing question',
};

function pickOf(
  m: Match<Bank>,
  phase: Phase,
  ctx: { job: JobTerms; isMatch: boolean; role: RoleMatch; bankWords: string[] },
): DraftPick {
  const words = uniqueWords(wordsOf(m, ctx.job));
  const matched =
    words.length > 0 ? `matches ${quoted(words)} in the job description${competencyReason(m)}` : '';
  let why = matched;
  if (!ctx.isMatch) {
    const bank =
      ctx.role.share >= MIN_ROLE_SHARE
        ? `whose role "${ctx.role.title}" matches ${quoted(ctx.role.words)} in the job title`
        : `whose questions match ${quoted(ctx.bankWords)} in the job description`;
    why = `${PHASE_REASON[phase]} from the bank ${bank}${matched ? `; ${matched}` : ''}`;
  }
  const { pluginId } = m.bank.input;
  const { question } = m.q;
  return {
    ref: `${pluginId}/${question.id}`,
    pluginId,
    questionId: question.id,
    phase,
    text: question.text,
    competencies: m.q.competencies.map((c) => c.name),
    score: m.score,
    why,
  };
}

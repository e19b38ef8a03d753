import type { FilterQuery } from '@mikro-orm/core';
import {
  Candidate,
  emSql,
  Interview,
  type InterviewStatus,
  type PageRequest,
  paginate,
  ReportRecord,
  type TenantEm,
} from '../../db/index.ts';
import type { Evaluation, Recommendation } from '../../evaluation/index.ts';
import { readTranscript } from '../conversation/transcript.ts';
import { getInterview } from '../report/reports.ts';

export interface InterviewListItem {
  id: string;
  candidate: { id: string; name: string; email: string };
  role: { id: string; title: string };
  positionId: string | null;
  status: InterviewStatus;
  overall: number | null;
  recommendation: Recommendation | null;
  startedAt: string;
  endedAt: string | null;
}

/** The tenant's interviews, newest first by id order of creation, with score and recommendation once reported. */
export async function listInterviews(
  em: TenantEm,
  page: PageRequest & { status?: InterviewStatus | undefined; positionId?: string | undefined },
): Promise<{ items: InterviewListItem[]; nextCursor: string | null }> {
  const where: FilterQuery<Interview> = {
    ...(page.status ? { status: page.status } : {}),
    ...(page.positionId ? { positionId: page.positionId } : {}),
  };
  const result = await paginate(em, Interview, where, page);
  const ids = result.items.map((i) => i.id);
  const candidates = await em.find(Candidate, { id: { $in: result.items.map((i) => i.candidateId) } });
  const reports = await em.find(ReportRecord, { interviewId: { $in: ids } });
  const candidateOf = new Map(candidates.map((c) => [c.id, c]));
  const reportOf = new Map(reports.map((r) => [r.interviewId, r]));
  return {
    nextCursor: result.nextCursor,
    items: result.items.map((i) => {
      const c = candidateOf.get(i.candidateId)!;
      const r = reportOf.get(i.id);
      return {
        id: i.id,
        candidate: { id: c.id, name: c.name, email: c.email },
        role: { id: i.roleId, title: i.roleTitle },
        positionId: i.positionId,
        status: i.status,
        overall: r?.overall ?? null,
        // stored from a Report's recommendation
        recommendation: (r?.recommendation as Recommendation | undefined) ?? null,
        startedAt: i.startedAt.toISOString(),
        endedAt: i.endedAt?.toISOString() ?? null,
      };
    }),
  };
}

export interface InterviewTurnView {
  turn: number;
  kind: string;
  phase: string;
  questionId: string;
  question: string;
  reply: string;
  answer: string | null;
  /** null until evaluated; 0 and meaningless when `unscorable` is set */
  score: number | null;
  summary: string | null;
  /** set when the answer could not be judged: no score, for a person to review */
  unscorable: { reason: string } | null;
}

const unscorableOf = (e: Evaluation | undefined) => (e?.unscorable ? { reason: e.unscorable.reason } : null);

/** One interview as a recruiter watches it: every turn so far with its answer and score. */
export async function interviewDetail(em: TenantEm, id: string) {
  const interview = await getInterview(em, id);
  const candidate = await em.findOneOrFail(Candidate, { id: interview.candidateId });
  const turns = await readTranscript(emSql(em), interview, { evaluations: 'all' });
  return {
    interview,
    candidate: { id: candidate.id, name: candidate.name, email: candidate.email },
    turns: turns.map(
      (t): InterviewTurnView => ({
        turn: t.turn,
        kind: t.kind,
        phase: t.phase,
        questionId: t.questionId,
        question: t.prompt,
        reply: t.reply,
        answer: t.answer,
        score: t.evaluation?.score ?? null,
        summary: t.evaluation?.summary ?? null,
        unscorable: unscorableOf(t.evaluation ?? undefined),
      }),
    ),
  };
}

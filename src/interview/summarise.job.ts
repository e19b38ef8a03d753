import { LockMode } from '@mikro-orm/core';
import { z } from 'zod';
import { Answer, Interview, InterviewTurn, withTenant } from '../db/index.ts';
import { defineJob } from '../jobs/index.ts';
import { buildContext } from './conversation.ts';
import type { InterviewDeps } from './deps.ts';

/** Token budget for earlier turns in the evaluator's context; older turns go into the summary. */
export const HISTORY_BUDGET_TOKENS = 1_500;

/**
 * Fold older turns into the interview's stored conversation summary, off the answer's path (an
 * LLM summary takes seconds). The summary only ever moves forward: a stale or repeated run that
 * would not advance it changes nothing.
 */
export const summariseConversationJob = defineJob({
  name: 'interview.summarise',
  queue: 'summarising',
  schema: z.object({ tenantId: z.uuid(), interviewId: z.uuid() }),
  retry: { attempts: 3, backoffMs: 2000 },
});

export function handleSummariseConversation(deps: InterviewDeps) {
  return async (p: z.infer<typeof summariseConversationJob.schema>) => {
    const input = await withTenant(deps.orm, p.tenantId, async (em) => {
      const interview = await em.findOneOrFail(Interview, { id: p.interviewId });
      const turns = await em.find(
        InterviewTurn,
        { interviewId: p.interviewId },
        { orderBy: { turn: 'asc' } },
      );
      const answers = new Map(
        (await em.find(Answer, { interviewId: p.interviewId })).map((a) => [a.turn, a.text]),
      );
      return {
        stored: interview.summary
          ? { text: interview.summary, throughTurn: interview.summaryThroughTurn }
          : undefined,
        exchanges: turns
          .filter((t) => answers.has(t.turn))
          .map((t) => ({ turn: t.turn, questionText: t.prompt, answer: answers.get(t.turn)! })),
      };
    });
    // The summarizer (maybe an LLM) runs outside any transaction.
    const context = await buildContext({
      exchanges: input.exchanges,
      budgetTokens: HISTORY_BUDGET_TOKENS,
      summarizer: deps.summarizer,
      stored: input.stored,
    });
    if (!context.summary || context.summaryThroughTurn === undefined) return;
    const through = context.summaryThroughTurn;
    await withTenant(deps.orm, p.tenantId, async (em) => {
      const interview = await em.findOneOrFail(
        Interview,
        { id: p.interviewId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (through <= interview.summaryThroughTurn) return;
      interview.summary = context.summary!;
      interview.summaryThroughTurn = through;
      await em.flush();
    });
  };
}

import { z } from 'zod';
import { withTenantSql } from '../../db/index.ts';
import { defineJob } from '../../jobs/index.ts';
import type { InterviewDeps } from '../deps.ts';
import { buildContext } from './context.ts';
import { readTranscript } from './transcript.ts';

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

/** One summary per interview and turn: a repeated enqueue for the same turn is one job. */
export const summariseConversationJobId = (interviewId: string, turn: number) =>
  `${interviewId}:summary:${turn}`;

export function handleSummariseConversation(deps: InterviewDeps) {
  return async (p: z.infer<typeof summariseConversationJob.schema>) => {
    // Plain SQL (this job follows about one turn in seven): the stored summary and the transcript.
    const input = await withTenantSql(deps.orm, p.tenantId, async (sql) => {
      const [head] = await sql<{ summary: string | null; summary_through_turn: number }>(
        'select summary, summary_through_turn from interviews where id = ? and tenant_id = ?',
        [p.interviewId, p.tenantId],
      );
      if (!head) throw new Error(`no interview ${p.interviewId}`);
      const turns = await readTranscript(
        sql,
        { id: p.interviewId, tenantId: p.tenantId },
        { evaluations: 'none' },
      );
      return {
        stored: head.summary ? { text: head.summary, throughTurn: head.summary_through_turn } : undefined,
        exchanges: turns.flatMap((t) =>
          t.answer === null ? [] : [{ turn: t.turn, questionText: t.prompt, answer: t.answer }],
        ),
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
    // Only ever forward: a stale or repeated run that would not advance it changes nothing.
    await withTenantSql(deps.orm, p.tenantId, (sql) =>
      sql(
        `update interviews set summary = ?, summary_through_turn = ?
          where id = ? and tenant_id = ? and summary_through_turn < ?`,
        [context.summary, through, p.interviewId, p.tenantId, through],
      ),
    );
  };
}

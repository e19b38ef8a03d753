import { z } from 'zod';
import { withTenantSql } from '../db/index.ts';
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

/** One summary per interview and turn: a repeated enqueue for the same turn is one job. */
export const summariseConversationJobId = (interviewId: string, turn: number) =>
  `${interviewId}:summary:${turn}`;

export function handleSummariseConversation(deps: InterviewDeps) {
  return async (p: z.infer<typeof summariseConversationJob.schema>) => {
    // Plain SQL (this job follows about one turn in seven): the stored summary, and every answered
    // turn in order, in one statement.
    const rows = await withTenantSql(deps.orm, p.tenantId, (sql) =>
      sql<{
        summary: string | null;
        summary_through_turn: number;
        turn: number | null;
        prompt: string;
        answer: string;
      }>(
        `select i.summary, i.summary_through_turn, x.turn, x.prompt, x.answer
           from interviews i
           left join lateral (
             select t.turn, t.prompt, a.text as answer
               from interview_turns t
               join answers a on a.interview_id = t.interview_id and a.turn = t.turn
              where t.interview_id = i.id and t.tenant_id = i.tenant_id
           ) x on true
          where i.id = ? and i.tenant_id = ?
          order by x.turn`,
        [p.interviewId, p.tenantId],
      ),
    );
    const head = rows[0];
    if (!head) throw new Error(`no interview ${p.interviewId}`);
    const input = {
      stored: head.summary ? { text: head.summary, throughTurn: head.summary_through_turn } : undefined,
      exchanges: rows
        .filter((r) => r.turn !== null)
        .map((r) => ({ turn: r.turn!, questionText: r.prompt, answer: r.answer })),
    };
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

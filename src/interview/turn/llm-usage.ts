import type { LlmCall } from '../../ai/index.ts';
import { type Sql, uuidv7, withTenantSql } from '../../db/index.ts';
import type { InterviewDeps } from '../deps.ts';

/**
 * What an interview's model calls cost: one `llm_usage` row per call (its purpose, the tokens
 * the provider reported, prompt, cached and completion, its attempts and outcome), recorded as
 * soon as the calls are made, also when the turn's write is then refused: they were paid for. The
 * report shows the totals, Prometheus counts them per process.
 */

/** Totals of an interview's calls, as the report's `llmUsage` shows them. */
export interface LlmUsageTotals {
  calls: number;
  promptTokens: number;
  cachedTokens: number;
  completionTokens: number;
}

/** Record calls made for `turn` (0: the greeting) of an interview. */
export async function recordLlmCalls(
  deps: Pick<InterviewDeps, 'orm' | 'model'>,
  tenantId: string,
  interviewId: string,
  turn: number,
  calls: LlmCall[],
): Promise<void> {
  if (calls.length === 0) return;
  await withTenantSql(deps.orm, tenantId, (sql) =>
    sql(
      `insert into llm_usage (id, tenant_id, interview_id, turn, purpose, model, prompt_tokens, cached_tokens,
         completion_tokens, attempts, outcome)
       values ${calls.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      calls.flatMap((c) => [
        uuidv7(),
        tenantId,
        interviewId,
        turn,
        c.purpose,
        c.model,
        c.usage.promptTokens,
        c.usage.cachedTokens,
        c.usage.completionTokens,
        c.attempts,
        c.outcome,
      ]),
    ),
  );
  deps.model?.onCalls?.(calls);
}

/** An interview's totals; null when no model was called for it (the built-in engines). */
export async function llmUsageTotals(
  sql: Sql,
  interview: { id: string; tenantId: string },
): Promise<LlmUsageTotals | null> {
  const [row] = await sql<{ calls: number; prompt: number; cached: number; completion: number }>(
    `select count(*)::int as calls, coalesce(sum(prompt_tokens), 0)::int as prompt,
            coalesce(sum(cached_tokens), 0)::int as cached, coalesce(sum(completion_tokens), 0)::int as completion
       from llm_usage where interview_id = ? and tenant_id = ?`,
    [interview.id, interview.tenantId],
  );
  if (!row?.calls) return null;
  return {
    calls: row.calls,
    promptTokens: row.prompt,
    cachedTokens: row.cached,
    completionTokens: row.completion,
  };
}

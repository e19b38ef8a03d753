import { type AtsAdapter, RECOMMENDATION_LABELS } from '../adapter.ts';

/**
 * Lever: a signed stage-change webhook starts an interview; when it finishes, a note with the
 * score, the recommendation and the report link is added to the opportunity (Basic auth, the
 * tenant's Lever API key as user).
 */
export const leverAdapter: AtsAdapter = {
  pushes: { started: [], finished: ['lever.note'] },
  push(_kind, ctx) {
    const { report, status } = ctx.outcome;
    const lines = report
      ? [
          `AI interview ${status === 'ended' ? 'ended early' : 'completed'}: overall score ${report.overallScore}/100, recommendation: ${RECOMMENDATION_LABELS[report.recommendation]}.`,
          ...(report.provisional ? ['Some answers need a person to read them before this is acted on.'] : []),
          ...report.competencies.map((c) => `- ${c.name}: ${c.score}/100`),
          `Report: ${report.url}`,
        ]
      : ['AI interview: the candidate did not finish the interview.'];
    return {
      connectionId: ctx.connection.id,
      operation: 'notes.create',
      method: 'POST',
      url: `${ctx.urls.leverApiUrl}/opportunities/${encodeURIComponent(ctx.link.application_id ?? '')}/notes`,
      basicUser: ctx.credentials.apiKey,
      body: { value: lines.join('\n') },
    };
  },
  test(ctx) {
    return {
      connectionId: ctx.connection.id,
      operation: 'stages.list',
      method: 'GET',
      url: `${ctx.urls.leverApiUrl}/stages`,
      basicUser: ctx.credentials.apiKey,
    };
  },
};

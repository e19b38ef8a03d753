import { type AtsAdapter, type PushContext, RECOMMENDATION_LABELS } from '../adapter.ts';

/**
 * Ashby assessments: Ashby calls us (assessment.list, .start, .cancel); we report progress with
 * Ashby's assessment.update (Basic auth, the tenant's Ashby API key): "Started" when the
 * candidate begins, then the result (which completes it in Ashby) in its identifier/label/type/
 * value shape. `timestamp` is milliseconds since the epoch.
 */
const field = (identifier: string, label: string, type: string, value: string | number | boolean) => ({
  identifier,
  label,
  type,
  value,
});

function update(kind: string, ctx: PushContext) {
  const { outcome } = ctx;
  // when it happened (a push retried later still tells the time it started or ended)
  const at = (iso: string | null) => (iso ? Date.parse(iso) : Date.now());
  const base = {
    assessment_id: ctx.link.id,
    timestamp: at(kind === 'ashby.started' ? outcome.startedAt : outcome.endedAt),
  };
  if (kind === 'ashby.started')
    return { ...base, assessment_status: field('status', 'Status', 'string', 'Started') };
  const report = outcome.report;
  if (!report) {
    return {
      ...base,
      cancelled_reason: field('cancelled', 'Cancelled', 'string', 'The interview did not finish'),
    };
  }
  return {
    ...base,
    assessment_status: field(
      'status',
      'Status',
      'string',
      outcome.status === 'ended' ? 'Ended early' : 'Completed',
    ),
    assessment_result: field('score', 'Overall score', 'numeric_score', report.overallScore),
    assessment_profile_url: field('report', 'Interview report', 'url', report.url),
    metadata: [
      field('recommendation', 'Recommendation', 'string', RECOMMENDATION_LABELS[report.recommendation]),
      field('provisional', 'Needs a human review first', 'boolean_success', report.provisional),
      ...report.competencies.map((c, i) => field(`competency_${i + 1}`, c.name, 'numeric_score', c.score)),
    ],
  };
}

export const ashbyAdapter: AtsAdapter = {
  pushes: { started: ['ashby.started'], finished: ['ashby.completed'] },
  push(kind, ctx) {
    return {
      connectionId: ctx.connection.id,
      operation: 'assessment.update',
      method: 'POST',
      url: `${ctx.urls.ashbyApiUrl}/assessment.update`,
      basicUser: ctx.credentials.apiKey,
      headers: { accept: 'application/json; version=1' },
      body: update(kind, ctx),
    };
  },
  // a late "Started" after the result would read as a restart in Ashby
  superseded: (kind, outcome) => kind === 'ashby.started' && outcome.report !== null,
  refused(json) {
    if (json && typeof json === 'object' && (json as { success?: unknown }).success === false) {
      const info = (json as { errorInfo?: { code?: string; message?: string } }).errorInfo;
      return `Ashby refused: ${info?.code ?? 'error'}${info?.message ? ` (${info.message})` : ''}`;
    }
    return undefined;
  },
  test(ctx) {
    return {
      connectionId: ctx.connection.id,
      operation: 'apiKey.info',
      method: 'POST',
      url: `${ctx.urls.ashbyApiUrl}/apiKey.info`,
      basicUser: ctx.credentials.apiKey,
      headers: { accept: 'application/json; version=1' },
      body: {},
    };
  },
};

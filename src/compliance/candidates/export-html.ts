import type { CandidateExport, ExportedDelivery, ExportedInterview, ExportedTurn } from './export.ts';

/**
 * The export as one self-contained, readable HTML page (no scripts, no outside resources; the
 * route also sends a CSP that forbids both). Every value is escaped: it is the candidate's own
 * text, and text others wrote, so nothing in it may become markup.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

const text = (value: unknown) =>
  value === null || value === undefined || value === '' ? '—' : escapeHtml(value);
const json = (value: unknown) => `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;

function fields(rows: [string, unknown][]): string {
  return `<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${text(v)}</dd>`).join('')}</dl>`;
}

function table(head: string[], rows: unknown[][]): string {
  if (rows.length === 0) return '<p class="none">None.</p>';
  return `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${text(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function turn(t: ExportedTurn): string {
  const evaluation = t.evaluation
    ? `<p><strong>Score ${escapeHtml(t.evaluation.score)}/100</strong> by ${escapeHtml(t.evaluation.evaluator.name)}
       ${escapeHtml(t.evaluation.evaluator.version)} (rubric ${escapeHtml(t.evaluation.rubricId)}, ${escapeHtml(t.evaluation.at)})</p>
       <details><summary>The evaluation: criteria, rationales, evidence quotes, flags</summary>${json(t.evaluation.result)}</details>`
    : '<p class="none">Not evaluated.</p>';
  return `<section class="turn">
    <h4>Turn ${escapeHtml(t.turn)} · ${escapeHtml(t.phase)} · ${escapeHtml(t.kind)} (${escapeHtml(t.questionId)})</h4>
    <p class="who">Interviewer, ${escapeHtml(t.askedAt)}</p><blockquote>${text(t.reply)}</blockquote>
    <p class="who">Answer${t.answer ? `, ${escapeHtml(t.answer.at)}` : ''}</p>
    <blockquote>${t.answer ? text(t.answer.text) : '<span class="none">No answer.</span>'}</blockquote>
    ${evaluation}
  </section>`;
}

function interview(i: ExportedInterview): string {
  return `<article>
    <h3>Interview ${escapeHtml(i.id)}</h3>
    ${fields([
      ['Role', `${i.role.title} (${i.role.id})`],
      ['Status', i.status],
      ['Question bank', `${i.plugin.id}@${i.plugin.version}`],
      ['Position', i.position ? `${i.position.id} (design ${i.position.designVersion ?? '—'})` : null],
      ['Started', i.startedAt],
      ['Ended', i.endedAt],
      ['AI notice shown', i.aiNotice ? `${i.aiNotice.shownAt ?? ''} ${i.aiNotice.text}` : null],
      ['Conversation summary', i.conversationSummary],
      ['Closing words', i.closingReply],
      ['Self-identification held', i.selfIdentification.held ? `yes (${i.selfIdentification.at})` : 'no'],
    ])}
    <h4>Questions and answers</h4>
    ${i.turns.map(turn).join('') || '<p class="none">None.</p>'}
    <h4>Report</h4>
    ${
      i.report
        ? `${fields([
            ['Overall', i.report.overall],
            ['Recommendation', i.report.recommendation],
            ['Made', i.report.createdAt],
            ['Sent to webhooks', i.report.announcedAt],
          ])}<details><summary>The report as stored</summary>${json(i.report.report)}</details>`
        : '<p class="none">None.</p>'
    }
    <h4>Score overrides</h4>
    ${table(
      ['When', 'By', 'Competency', 'From', 'To', 'Reason'],
      i.scoreOverrides.map((o) => [
        o.at,
        o.by,
        o.competency ?? 'overall',
        o.originalScore,
        o.score,
        o.reason,
      ]),
    )}
    <h4>Review request</h4>
    ${
      i.reviewRequest
        ? fields([
            ['Requested by', i.reviewRequest.requestedBy],
            ['When', i.reviewRequest.requestedAt],
            ['Message', i.reviewRequest.message],
            ['Resolved', i.reviewRequest.resolvedAt],
            ['Resolution', i.reviewRequest.resolutionNote],
          ])
        : '<p class="none">None.</p>'
    }
  </article>`;
}

function delivery(d: ExportedDelivery): string {
  return `<article>
    <h3>${escapeHtml(d.eventType)} · ${escapeHtml(d.id)}</h3>
    ${fields([
      ['Endpoint', d.endpoint.url],
      ['Status', d.status],
      ['Created', d.createdAt],
    ])}
    <details><summary>What was sent</summary>${json(d.payload)}</details>
    ${table(
      ['Attempt', 'When', 'ms', 'Status', 'Error', 'Response (excerpt)'],
      d.attempts.map((a) => [
        a.attempt,
        a.startedAt,
        a.durationMs,
        a.responseStatus,
        a.error,
        a.responseBodyExcerpt,
      ]),
    )}
  </article>`;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:1px solid #ccc}h3{margin-top:1.5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0;white-space:pre-wrap}
blockquote{margin:.2rem 0 .8rem;padding:.4rem .8rem;background:#f5f5f5;border-left:3px solid #bbb;white-space:pre-wrap}
pre{background:#f5f5f5;padding:.6rem;overflow-x:auto;font-size:12px}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top;white-space:pre-wrap}
.none{color:#777}.who{margin:.4rem 0 0;font-size:.85rem;color:#555}article{margin-bottom:2rem}`;

export function renderExportHtml(e: CandidateExport): string {
  const c = e.candidate;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Data held about ${text(c.name)} · ${text(e.company.name)}</title><style>${STYLE}</style></head>
<body>
<h1>Data held about ${text(c.name)}</h1>
<p>Held by ${text(e.company.name)}. Exported ${text(e.exportedAt)} (${text(e.format)}).</p>
<h2>Profile</h2>
${fields([
  ['Candidate id', c.id],
  ['Name', c.name],
  ['Email', c.email],
  ['External id', c.externalId],
  ['Added', c.createdAt],
  ['Erased', c.erasedAt],
])}
<h2>Interviews</h2>
${e.interviews.map(interview).join('') || '<p class="none">None.</p>'}
<h2>Scheduled interviews</h2>
${table(
  ['Id', 'Role', 'Status', 'Scheduled', 'Expires', 'Interview', 'Link works'],
  e.schedules.map((s) => [
    s.id,
    s.role.title,
    s.status,
    s.scheduledAt,
    s.expiresAt,
    s.interviewId,
    s.linkActive ? 'yes' : 'no',
  ]),
)}
<h2>Stored answer responses</h2>
${
  e.storedResponses.length
    ? e.storedResponses.map((r) => `<h3>${text(r.scope)} · ${text(r.key)}</h3>${json(r.body)}`).join('')
    : '<p class="none">None.</p>'
}
<h2>Webhook deliveries carrying this data</h2>
${e.webhookDeliveries.map(delivery).join('') || '<p class="none">None.</p>'}
<h2>Mail sent to them</h2>
${
  e.mail.length
    ? e.mail
        .map(
          (m) =>
            `<h3>${text(m.kind)} · ${text(m.status)} · ${text(m.sentAt ?? m.createdAt)}</h3><p>To: ${text(m.to)}<br>Subject: ${text(m.subject ?? '')}</p><pre>${text(m.text ?? '')}</pre>`,
        )
        .join('')
    : '<p class="none">None.</p>'
}
<h2>Access and changes (audit log)</h2>
${table(
  ['When', 'Action', 'By (kind)', 'Target'],
  e.accessLog.map((a) => [a.at, a.action, a.actorKind, a.target]),
)}
<h2>Notes</h2>
<ul>${e.notes.map((n) => `<li>${text(n)}</li>`).join('')}</ul>
</body></html>
`;
}

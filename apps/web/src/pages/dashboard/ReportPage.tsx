import { type FormEvent, useCallback, useEffect, useState } from 'react';
import {
  ApiError,
  api,
  fieldError,
  formatDate,
  NOT_SCORED_LABEL,
  PHASE_LABELS,
  type Phase,
  RECOMMENDATION_LABELS,
  type Report,
  type ScoreOverride,
} from '../../api.ts';
import { RecommendationBadge } from '../../components/Badges.tsx';
import { CompetencyChart } from '../../components/CompetencyChart.tsx';
import { Field, FormError } from '../../components/Form.tsx';
import { Link } from '../../router.tsx';
import { roleAtLeast, useDashboard, useTitle } from '../dashboard-context.ts';

export function ReportPage({ id }: { id: string }) {
  useTitle('Report');
  const { me } = useDashboard();
  const [report, setReport] = useState<Report | null>(null);
  const [overrides, setOverrides] = useState<ScoreOverride[]>([]);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      const [r, o] = await Promise.all([api.report(id), api.overrides(id)]);
      setReport(r);
      setOverrides(o.items);
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  if (!report) {
    const notReady = error instanceof ApiError && error.code === 'report_not_ready';
    return (
      <section>
        <p className="breadcrumb">
          <Link href="/interviews">Interviews</Link> / Report
        </p>
        <h1 tabIndex={-1}>Report</h1>
        {notReady ? (
          <p className="alert info">
            The interview is still running. <Link href={`/interviews/${id}`}>Watch it live</Link>.
          </p>
        ) : error ? (
          <FormError error={error} />
        ) : (
          <p role="status">Loading…</p>
        )}
      </section>
    );
  }

  const names = new Map(report.competencies.map((c) => [c.id, c.name]));
  const competencyName = (idOrName: string) => names.get(idOrName) ?? idOrName;
  const needsReview = new Map(report.review.map((r) => [r.turn, r]));
  const transcriptOf = new Map(report.transcript.map((t) => [t.turn, t]));

  return (
    <>
      <p className="breadcrumb">
        <Link href="/interviews">Interviews</Link> / <Link href={`/interviews/${id}`}>Interview</Link> /
        Report
      </p>
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>Report: {report.role.title}</h1>
          <p className="muted">
            {report.plugin.id}@{report.plugin.version} ·{' '}
            {report.status === 'ended' ? 'ended early' : report.status} · evaluated by{' '}
            {report.evaluators.join(', ') || '—'}
          </p>
          {report.position ? (
            <p className="muted" data-testid="report-position">
              Position <Link href={`/positions/${report.position.id}`}>{report.position.title}</Link>, design
              version {report.position.designVersion}
            </p>
          ) : null}
        </div>
      </div>

      <section className="summary-grid" aria-label="Summary">
        <div className="card stat">
          <span className="stat-label">Overall score</span>
          <span className="stat-value" data-testid="overall-score">
            {Math.round(report.overall.effectiveScore)}
          </span>
          {report.overall.override ? (
            <span className="sub">
              overridden from {Math.round(report.overall.score)} by {report.overall.override.by}
            </span>
          ) : (
            <span className="sub">out of 100</span>
          )}
        </div>
        <div className="card stat">
          <span className="stat-label">Recommendation</span>
          <span className="stat-value small">
            <RecommendationBadge value={report.recommendation} />
          </span>
          {report.provisional ? (
            <span className="sub" data-testid="provisional">
              provisional: {report.review.length} answer{report.review.length === 1 ? '' : 's'} to review
            </span>
          ) : null}
          {report.evaluatedRecommendation !== report.recommendation ? (
            <span className="sub">evaluated: {RECOMMENDATION_LABELS[report.evaluatedRecommendation]}</span>
          ) : (
            <span className="sub">
              thresholds {report.thresholds.strongHire}/{report.thresholds.hire}/{report.thresholds.leanNo}
            </span>
          )}
        </div>
        <div className="card stat">
          <span className="stat-label">Coverage</span>
          <span className="stat-value small">
            {report.coverage.competenciesAssessed}/{report.coverage.competenciesInRole} competencies
          </span>
          <span className="sub">
            {report.coverage.expectedPointsCovered}/{report.coverage.expectedPointsAsked} expected points
            covered
          </span>
        </div>
      </section>

      {report.review.length > 0 ? (
        <section className="card" aria-labelledby="review-heading" data-testid="needs-review-section">
          <h2 id="review-heading">Needs review</h2>
          <p className="alert warn">
            The evaluator could not judge {report.review.length === 1 ? 'this answer' : 'these answers'}, so{' '}
            {report.review.length === 1 ? 'it was' : 'they were'} left out of every score, red flag and
            coverage figure in this report. A person should read {report.review.length === 1 ? 'it' : 'them'}{' '}
            and, if needed, adjust the scores with an override.
          </p>
          <ul className="review-list">
            {report.review.map((r) => {
              const t = transcriptOf.get(r.turn);
              return (
                <li key={r.turn}>
                  <strong>Turn {r.turn}</strong>
                  {t ? ` · ${PHASE_LABELS[t.phase as Phase] ?? t.phase}` : ''}
                  <p className="turn-q">{t?.question ?? r.questionId}</p>
                  <p>
                    <span className="needs-review-text">Not scored:</span> {r.reason}
                  </p>
                  {t?.answer ? <blockquote className="turn-a">{t.answer}</blockquote> : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="competencies-heading">
        <h2 id="competencies-heading">Competencies</h2>
        <CompetencyChart competencies={report.competencies} thresholds={report.thresholds} />
      </section>

      <div className="two-col">
        <section className="card" aria-labelledby="strengths-heading">
          <h2 id="strengths-heading">Strengths</h2>
          {report.strengths.length === 0 ? (
            <p className="muted">None stood out (no competency scored 70 or more).</p>
          ) : null}
          {report.strengths.map((s) => (
            <article key={s.competency} className="finding strength">
              <h3>{competencyName(s.competency)}</h3>
              <p>{s.summary}</p>
              <Quotes evidence={s.evidence} />
            </article>
          ))}
        </section>
        <section className="card" aria-labelledby="concerns-heading">
          <h2 id="concerns-heading">Concerns</h2>
          {report.concerns.length === 0 ? <p className="muted">No competency scored below 50.</p> : null}
          {report.concerns.map((c) => (
            <article key={c.competency} className="finding concern">
              <h3>{competencyName(c.competency)}</h3>
              <p>{c.summary}</p>
              <Quotes evidence={c.evidence} />
              {c.missing.length > 0 ? (
                <>
                  <p className="small-heading">Missed</p>
                  <ul>
                    {c.missing.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                </>
              ) : null}
            </article>
          ))}
        </section>
      </div>

      <section className="card" aria-labelledby="flags-heading">
        <h2 id="flags-heading">Red flags</h2>
        {report.redFlags.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul className="flags">
            {report.redFlags.map((f) => (
              <li key={`${f.turn}-${f.kind}-${f.detail}-${f.evidence}`}>
                <strong>{f.kind.replace(/_/g, ' ')}</strong> (turn {f.turn}): {f.detail}
                {f.evidence ? <blockquote>“{f.evidence}”</blockquote> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="overrides-heading">
        <h2 id="overrides-heading">Score overrides</h2>
        {roleAtLeast(me.role, 'recruiter') ? (
          <OverrideForm
            id={id}
            report={report}
            onSaved={(r) => {
              setReport(r);
              void api.overrides(id).then((o) => setOverrides(o.items));
            }}
          />
        ) : null}
        <h3>Audit trail</h3>
        {overrides.length === 0 ? (
          <p className="muted">No score has been overridden.</p>
        ) : (
          <div className="table-wrap">
            <table className="data" data-testid="overrides-table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Score</th>
                  <th scope="col">Change</th>
                  <th scope="col">Reason</th>
                  <th scope="col">By</th>
                </tr>
              </thead>
              <tbody>
                {overrides.map((o) => (
                  <tr key={o.id}>
                    <td data-label="When">{formatDate(o.at)}</td>
                    <td data-label="Score">{o.competency ? competencyName(o.competency) : 'Overall'}</td>
                    <td data-label="Change">
                      {o.originalScore} → {o.score}
                    </td>
                    <td data-label="Reason">{o.reason}</td>
                    <td data-label="By">{o.by}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="transcript-heading">
        <h2 id="transcript-heading">Transcript</h2>
        <details>
          <summary>Show all {report.transcript.length} turns</summary>
          <ol className="transcript">
            {report.transcript.map((t) => (
              <li key={t.turn}>
                <p className="muted">
                  Turn {t.turn} · {PHASE_LABELS[t.phase as Phase] ?? t.phase}
                  {t.kind === 'follow_up' ? ' · follow-up' : ''}
                  {t.score !== null ? ` · score ${t.score}` : ''}
                  {needsReview.has(t.turn) ? (
                    <>
                      {' · '}
                      <span className="needs-review-text">{NOT_SCORED_LABEL.toLowerCase()}</span>
                    </>
                  ) : null}
                </p>
                <p className="turn-q">{t.question}</p>
                {t.answer ? (
                  <blockquote className="turn-a">{t.answer}</blockquote>
                ) : (
                  <p className="muted">Not answered</p>
                )}
              </li>
            ))}
          </ol>
        </details>
      </section>
    </>
  );
}

function Quotes({ evidence }: { evidence: { turn: number; quote: string }[] }) {
  if (evidence.length === 0) return null;
  return (
    <ul className="quotes">
      {evidence.map((e) => (
        <li key={`${e.turn}-${e.quote}`}>
          <blockquote>“{e.quote}”</blockquote>
          <span className="sub">turn {e.turn}</span>
        </li>
      ))}
    </ul>
  );
}

function OverrideForm({ id, report, onSaved }: { id: string; report: Report; onSaved: (r: Report) => void }) {
  const [competency, setCompetency] = useState('');
  const current =
    competency === ''
      ? report.overall.effectiveScore
      : (report.competencies.find((c) => c.id === competency)?.effectiveScore ?? 0);
  const [score, setScore] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(score);
    const problems: Record<string, string> = {};
    if (score.trim() === '' || !Number.isInteger(n) || n < 0 || n > 100)
      problems['score'] = 'A whole number from 0 to 100.';
    if (reason.trim().length < 3) problems['reason'] = 'Give a reason (at least 3 characters).';
    setLocal(problems);
    setError(null);
    setSaved('');
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const res = await api.addOverride(id, {
        ...(competency ? { competency } : {}),
        score: n,
        reason: reason.trim(),
      });
      onSaved(res.report);
      setSaved('Override saved.');
      setScore('');
      setReason('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const err = (name: string) => local[name] ?? fieldError(error, name);
  return (
    <form className="override-form" onSubmit={submit} noValidate>
      <FormError error={error} />
      <div className="field-row">
        <Field id="override-competency" label="Score to override" error={err('competency')}>
          {(aria) => (
            <select {...aria} value={competency} onChange={(e) => setCompetency(e.target.value)}>
              <option value="">Overall</option>
              {report.competencies.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="override-score"
          label="New score (0–100)"
          error={err('score')}
          hint={`Currently ${Math.round(current)}`}
        >
          {(aria) => (
            <input
              {...aria}
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              step={1}
              value={score}
              onChange={(e) => setScore(e.target.value)}
            />
          )}
        </Field>
      </div>
      <Field
        id="override-reason"
        label="Reason"
        error={err('reason')}
        hint="Kept in the audit trail with your name."
      >
        {(aria) => <textarea {...aria} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <div className="row">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Save override'}
        </button>
        <span role="status" className="ok-text">
          {saved}
        </span>
      </div>
    </form>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import {
  api,
  errorMessage,
  type InterviewDetail,
  type InterviewTurn,
  NOT_SCORED_LABEL,
  PHASE_LABELS,
  type Phase,
  session,
} from '../../api.ts';
import { StatusBadge } from '../../components/Badges.tsx';
import { FormError } from '../../components/Form.tsx';
import { TurnScoresChart } from '../../components/TurnScoresChart.tsx';
import { Link } from '../../router.tsx';
import { type LiveStatus, subscribeLive } from '../../socket.ts';
import { roleAtLeast, useDashboard, useTitle } from '../dashboard-context.ts';

const POLL_MS = 2000;

function turnSummary(t: InterviewTurn): string | null {
  if (t.unscorable) {
    return `Could not be judged (${t.unscorable.reason}): left out of the report's scores; a person should review this answer.`;
  }
  return t.summary;
}

/** One interview as it happens: Socket.IO events refresh it; without the socket, the state is polled. */
export function InterviewLivePage({ id }: { id: string }) {
  const { me } = useDashboard();
  const [data, setData] = useState<InterviewDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [live, setLive] = useState<LiveStatus>('connecting');
  const [lastEvent, setLastEvent] = useState<string>('');
  const [ending, setEnding] = useState(false);
  useTitle(data ? `${data.candidate.name} · live` : 'Interview');

  const inFlight = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const refresh = useCallback(async () => {
    // Coalesce bursts of events into at most one request in flight and one queued.
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = (async () => {
      try {
        setData(await api.interview(id));
        setError(null);
      } catch (err) {
        setError(err);
      }
    })();
    await inFlight.current;
    inFlight.current = null;
    if (again.current) {
      again.current = false;
      await refresh();
    }
  }, [id]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const status = data?.status;
  useEffect(() => {
    const token = session.token;
    if (!token) return;
    return subscribeLive({
      token,
      interviewId: id,
      onEvent: (name, payload) => {
        // the reply's pieces as it is written: the transcript shows the whole reply once it is asked
        if (name === 'interview.reply.delta') return;
        setLastEvent(
          name === 'interview.evaluated'
            ? payload.unscorable
              ? `Turn ${payload.turn} not scored: needs review`
              : `Turn ${payload.turn} scored ${payload.score}`
            : name === 'interview.turn'
              ? `Turn ${payload.turn} asked`
              : name === 'interview.completed'
                ? 'Interview finished'
                : 'Report ready',
        );
        void refresh();
      },
      onStatus: (s) => {
        setLive(s);
        if (s === 'live') void refresh(); // catch up on anything missed while disconnected
      },
    });
  }, [id, refresh]);

  // Fallback: poll the live state every 2 s and reload the view when it moved.
  const signature = data
    ? `${data.state.status}:${data.state.turn}:${data.state.answered}:${data.state.lastEvaluated?.turn}`
    : '';
  const sigRef = useRef(signature);
  sigRef.current = signature;
  useEffect(() => {
    if (live !== 'offline' || status !== 'in_progress') return;
    const timer = window.setInterval(async () => {
      try {
        const s = await api.interviewState(id);
        const sig = `${s.status}:${s.turn}:${s.answered}:${s.lastEvaluated?.turn}`;
        if (sig !== sigRef.current) void refresh();
      } catch {
        // keep polling; the error shows on the next full refresh
      }
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [live, status, id, refresh]);

  const end = async () => {
    if (!window.confirm('End this interview now? The report covers the answers given so far.')) return;
    setEnding(true);
    try {
      await api.endInterview(id);
      await refresh();
    } catch (err) {
      setError(err);
    } finally {
      setEnding(false);
    }
  };

  if (!data) {
    return (
      <section>
        <h1 tabIndex={-1}>Interview</h1>
        {error ? <FormError error={error} /> : <p role="status">Loading…</p>}
      </section>
    );
  }

  const { state } = data;
  const pct = state.totalTurns > 0 ? Math.round((state.answered / state.totalTurns) * 100) : 0;
  const finished = data.status !== 'in_progress';

  return (
    <>
      <p className="breadcrumb">
        <Link href="/interviews">Interviews</Link> / {data.candidate.name}
      </p>
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>{data.candidate.name}</h1>
          <p className="muted">
            {data.candidate.email} · {data.role.title} · {data.plugin.id}@{data.plugin.version}
          </p>
        </div>
        <div className="row">
          <StatusBadge value={data.status} />
          {finished ? (
            <Link className="button" href={`/interviews/${id}/report`}>
              Open the report
            </Link>
          ) : roleAtLeast(me.role, 'recruiter') ? (
            <button type="button" className="button danger" onClick={end} disabled={ending}>
              End interview
            </button>
          ) : null}
        </div>
      </div>

      <section className="card" aria-labelledby="progress-heading">
        <div className="section-head">
          <h2 id="progress-heading">Progress</h2>
          <span className={`live-dot ${live}`}>
            {live === 'live' ? 'Live' : live === 'offline' ? 'Updating every 2 s' : 'Connecting…'}
          </span>
        </div>
        <div
          className="progress"
          role="progressbar"
          aria-label="Questions answered"
          aria-valuemin={0}
          aria-valuemax={state.totalTurns}
          aria-valuenow={state.answered}
          aria-valuetext={`${state.answered} of ${state.totalTurns} answered`}
        >
          <span style={{ width: `${pct}%` }} />
        </div>
        <p>
          {state.answered} of {state.totalTurns} answered
          {state.phase ? ` · ${PHASE_LABELS[state.phase as Phase] ?? state.phase} phase` : ''} · difficulty{' '}
          {state.difficulty}/5
        </p>
        <TurnScoresChart turns={data.turns} totalTurns={state.totalTurns} />
        <p className="sr-only" aria-live="polite">
          {lastEvent}
        </p>
        {error ? <p className="alert error">{errorMessage(error)}</p> : null}
      </section>

      <section aria-labelledby="turns-heading">
        <h2 id="turns-heading">Turns</h2>
        <ol className="turns">
          {data.turns.map((t) => {
            const summary = turnSummary(t);
            return (
              <li key={t.turn} className="card turn">
                <div className="turn-head">
                  <span className="turn-no">Turn {t.turn}</span>
                  <span className="muted">
                    {PHASE_LABELS[t.phase as Phase] ?? t.phase}
                    {t.kind === 'follow_up' ? ' · follow-up' : ''}
                  </span>
                  {t.unscorable ? (
                    <span
                      className="score-pill needs-review"
                      title={`Could not be judged: ${t.unscorable.reason}`}
                      data-testid="needs-review"
                    >
                      {NOT_SCORED_LABEL}
                    </span>
                  ) : t.score !== null ? (
                    <span className="score-pill">
                      <span className="sr-only">Score </span>
                      {t.score}
                      <span className="sr-only"> of 100</span>
                    </span>
                  ) : t.answer ? (
                    <span className="muted">Evaluating…</span>
                  ) : null}
                </div>
                <p className="turn-q">
                  <span className="sr-only">Question: </span>
                  {t.question}
                </p>
                {t.answer ? (
                  <blockquote className="turn-a">
                    <span className="sr-only">Answer: </span>
                    {t.answer}
                  </blockquote>
                ) : (
                  <p className="muted">Waiting for the answer…</p>
                )}
                {summary ? <p className="turn-summary">{summary}</p> : null}
              </li>
            );
          })}
        </ol>
      </section>
    </>
  );
}

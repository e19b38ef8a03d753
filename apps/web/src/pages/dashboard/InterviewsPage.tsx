import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, api, formatDate, type Position, type Schedule, session } from '../../api.ts';
import { RecommendationBadge, StatusBadge } from '../../components/Badges.tsx';
import { FormError } from '../../components/Form.tsx';
import { ListFooter } from '../../components/ListFooter.tsx';
import { MailStatusBadge } from '../../components/MailStatus.tsx';
import { Link } from '../../router.tsx';
import { type LiveStatus, subscribeLive } from '../../socket.ts';
import { fromLocalInput, toLocalInput } from '../../time.ts';
import { roleAtLeast, useDashboard, useTitle } from '../dashboard-context.ts';
import { PROVIDERS } from './integrations/ats-providers.ts';
import { usePaged } from './usePaged.ts';

const INTERVIEW_STATUSES = [
  ['', 'All'],
  ['in_progress', 'In progress'],
  ['completed', 'Completed'],
  ['ended', 'Ended early'],
] as const;

const SCHEDULE_STATUSES = [
  ['', 'All'],
  ['scheduled', 'Scheduled'],
  ['started', 'Started'],
  ['completed', 'Completed'],
  ['expired', 'Expired'],
  ['cancelled', 'Cancelled'],
] as const;

/** The status filter above a list: every option, "All" first. */
function StatusFilter({
  value,
  onChange,
  options,
}: {
  value: string;
  onChange: (value: string) => void;
  options: readonly (readonly [string, string])[];
}) {
  return (
    <label className="inline-field">
      Status
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The position filter above the interviews: every position of the tenant, "All positions" first. */
function PositionFilter({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const [positions, setPositions] = useState<Position[]>([]);
  useEffect(() => {
    let live = true;
    api.positions({ limit: 200 }).then(
      (page) => live && setPositions(page.items),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  if (positions.length === 0 && !value) return null;
  return (
    <label className="inline-field">
      Position
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All positions</option>
        {value && !positions.some((p) => p.id === value) ? (
          <option value={value}>This position</option>
        ) : null}
        {positions.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
            {p.status === 'closed' ? ' (closed)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

export function InterviewsPage() {
  useTitle('Interviews');
  const { me } = useDashboard();
  const canSchedule = roleAtLeast(me.role, 'recruiter');
  return (
    <>
      <div className="page-head">
        <h1 tabIndex={-1}>Interviews</h1>
        {canSchedule ? (
          <Link href="/schedule" className="button">
            Schedule an interview
          </Link>
        ) : null}
      </div>
      <InterviewList />
      <ScheduleList canEdit={canSchedule} />
    </>
  );
}

function InterviewList() {
  const [status, setStatus] = useState('');
  // `/interviews?positionId=…` (from the positions list) starts filtered
  const [positionId, setPositionId] = useState(
    () => new URLSearchParams(window.location.search).get('positionId') ?? '',
  );
  const list = usePaged(
    (cursor) => api.interviews({ status, positionId: positionId || undefined, limit: 25, cursor }),
    `${status}|${positionId}`,
  );
  const [live, setLive] = useState<LiveStatus>('connecting');
  const reloadRef = useRef(list.reload);
  reloadRef.current = list.reload;

  // Staff sockets are in the tenant's room: any interview event refreshes the list.
  useEffect(() => {
    const token = session.token;
    if (!token) return;
    let timer: number | undefined;
    const stop = subscribeLive({
      token,
      onEvent: () => {
        window.clearTimeout(timer);
        timer = window.setTimeout(() => void reloadRef.current(true), 300);
      },
      onStatus: setLive,
    });
    return () => {
      window.clearTimeout(timer);
      stop();
    };
  }, []);

  // Without the socket, poll.
  useEffect(() => {
    if (live !== 'offline') return;
    const id = window.setInterval(() => void reloadRef.current(true), 10_000);
    return () => window.clearInterval(id);
  }, [live]);

  return (
    <section className="card" aria-labelledby="interviews-heading">
      <div className="section-head">
        <h2 id="interviews-heading">Interviews</h2>
        <span className={`live-dot ${live}`}>
          {live === 'live' ? 'Live' : live === 'offline' ? 'Refreshing every 10 s' : 'Connecting…'}
        </span>
        <PositionFilter value={positionId} onChange={setPositionId} />
        <StatusFilter value={status} onChange={setStatus} options={INTERVIEW_STATUSES} />
      </div>
      {list.error ? <FormError error={list.error} /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <p className="empty">{status || positionId ? 'No interview matches.' : 'No interviews yet.'}</p>
      ) : null}
      {list.items.length > 0 ? (
        <div className="table-wrap">
          <table className="data" data-testid="interviews-table">
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Score</th>
                <th scope="col">Recommendation</th>
                <th scope="col">Started</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((i) => (
                <tr key={i.id} data-interview-id={i.id}>
                  <td data-label="Candidate">
                    <strong>{i.candidate.name}</strong>
                    <span className="sub">{i.candidate.email}</span>
                  </td>
                  <td data-label="Role">{i.role.title}</td>
                  <td data-label="Status">
                    <StatusBadge value={i.status} />
                  </td>
                  <td data-label="Score">{i.overall === null ? '—' : Math.round(i.overall)}</td>
                  <td data-label="Recommendation">
                    <RecommendationBadge value={i.recommendation} />
                  </td>
                  <td data-label="Started">{formatDate(i.startedAt)}</td>
                  <td className="actions">
                    {i.status === 'in_progress' ? (
                      <Link
                        href={`/interviews/${i.id}`}
                        aria-label={`Watch ${i.candidate.name}'s interview live`}
                      >
                        Watch live
                      </Link>
                    ) : (
                      <Link href={`/interviews/${i.id}/report`} aria-label={`Report for ${i.candidate.name}`}>
                        Report
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ListFooter loading={list.loading} hasMore={list.hasMore} more={list.more} />
    </section>
  );
}

function ScheduleList({ canEdit }: { canEdit: boolean }) {
  const [status, setStatus] = useState('scheduled');
  const list = usePaged((cursor) => api.schedules({ status, limit: 25, cursor }), status);
  const [editing, setEditing] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [actionMessage, setActionMessage] = useState('');
  const unavailable =
    list.error instanceof ApiError && (list.error.status === 404 || list.error.status === 403);

  const replace = (s: Schedule) =>
    list.setItems((items) => items.map((x) => (x.id === s.id ? { ...x, ...s } : x)));

  const resend = async (s: Schedule) => {
    setActionError(null);
    setActionMessage('');
    try {
      const res = await api.resendInvitation(s.id);
      replace(res.schedule);
      setActionMessage(
        `Invitation to ${s.candidate.email} queued${res.newLink ? ' with a new link (the old one no longer works)' : ''}.`,
      );
    } catch (err) {
      setActionError(err);
    }
  };

  const cancel = async (s: Schedule) => {
    if (
      !window.confirm(
        `Cancel the interview with ${s.candidate.name || s.candidate.email}? The link stops working.`,
      )
    )
      return;
    setActionError(null);
    try {
      const updated = await api.cancelSchedule(s.id);
      if (updated && typeof updated === 'object' && 'id' in updated) replace(updated);
      else void list.reload(true);
    } catch (err) {
      setActionError(err);
    }
  };

  return (
    <section className="card" aria-labelledby="schedules-heading">
      <div className="section-head">
        <h2 id="schedules-heading">Scheduled interviews</h2>
        <StatusFilter value={status} onChange={setStatus} options={SCHEDULE_STATUSES} />
      </div>
      {unavailable ? (
        <p className="muted">Scheduled interviews are not available on this server yet.</p>
      ) : list.error ? (
        <FormError error={list.error} />
      ) : null}
      <FormError error={actionError} />
      <p role="status" className="ok-text">
        {actionMessage}
      </p>
      {!list.loading && !list.error && list.items.length === 0 ? (
        <p className="empty">Nothing here. Scheduled interviews appear once you send a link.</p>
      ) : null}
      {list.items.length > 0 ? (
        <div className="table-wrap">
          <table className="data" data-testid="schedules-table">
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Role</th>
                <th scope="col">Scheduled</th>
                <th scope="col">Link expires</th>
                <th scope="col">Status</th>
                <th scope="col">Invitation</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((s) => (
                <tr key={s.id}>
                  <td data-label="Candidate">
                    <strong>{s.candidate.name || s.candidate.email}</strong>
                    {s.candidate.name ? <span className="sub">{s.candidate.email}</span> : null}
                  </td>
                  <td data-label="Role">
                    {s.role.title}
                    {s.ats ? <span className="sub">via {PROVIDERS[s.ats.provider].label}</span> : null}
                  </td>
                  <td data-label="Scheduled">{formatDate(s.scheduledAt)}</td>
                  <td data-label="Link expires">{formatDate(s.expiresAt)}</td>
                  <td data-label="Status">
                    <StatusBadge value={s.status} />
                  </td>
                  <td data-label="Invitation">
                    {s.invitation ? (
                      <MailStatusBadge
                        status={s.invitation.status}
                        at={s.invitation.at}
                        error={s.invitation.error}
                      />
                    ) : (
                      <span className="muted">Not emailed</span>
                    )}
                    {s.reminder && s.reminder.status !== 'cancelled' ? (
                      <span className="sub">
                        Reminder:{' '}
                        {s.reminder.status === 'queued'
                          ? `due ${formatDate(s.reminder.at)}`
                          : s.reminder.status}
                      </span>
                    ) : null}
                  </td>
                  <td className="actions">
                    {s.interviewId ? (
                      <Link
                        href={
                          s.status === 'started'
                            ? `/interviews/${s.interviewId}`
                            : `/interviews/${s.interviewId}/report`
                        }
                      >
                        {s.status === 'started' ? 'Watch live' : 'Report'}
                      </Link>
                    ) : null}
                    {s.status === 'scheduled' && canEdit ? (
                      <>
                        <button type="button" className="button secondary small" onClick={() => resend(s)}>
                          {s.invitation ? 'Resend invitation' : 'Email invitation'}{' '}
                          <span className="sr-only">to {s.candidate.email}</span>
                        </button>
                        <button
                          type="button"
                          className="button secondary small"
                          aria-expanded={editing === s.id}
                          onClick={() => setEditing(editing === s.id ? null : s.id)}
                        >
                          Reschedule
                        </button>
                        <button type="button" className="button danger small" onClick={() => cancel(s)}>
                          Cancel
                        </button>
                      </>
                    ) : null}
                    {editing === s.id ? (
                      <RescheduleForm
                        schedule={s}
                        onDone={(updated) => {
                          if (updated) replace(updated);
                          setEditing(null);
                        }}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ListFooter loading={list.loading && !unavailable} hasMore={list.hasMore} more={list.more} />
    </section>
  );
}

function RescheduleForm({ schedule, onDone }: { schedule: Schedule; onDone: (s: Schedule | null) => void }) {
  const [scheduledAt, setScheduledAt] = useState(toLocalInput(schedule.scheduledAt));
  const [expiresAt, setExpiresAt] = useState(toLocalInput(schedule.expiresAt));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const id = `resched-${schedule.id}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body: { scheduledAt?: string; expiresAt?: string } = {};
    const at = fromLocalInput(scheduledAt);
    const exp = fromLocalInput(expiresAt);
    if (at && at !== new Date(schedule.scheduledAt).toISOString()) body.scheduledAt = at;
    if (exp && exp !== new Date(schedule.expiresAt).toISOString()) body.expiresAt = exp;
    if (!body.scheduledAt && !body.expiresAt) {
      onDone(null);
      return;
    }
    try {
      onDone(await api.reschedule(schedule.id, body));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const fe = (name: string) => (error instanceof ApiError ? error.field(name) : undefined);
  return (
    <form className="reschedule" onSubmit={submit}>
      <FormError error={error} />
      <label htmlFor={`${id}-at`}>New date and time</label>
      <input
        id={`${id}-at`}
        type="datetime-local"
        value={scheduledAt}
        onChange={(e) => setScheduledAt(e.target.value)}
        aria-invalid={fe('scheduledAt') ? true : undefined}
      />
      {fe('scheduledAt') ? <p className="field-error">{fe('scheduledAt')}</p> : null}
      <label htmlFor={`${id}-exp`}>Link expires</label>
      <input
        id={`${id}-exp`}
        type="datetime-local"
        value={expiresAt}
        onChange={(e) => setExpiresAt(e.target.value)}
        aria-invalid={fe('expiresAt') ? true : undefined}
      />
      {fe('expiresAt') ? <p className="field-error">{fe('expiresAt')}</p> : null}
      <div className="row">
        <button type="submit" className="button small" disabled={busy}>
          Save
        </button>
        <button type="button" className="button secondary small" onClick={() => onDone(null)}>
          Close
        </button>
      </div>
    </form>
  );
}

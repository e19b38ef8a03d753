import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, api, fieldError, formatDate, type Position, type ScheduleCreated } from '../../api.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { Field, FormError } from '../../components/Form.tsx';
import { Link } from '../../router.tsx';
import { fromLocalInput, soon, toLocalInput } from '../../time.ts';
import { useTitle } from '../dashboard-context.ts';

interface RoleChoice {
  id: string;
  title: string;
  plugin: string;
}

/** Roles offered by the tenant's installed question banks (any role may list them). */
function useRoleChoices() {
  const [roles, setRoles] = useState<RoleChoice[] | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  useEffect(() => {
    let live = true;
    api.roles().then(
      (page) => {
        if (!live) return;
        const seen = new Set<string>();
        const out: RoleChoice[] = [];
        for (const r of page.items) {
          if (seen.has(r.id)) continue;
          seen.add(r.id);
          out.push({ id: r.id, title: r.title, plugin: r.plugin.name });
        }
        out.sort((a, b) => a.title.localeCompare(b.title));
        setRoles(out);
      },
      () => live && setUnavailable(true),
    );
    return () => {
      live = false;
    };
  }, []);
  return { roles, unavailable };
}

/** The open positions, to schedule an interview on a position's design instead of a bank's role. */
function useOpenPositions() {
  const [positions, setPositions] = useState<Position[] | null>(null);
  useEffect(() => {
    let live = true;
    api.positions({ status: 'open', limit: 200 }).then(
      (page) => live && setPositions(page.items),
      () => live && setPositions([]),
    );
    return () => {
      live = false;
    };
  }, []);
  return positions;
}

export function SchedulePage() {
  useTitle('Schedule an interview');
  const { roles, unavailable } = useRoleChoices();
  const positions = useOpenPositions();
  const [candidateEmail, setEmail] = useState('');
  const [candidateName, setName] = useState('');
  const [role, setRole] = useState('');
  const [scheduledAt, setScheduledAt] = useState(() => toLocalInput(soon()));
  const [expiresAt, setExpiresAt] = useState('');
  // the dashboard emails the link by default; the API's default is not to (callers may send it themselves)
  const [sendInvitation, setSendInvitation] = useState(true);
  // `/schedule?positionId=…` (from a position) preselects it
  const [positionId, setPositionId] = useState(
    () => new URLSearchParams(window.location.search).get('positionId') ?? '',
  );
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<ScheduleCreated | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (roles && roles.length > 0 && !role) setRole(roles[0]!.id);
  }, [roles, role]);

  useEffect(() => {
    if (created) resultHeading.current?.focus();
  }, [created]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    const at = fromLocalInput(scheduledAt);
    const exp = fromLocalInput(expiresAt);
    if (!candidateEmail.trim()) problems['candidateEmail'] = 'Enter the candidate’s email address.';
    if (!positionId && !role.trim())
      problems['role'] =
        roles || unavailable ? 'Choose a role.' : 'The roles are still loading: try again in a moment.';
    if (!at) problems['scheduledAt'] = 'Choose a date and time.';
    else if (new Date(at).getTime() <= Date.now()) problems['scheduledAt'] = 'Choose a time in the future.';
    if (expiresAt && !exp) problems['expiresAt'] = 'Choose a valid date and time.';
    else if (exp && at && exp <= at) problems['expiresAt'] = 'The link must expire after the scheduled time.';
    setLocal(problems);
    setError(null);
    if (Object.keys(problems).length > 0) {
      document.getElementById(`schedule-${Object.keys(problems)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const res = await api.schedule({
        candidateEmail: candidateEmail.trim(),
        ...(candidateName.trim() ? { candidateName: candidateName.trim() } : {}),
        ...(positionId ? { positionId } : { role: role.trim() }),
        scheduledAt: at!,
        ...(exp ? { expiresAt: exp } : {}),
        sendInvitation,
      });
      setCreated(res);
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.errors[0]) {
        const name = err.errors[0].path.replace(/^\/body\//, '').split('/')[0];
        document.getElementById(`schedule-${name}`)?.focus();
      }
    } finally {
      setBusy(false);
    }
  };

  const err = (name: string) => local[name] ?? fieldError(error, name);
  const position = positions?.find((p) => p.id === positionId);

  if (created) {
    return (
      <section className="card narrow">
        <h1 tabIndex={-1} ref={resultHeading}>
          Interview scheduled
        </h1>
        <p>
          {created.invitation ? 'The candidate is emailed this link' : 'Send this link'} to{' '}
          {candidateName.trim() || candidateEmail}.
          {position ? ` The interview is for the position ${position.title}.` : ''} It is scheduled for{' '}
          <strong>{formatDate(created.scheduledAt)}</strong>; the link expires{' '}
          <strong>{formatDate(created.expiresAt)}</strong>.
        </p>
        {created.invitation ? (
          <p className="alert info" role="status">
            An invitation with this link is on its way to {candidateEmail}, with a reminder before the link
            expires. Its delivery shows in the list of scheduled interviews.
          </p>
        ) : null}
        <p className="alert warn">The link is shown only now: copy it before leaving this page.</p>
        <div className="field">
          <label htmlFor="join-url">Join link</label>
          <div className="copy-row">
            <input
              id="join-url"
              type="text"
              readOnly
              value={created.joinUrl}
              onFocus={(e) => e.target.select()}
            />
            <CopyButton text={created.joinUrl} label="Copy link" />
          </div>
        </div>
        <div className="row">
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setCreated(null);
              setEmail('');
              setName('');
              setScheduledAt(toLocalInput(soon()));
            }}
          >
            Schedule another
          </button>
          <Link href="/interviews" className="button secondary">
            Back to interviews
          </Link>
        </div>
      </section>
    );
  }

  return (
    <section className="card narrow">
      <h1 tabIndex={-1}>Schedule an interview</h1>
      <p className="muted">
        The candidate gets a personal link; an AI interviewer conducts and scores the interview.
      </p>
      <form onSubmit={submit} noValidate>
        <FormError error={error} />
        <Field id="schedule-candidateEmail" label="Candidate email" error={err('candidateEmail')}>
          {(aria) => (
            <input
              {...aria}
              type="email"
              autoComplete="off"
              required
              value={candidateEmail}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field id="schedule-candidateName" label="Candidate name (optional)" error={err('candidateName')}>
          {(aria) => (
            <input
              {...aria}
              type="text"
              autoComplete="off"
              value={candidateName}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Field
          id="schedule-positionId"
          label="Position"
          error={err('positionId')}
          hint={
            positions && positions.length === 0
              ? 'No open position: the interview uses a role from your question banks.'
              : 'A position runs its own interview design; without one, choose a role.'
          }
        >
          {(aria) => (
            <select {...aria} value={positionId} onChange={(e) => setPositionId(e.target.value)}>
              <option value="">No position: choose a role</option>
              {positionId && positions && !position ? (
                <option value={positionId}>This position is not open</option>
              ) : null}
              {positions?.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                  {p.department ? ` — ${p.department}` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        {positionId ? null : (
          <Field
            id="schedule-role"
            label="Role"
            error={err('role')}
            hint={
              unavailable
                ? 'Type a role id or title from your question banks (only admins can list them).'
                : roles && roles.length === 0
                  ? 'No question bank is installed: install one under Question banks.'
                  : undefined
            }
          >
            {(aria) =>
              unavailable ? (
                <input
                  {...aria}
                  type="text"
                  required
                  value={role}
                  onChange={(e) => setRole(e.target.value)}
                />
              ) : (
                <select
                  {...aria}
                  required
                  value={role}
                  onChange={(e) => setRole(e.target.value)}
                  disabled={!roles}
                >
                  {!roles ? <option value="">Loading roles…</option> : null}
                  {roles?.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.title} — {r.plugin}
                    </option>
                  ))}
                </select>
              )
            }
          </Field>
        )}
        <div className="field-row">
          <Field
            id="schedule-scheduledAt"
            label="Date and time"
            error={err('scheduledAt')}
            hint={`Your time zone: ${Intl.DateTimeFormat().resolvedOptions().timeZone}`}
          >
            {(aria) => (
              <input
                {...aria}
                type="datetime-local"
                required
                value={scheduledAt}
                onChange={(e) => setScheduledAt(e.target.value)}
              />
            )}
          </Field>
          <Field
            id="schedule-expiresAt"
            label="Link expires (optional)"
            error={err('expiresAt')}
            hint="Leave empty for the default."
          >
            {(aria) => (
              <input
                {...aria}
                type="datetime-local"
                value={expiresAt}
                onChange={(e) => setExpiresAt(e.target.value)}
              />
            )}
          </Field>
        </div>
        <div className="field checkbox">
          <label htmlFor="schedule-sendInvitation">
            <input
              id="schedule-sendInvitation"
              type="checkbox"
              checked={sendInvitation}
              onChange={(e) => setSendInvitation(e.target.checked)}
            />{' '}
            Email the invitation to the candidate
          </label>
          <p className="hint">
            With the link, the time, your branding and the AI notice; a reminder follows a day before the link
            expires if it is still unused.
          </p>
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Scheduling…' : 'Schedule and get the link'}
        </button>
      </form>
    </section>
  );
}

import { type FormEvent, useEffect, useId, useState } from 'react';
import {
  type ApiKey,
  type AuditAction,
  type AuditEvent,
  type AuditFilters,
  type AuditPerDay,
  api,
  formatDate,
  type User,
} from '../../api.ts';
import { AuditActivityChart, shortDay } from '../../components/AuditActivityChart.tsx';
import { FormError } from '../../components/Form.tsx';
import { ListFooter } from '../../components/ListFooter.tsx';
import { toLocalInput } from '../../time.ts';
import { roleAtLeast, useDashboard, useTitle } from '../dashboard-context.ts';
import { usePaged } from './usePaged.ts';

const PAGE_SIZE = 25;
/** The chart's window when no "from" is given: this many days up to "to" (or today). */
const CHART_DAYS = 30;
/** The chart draws at most this many days: the last ones of a longer window. */
const CHART_MAX_DAYS = 366;

/** Every action, as the dashboard names it (the API's list: a new action fails the type check here). */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'report.viewed': 'Report viewed',
  'score.overridden': 'Score overridden',
  'review.requested': 'Human review requested',
  'review.resolved': 'Human review resolved',
  'candidate.exported': 'Candidate data exported',
  'candidate.erased': 'Candidate data erased',
  'adverse_impact.viewed': 'Adverse-impact report viewed',
  'schedule.notice_overridden': 'Notice lead time overridden',
  'user.invited': 'Member invited',
  'user.invitation_accepted': 'Invitation accepted (password chosen)',
  'user.password_reset': 'Password reset by email',
  'mail_template.changed': 'Mail template changed',
  'schedule.invitation_resent': 'Invitation sent again',
  'user.role_changed': 'Role changed',
  'user.removed': 'Member removed',
  'api_key.created': 'API key created',
  'api_key.revoked': 'API key revoked',
  'webhook.created': 'Webhook added',
  'webhook.changed': 'Webhook changed',
  'webhook.deleted': 'Webhook deleted',
  'plugin.installed': 'Question bank installed',
  'plugin.pinned': 'Question bank version pinned',
  'plugin.uninstalled': 'Question bank uninstalled',
  'position.created': 'Position created',
  'position.changed': 'Position changed',
  'billing.plan_changed': 'Plan changed',
  'tenant.exported': 'Company data exported',
  'tenant.settings_changed': 'Settings changed',
  'tenant.deletion_requested': 'Deletion of the organisation requested',
  'tenant.deletion_cancelled': 'Organisation restored',
  'ats.connected': 'ATS connected',
  'ats.connection_changed': 'ATS connection changed',
  'ats.credentials_rotated': 'ATS credentials replaced',
  'ats.inbound_key_rotated': 'ATS key rotated',
  'ats.disconnected': 'ATS disconnected',
};
const actionLabel = (action: string) => AUDIT_ACTION_LABELS[action as AuditAction] ?? action;

const ACTOR_KINDS: Record<string, string> = {
  user: 'Team member',
  api_key: 'API key',
  candidate: 'Candidate',
  system: 'System',
  stripe: 'Stripe',
};

interface Filters {
  action: AuditAction | '';
  actorId: string;
  target: string;
  /** local calendar days (YYYY-MM-DD), both inclusive */
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { action: '', actorId: '', target: '', from: '', to: '' };

/** The first instant of a local calendar day, `plus` days later. */
function dayStart(day: string, plus = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plus);
}

const dayOf = (date: Date) => toLocalInput(date).slice(0, 10);

/** The API's filters: local days become instants, `to` the first instant after its day. */
function apiFilters(f: Filters, from = f.from, to = f.to): AuditFilters {
  return {
    action: f.action || undefined,
    actorId: f.actorId || undefined,
    target: f.target.trim() || undefined,
    from: from ? dayStart(from).toISOString() : undefined,
    to: to ? dayStart(to, 1).toISOString() : undefined,
  };
}

/** The chart's days: the filter's window, or the last 30 days up to its end; 1 to 366 of them. */
function chartDays(f: Filters): string[] {
  const last = f.to || dayOf(new Date());
  let first = f.from || dayOf(dayStart(last, 1 - CHART_DAYS));
  if (dayStart(first) < dayStart(last, 1 - CHART_MAX_DAYS)) first = dayOf(dayStart(last, 1 - CHART_MAX_DAYS));
  if (dayStart(first) > dayStart(last)) first = last; // from after to: the list says so
  const days: string[] = [];
  for (let d = dayStart(first); d <= dayStart(last); d = dayStart(dayOf(d), 1)) days.push(dayOf(d));
  return days;
}

/** The tenant's audit log (admins and owners): who did what, when and from where. */
export function AuditPage() {
  useTitle('Audit log');
  const { me } = useDashboard();
  if (!roleAtLeast(me.role, 'admin')) {
    return (
      <>
        <div className="page-head">
          <h1 tabIndex={-1}>Audit log</h1>
        </div>
        <p className="alert info">The audit log is for admins and owners.</p>
      </>
    );
  }
  return <AuditView />;
}

function AuditView() {
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const key = JSON.stringify(applied);
  const list = usePaged((cursor) => api.audit({ ...apiFilters(applied), limit: PAGE_SIZE, cursor }), key);
  const days = chartDays(applied);
  const [perDay, setPerDay] = useState<AuditPerDay | null>(null);
  const [chartError, setChartError] = useState<unknown>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the applied filters
  useEffect(() => {
    let live = true;
    setChartError(null);
    api.auditPerDay(apiFilters(applied, days[0], days.at(-1))).then(
      (r) => live && setPerDay(r),
      (err) => {
        if (!live) return;
        setPerDay(null);
        setChartError(err);
      },
    );
    return () => {
      live = false;
    };
  }, [key]);

  const apply = (f: Filters) => {
    setDraft(f);
    setApplied(f);
  };
  const filtered = JSON.stringify(applied) !== JSON.stringify(NO_FILTERS);

  return (
    <>
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>Audit log</h1>
          <p className="muted">
            Who did what, when and from where: reports viewed, exports and erasures, score overrides, team,
            API key, webhook, question bank, position and plan changes. Entries cannot be changed or deleted.
          </p>
        </div>
      </div>

      <FilterForm
        draft={draft}
        onDraft={setDraft}
        onSubmit={() => setApplied({ ...draft })}
        onClear={filtered ? () => apply(NO_FILTERS) : undefined}
      />

      <section className="card" aria-labelledby="audit-activity-heading">
        <div className="section-head">
          <h2 id="audit-activity-heading">Activity</h2>
          <span className="muted">
            Entries per day, {shortDay(days[0]!)} – {shortDay(days.at(-1)!)}
          </span>
        </div>
        <FormError error={chartError} />
        {perDay ? <AuditActivityChart days={days} counts={perDay.items} label={actionLabel} /> : null}
      </section>

      <section className="card" aria-labelledby="audit-entries-heading">
        <div className="section-head">
          <h2 id="audit-entries-heading">Entries</h2>
          <span className="muted">Newest first</span>
        </div>
        <FormError error={list.error} />
        {!list.loading && !list.error && list.items.length === 0 ? (
          <p className="empty">{filtered ? 'No entry matches.' : 'Nothing recorded yet.'}</p>
        ) : null}
        {list.items.length > 0 ? (
          <EntryTable
            items={list.items}
            onTarget={(target) => apply({ ...applied, target })}
            onActor={(actorId) => apply({ ...applied, actorId })}
          />
        ) : null}
        <ListFooter loading={list.loading} hasMore={list.hasMore} more={list.more} />
      </section>
    </>
  );
}

function FilterForm({
  draft,
  onDraft,
  onSubmit,
  onClear,
}: {
  draft: Filters;
  onDraft: (f: Filters) => void;
  onSubmit: () => void;
  onClear: (() => void) | undefined;
}) {
  const ids = useId();
  const [users, setUsers] = useState<User[]>([]);
  const [keys, setKeys] = useState<ApiKey[]>([]);
  useEffect(() => {
    let live = true;
    api.users().then(
      (page) => live && setUsers(page.items),
      () => undefined,
    );
    api.apiKeys().then(
      (page) => live && setKeys(page.items),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const known = draft.actorId === '' || [...users, ...keys].some((a) => a.id === draft.actorId);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };

  return (
    <form className="card audit-filters" onSubmit={submit} aria-label="Audit log filters">
      <div className="field">
        <label htmlFor={`${ids}-action`}>Action</label>
        <select
          id={`${ids}-action`}
          value={draft.action}
          onChange={(e) => onDraft({ ...draft, action: e.target.value as Filters['action'] })}
        >
          <option value="">All actions</option>
          {Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-actor`}>Actor</label>
        <select
          id={`${ids}-actor`}
          value={draft.actorId}
          onChange={(e) => onDraft({ ...draft, actorId: e.target.value })}
        >
          <option value="">Anyone</option>
          {known ? null : <option value={draft.actorId}>This actor</option>}
          {users.length > 0 ? (
            <optgroup label="Team members">
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.email}
                </option>
              ))}
            </optgroup>
          ) : null}
          {keys.length > 0 ? (
            <optgroup label="API keys">
              {keys.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.name} ({k.prefix}…)
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-target`}>Target</label>
        <input
          id={`${ids}-target`}
          type="text"
          value={draft.target}
          maxLength={200}
          placeholder="An id, e.g. an interview’s"
          onChange={(e) => onDraft({ ...draft, target: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-from`}>From</label>
        <input
          id={`${ids}-from`}
          type="date"
          value={draft.from}
          max={draft.to || undefined}
          onChange={(e) => onDraft({ ...draft, from: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-to`}>To (inclusive)</label>
        <input
          id={`${ids}-to`}
          type="date"
          value={draft.to}
          min={draft.from || undefined}
          onChange={(e) => onDraft({ ...draft, to: e.target.value })}
        />
      </div>
      <div className="audit-filter-actions">
        <button type="submit" className="button">
          Show
        </button>
        {onClear ? (
          <button type="button" className="button secondary" onClick={onClear}>
            Clear filters
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** What changed, as "key: value" pairs (ids, counts and names, never a secret); empty values left out. */
function details(data: AuditEvent['data']): string {
  return Object.entries(data)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}

function EntryTable({
  items,
  onTarget,
  onActor,
}: {
  items: AuditEvent[];
  onTarget: (target: string) => void;
  onActor: (actorId: string) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="data audit-table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Request id</th>
            <th scope="col">IP address</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id} data-action={e.action}>
              <td data-label="Time">
                <time dateTime={e.at} title={e.at}>
                  {formatDate(e.at)}
                </time>
              </td>
              <td data-label="Actor">
                {e.actor.id ? (
                  <button
                    type="button"
                    className="link-button"
                    title="Show only this actor’s entries"
                    onClick={() => onActor(e.actor.id!)}
                  >
                    {e.actor.label}
                  </button>
                ) : (
                  <span>{e.actor.label}</span>
                )}
                <span className="sub">{ACTOR_KINDS[e.actor.kind] ?? e.actor.kind}</span>
              </td>
              <td data-label="Action">
                <strong>{actionLabel(e.action)}</strong>
                {details(e.data) ? <span className="sub">{details(e.data)}</span> : null}
              </td>
              <td data-label="Target">
                {e.target ? (
                  <button
                    type="button"
                    className="link-button"
                    title="Show only the entries about this target"
                    onClick={() => onTarget(e.target!)}
                  >
                    <code>{e.target}</code>
                  </button>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td data-label="Request id">{e.requestId ? <code>{e.requestId}</code> : '—'}</td>
              <td data-label="IP address">{e.ip ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

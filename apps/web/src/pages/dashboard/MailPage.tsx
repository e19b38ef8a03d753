import { type FormEvent, useEffect, useState } from 'react';
import {
  api,
  fieldError,
  formatDate,
  type MailKind,
  type MailMessage,
  type MailMessageDetail,
  type MailTemplate,
} from '../../api.ts';
import { FormError } from '../../components/Form.tsx';
import { ListFooter } from '../../components/ListFooter.tsx';
import { MAIL_STATUS_LABELS, MailStatusBadge, MailText } from '../../components/MailStatus.tsx';
import { useTitle } from '../dashboard-context.ts';
import { usePaged } from './usePaged.ts';

export const MAIL_KIND_LABELS: Record<MailKind, string> = {
  invitation: 'Interview invitation',
  reminder: 'Reminder',
  member_invite: 'Team invitation',
  password_reset: 'Password reset',
  security_notice: 'Security notice',
};

/** The mail the organisation sent or will send (the outbox without SMTP), and the candidate templates. */
export function MailPage() {
  useTitle('Mail');
  return (
    <>
      <h1 tabIndex={-1}>Mail</h1>
      <p className="muted">
        Invitations, reminders and account mail. Without an SMTP server configured, messages stay here: this
        page is the outbox.
      </p>
      <Messages />
      <Templates />
    </>
  );
}

function Messages() {
  const [kind, setKind] = useState('');
  const [status, setStatus] = useState('');
  const list = usePaged(
    (cursor) => api.mailMessages({ kind, status, limit: 25, cursor }),
    `${kind}|${status}`,
  );
  const [open, setOpen] = useState<string | null>(null);

  return (
    <section className="card" aria-labelledby="messages-heading">
      <div className="section-head">
        <h2 id="messages-heading">Messages</h2>
        <div className="row">
          <label className="inline-field">
            Kind
            <select value={kind} onChange={(e) => setKind(e.target.value)}>
              <option value="">All</option>
              {Object.entries(MAIL_KIND_LABELS).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <label className="inline-field">
            Status
            <select value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">All</option>
              {Object.entries(MAIL_STATUS_LABELS).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {list.error ? <FormError error={list.error} /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <p className="empty">No mail yet. Schedule an interview with “Email the invitation” to send one.</p>
      ) : null}
      {list.items.length > 0 ? (
        <div className="table-wrap">
          <table className="data" data-testid="mail-table">
            <thead>
              <tr>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="sr-only">Preview</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((m) => (
                <MessageRow
                  key={m.id}
                  message={m}
                  open={open === m.id}
                  toggle={() => setOpen(open === m.id ? null : m.id)}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ListFooter loading={list.loading} hasMore={list.hasMore} more={list.more} />
    </section>
  );
}

function MessageRow({
  message: m,
  open,
  toggle,
}: {
  message: MailMessage;
  open: boolean;
  toggle: () => void;
}) {
  const at = m.sentAt ?? m.failedAt ?? (m.status === 'queued' ? m.sendAfter : null);
  return (
    <>
      <tr>
        <td data-label="To">{m.to}</td>
        <td data-label="Subject">
          {m.subject ?? <span className="muted">(written when sent)</span>}
          {m.preview ? <span className="sub">{m.preview.slice(0, 120)}…</span> : null}
        </td>
        <td data-label="Kind">{MAIL_KIND_LABELS[m.kind]}</td>
        <td data-label="Status">
          <MailStatusBadge status={m.status} at={at} error={m.error} />
        </td>
        <td data-label="Created">{formatDate(m.createdAt)}</td>
        <td className="actions">
          <button type="button" className="button secondary small" aria-expanded={open} onClick={toggle}>
            {open ? 'Close' : 'Preview'} <span className="sr-only">the message to {m.to}</span>
          </button>
        </td>
      </tr>
      {open ? (
        <tr>
          <td colSpan={6}>
            <Preview id={m.id} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** One message: its text (links clickable) and its HTML part, sandboxed (no scripts, no same origin). */
function Preview({ id }: { id: string }) {
  const [detail, setDetail] = useState<MailMessageDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [html, setHtml] = useState(false);
  useEffect(() => {
    let live = true;
    api.mailMessage(id).then(
      (d) => live && setDetail(d),
      (err) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [id]);
  if (error) return <FormError error={error} />;
  if (!detail)
    return (
      <p role="status" className="muted">
        Loading…
      </p>
    );
  if (!detail.text) return <p className="muted">Not composed yet: the message is written when it is sent.</p>;
  return (
    <div className="mail-preview" data-testid="mail-preview">
      <p>
        <strong>Subject:</strong> {detail.subject}
        <br />
        <strong>To:</strong> {detail.to}
        {detail.transport ? (
          <>
            <br />
            <strong>Delivered:</strong> {detail.transport === 'smtp' ? 'by SMTP' : 'kept in this outbox'}
          </>
        ) : null}
      </p>
      <div className="row">
        <button type="button" className="button secondary small" onClick={() => setHtml(!html)}>
          {html ? 'Show the text' : 'Show as the recipient sees it'}
        </button>
      </div>
      {html && detail.html ? (
        <iframe className="mail-html" title={`Message to ${detail.to}`} sandbox="" srcDoc={detail.html} />
      ) : (
        <MailText text={detail.text} />
      )}
    </div>
  );
}

function Templates() {
  const [templates, setTemplates] = useState<MailTemplate[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    api.mailTemplates().then(
      (res) => live && setTemplates(res.items),
      (err) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, []);
  const replace = (t: MailTemplate) =>
    setTemplates((list) => list?.map((x) => (x.kind === t.kind ? t : x)) ?? null);
  return (
    <section className="card" aria-labelledby="templates-heading">
      <h2 id="templates-heading">Candidate templates</h2>
      <p className="muted">
        What candidates receive, in your words. Only the variables below can be used; each is filled in when
        the message is sent and shown as plain text.
      </p>
      <FormError error={error} />
      {templates?.map((t) => (
        <TemplateForm key={t.kind} template={t} onSaved={replace} />
      ))}
    </section>
  );
}

function TemplateForm({ template, onSaved }: { template: MailTemplate; onSaved: (t: MailTemplate) => void }) {
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const id = `template-${template.kind}`;
  const label = template.kind === 'invitation' ? 'Invitation' : 'Reminder before the link expires';

  const run = async (work: () => Promise<MailTemplate>, done: string) => {
    setBusy(true);
    setError(null);
    setMessage('');
    try {
      const saved = await work();
      onSaved(saved);
      setSubject(saved.subject);
      setBody(saved.body);
      setMessage(done);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() => api.saveMailTemplate({ kind: template.kind, subject, body }), 'Saved.');
  };

  return (
    <form className="template-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>
        {label} {template.isDefault ? <span className="badge mail-cancelled">Default</span> : null}
      </h3>
      <FormError error={error} />
      <div className="field">
        <label htmlFor={`${id}-subject`}>Subject</label>
        <input
          id={`${id}-subject`}
          type="text"
          value={subject}
          onChange={(e) => setSubject(e.target.value)}
          aria-invalid={fieldError(error, 'subject') ? true : undefined}
        />
        {fieldError(error, 'subject') ? <p className="field-error">{fieldError(error, 'subject')}</p> : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>Body</label>
        <textarea
          id={`${id}-body`}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={fieldError(error, 'body') ? true : undefined}
          aria-describedby={`${id}-variables`}
        />
        {fieldError(error, 'body') ? <p className="field-error">{fieldError(error, 'body')}</p> : null}
      </div>
      <ul className="variables" id={`${id}-variables`} aria-label="Variables">
        {template.variables.map((v) => (
          <li key={v.name}>
            <code>{`{{${v.name}}}`}</code> <span className="muted">{v.description}</span>
          </li>
        ))}
      </ul>
      <div className="row">
        <button type="submit" className="button" disabled={busy}>
          Save {label.toLowerCase()}
        </button>
        {!template.isDefault ? (
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={() => void run(() => api.resetMailTemplate(template.kind), 'Back to the default.')}
          >
            Restore the default
          </button>
        ) : null}
        <span role="status" className="ok-text">
          {message}
        </span>
      </div>
    </form>
  );
}

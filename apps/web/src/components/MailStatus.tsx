import { formatDate, type MailStatus } from '../api.ts';

export const MAIL_STATUS_LABELS: Record<MailStatus, string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  cancelled: 'Not sent',
};

/** A message's state as a badge: its label, when (sent, failed, or due), and why it failed. */
export function MailStatusBadge({
  status,
  at,
  error,
}: {
  status: MailStatus;
  at?: string | null | undefined;
  error?: string | null | undefined;
}) {
  const when = at ? (status === 'queued' ? `due ${formatDate(at)}` : formatDate(at)) : null;
  return (
    <span className="mail-status">
      <span className={`badge mail-${status}`}>{MAIL_STATUS_LABELS[status]}</span>
      {when ? <span className="sub">{when}</span> : null}
      {error ? (
        <span className={`sub ${status === 'failed' ? 'error-text' : 'muted'}`} title={error}>
          {error.length > 90 ? `${error.slice(0, 90)}…` : error}
        </span>
      ) : null}
    </span>
  );
}

/**
 * Plain mail text with its http(s) links clickable (everything else as text): how the dashboard
 * shows a message's text part.
 */
export function MailText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"']+)/g);
  return (
    <pre className="mail-text">
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text
          <a key={i} href={part} target="_blank" rel="noopener noreferrer">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  );
}

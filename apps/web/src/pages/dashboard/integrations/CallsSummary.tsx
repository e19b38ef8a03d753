import { formatDate } from '../../../api.ts';
import type { AtsConnection } from './ats-api.ts';

/** The connection's last 24 hours of calls in a sentence; nothing when there were none. */
export function CallsSummary({ connection }: { connection: AtsConnection }) {
  const s = connection.calls24h;
  // none in 24 hours: the log below shows any older ones, or says there are none
  if (s.calls === 0) return null;
  return (
    <p className="muted" data-testid="ats-calls-summary">
      Last 24 hours: {s.calls} {s.calls === 1 ? 'call' : 'calls'}, {s.failed} failed
      {s.p50LatencyMs === null ? '' : `, median latency ${s.p50LatencyMs} ms`}; the last at{' '}
      {formatDate(s.lastAt)}.
    </p>
  );
}

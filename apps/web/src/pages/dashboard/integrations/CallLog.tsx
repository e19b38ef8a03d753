import { AtsCallChart } from '../../../components/AtsCallChart.tsx';
import { type AtsCall, callFailed, formatInstant } from '../../../components/ats-call.ts';
import { FormError } from '../../../components/Form.tsx';
import { ListFooter } from '../../../components/ListFooter.tsx';
import { usePaged } from '../usePaged.ts';
import { type AtsConnection, atsApi } from './ats-api.ts';
import { PROVIDERS } from './ats-providers.ts';

/**
 * Every call in and out, newest first, with "Load more"; the chart draws the calls loaded.
 * A new `version` loads the first page again.
 */
export function CallLog({ connection, version }: { connection: AtsConnection; version: number }) {
  const label = PROVIDERS[connection.provider].label;
  const list = usePaged((cursor) => atsApi.calls(connection.id, cursor), `${connection.id}|${version}`);
  return (
    <>
      <FormError error={list.error} />
      {!list.loading && !list.error && list.items.length === 0 ? (
        <p className="empty">
          No calls yet: they appear here once {label} calls this platform or this platform calls {label}.
        </p>
      ) : null}
      {list.items.length > 0 ? (
        <>
          <AtsCallChart calls={list.items} label={label} />
          <CallTable calls={list.items} label={label} />
        </>
      ) : null}
      <ListFooter loading={list.loading} hasMore={list.hasMore} more={list.more} />
    </>
  );
}

function CallTable({ calls, label }: { calls: AtsCall[]; label: string }) {
  return (
    <div className="table-wrap">
      <table className="data" data-testid="ats-calls-table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Direction</th>
            <th scope="col">Operation</th>
            <th scope="col">HTTP status</th>
            <th scope="col">Latency</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((c) => (
            <tr
              key={c.id}
              data-operation={c.operation}
              data-direction={c.direction}
              data-status={c.status ?? ''}
            >
              <td data-label="Time">{formatInstant(c.at)}</td>
              <td data-label="Direction">
                {c.direction === 'in' ? 'In' : 'Out'}
                <span className="sub">{c.direction === 'in' ? `from ${label}` : `to ${label}`}</span>
              </td>
              <td data-label="Operation">
                <code>{c.operation}</code>
              </td>
              <td data-label="HTTP status" className={callFailed(c) ? 'error-text' : undefined}>
                {c.status ?? 'no answer'}
              </td>
              <td data-label="Latency">{c.latencyMs} ms</td>
              <td data-label="Error">{c.error ? <span className="error-text">{c.error}</span> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

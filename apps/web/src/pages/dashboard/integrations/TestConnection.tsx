import { useState } from 'react';
import { formatDate } from '../../../api.ts';
import { FormError } from '../../../components/Form.tsx';
import { type AtsConnection, type AtsConnectionTest, atsApi } from './ats-api.ts';

/** "Test connection": calls the ATS (or says when it last called) and shows what came back. */
export function TestConnection({
  connection,
  onTested,
}: {
  connection: AtsConnection;
  onTested: () => void;
}) {
  const [result, setResult] = useState<AtsConnectionTest | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const last = connection.lastTest;

  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await atsApi.test(connection.id));
      onTested();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const facts = result
    ? [
        result.status === null ? null : `HTTP ${result.status}`,
        result.latencyMs === null ? null : `${result.latencyMs} ms`,
      ]
        .filter(Boolean)
        .join(' · ')
    : '';
  return (
    <div className="ats-part">
      <h3>Test</h3>
      <div className="row">
        <button type="button" className="button secondary" disabled={busy} onClick={run}>
          {busy ? 'Testing…' : 'Test connection'}
        </button>
        {last && !result ? (
          <span className="muted">
            Last test {formatDate(last.at)}: {last.ok ? 'worked' : `failed (${last.error ?? 'no detail'})`}
          </span>
        ) : null}
      </div>
      <FormError error={error} />
      <div role="status" data-testid="ats-test-result">
        {result ? (
          <div className={`alert ${result.ok ? 'ok' : 'error'} ats-test-result`}>
            <p className="alert-title">
              {result.ok ? 'The connection works.' : (result.error ?? 'The test failed.')}
            </p>
            <p>
              {result.detail}
              {facts ? <span className="sub">{facts}</span> : null}
            </p>
          </div>
        ) : null}
      </div>
    </div>
  );
}

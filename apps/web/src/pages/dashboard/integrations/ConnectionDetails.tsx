import { useState } from 'react';
import { formatDate } from '../../../api.ts';
import { FormError } from '../../../components/Form.tsx';
import { type AtsConnection, atsApi } from './ats-api.ts';
import { PROVIDERS } from './ats-providers.ts';
import { CallLog } from './CallLog.tsx';
import { CallsSummary } from './CallsSummary.tsx';
import { CredentialsForm } from './CredentialsForm.tsx';
import { EndpointList } from './EndpointList.tsx';
import { SettingsForm } from './SettingsForm.tsx';
import { TestConnection } from './TestConnection.tsx';

/**
 * A connected ATS: enable or disable it, its endpoints, rotate its key, replace its secrets, its
 * settings, test it, its calls, and disconnect it.
 */
export function ConnectionDetails({
  connection,
  onIssued,
  onChanged,
  onDisconnected,
}: {
  connection: AtsConnection;
  /** a key was issued (rotated): shown once */
  onIssued: (key: string | null) => void;
  onChanged: (c: AtsConnection) => void;
  onDisconnected: () => void;
}) {
  const provider = connection.provider;
  const info = PROVIDERS[provider];
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  /** bumped after anything that logs a call: the log reloads */
  const [callsVersion, setCallsVersion] = useState(0);

  const setEnabled = async (enabled: boolean) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await atsApi.update(connection.id, { enabled }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const rotate = async () => {
    if (
      !window.confirm(
        `Rotate the ${info.label} key? The current key stops working at once: ${info.label} must be given the new one.`,
      )
    )
      return;
    setBusy(true);
    setError(null);
    try {
      const rotated = await atsApi.rotateKey(connection.id);
      onChanged(rotated.connection);
      onIssued(rotated.inboundKey);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const disconnect = async () => {
    if (
      !window.confirm(
        `Disconnect ${info.label}? Its key stops working and its credentials are deleted; interviews already started stay.`,
      )
    )
      return;
    setBusy(true);
    setError(null);
    try {
      await atsApi.disconnect(connection.id);
      onDisconnected();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const refresh = async () => {
    setCallsVersion((v) => v + 1);
    try {
      onChanged(await atsApi.get(connection.id));
    } catch (err) {
      setError(err);
    }
  };

  const id = `ats-${provider}`;
  return (
    <>
      <FormError error={error} />
      <div className="field checkbox">
        <label htmlFor={`${id}-enabled`}>
          <input
            id={`${id}-enabled`}
            type="checkbox"
            checked={connection.enabled}
            disabled={busy}
            onChange={(e) => void setEnabled(e.target.checked)}
          />{' '}
          Enabled
        </label>
        <p className="hint">
          Off: {info.label}’s calls are refused and nothing is sent to it. Connected{' '}
          {formatDate(connection.createdAt)}
          {connection.createdBy ? ` by ${connection.createdBy}` : ''}.
        </p>
      </div>

      <EndpointList connection={connection} />

      {info.inboundKey ? (
        <div className="ats-part">
          <h3>Key</h3>
          <div className="row">
            <span>
              {info.label} calls with the key{' '}
              <code data-testid="ats-key-prefix">{connection.inboundKeyPrefix ?? '—'}…</code>
            </span>
            <button type="button" className="button secondary small" disabled={busy} onClick={rotate}>
              Rotate key
            </button>
          </div>
        </div>
      ) : null}

      {info.credentials.length > 0 ? <CredentialsForm connection={connection} onSaved={onChanged} /> : null}
      <SettingsForm connection={connection} onSaved={onChanged} />
      <TestConnection connection={connection} onTested={refresh} />

      <div className="ats-part">
        <div className="section-head">
          <h3>Calls</h3>
          <button type="button" className="button secondary small" onClick={refresh}>
            Refresh
          </button>
        </div>
        <CallsSummary connection={connection} />
        <CallLog connection={connection} version={callsVersion} />
      </div>

      <div className="ats-part">
        <button type="button" className="button danger" disabled={busy} onClick={disconnect}>
          Disconnect {info.label}
        </button>
      </div>
    </>
  );
}

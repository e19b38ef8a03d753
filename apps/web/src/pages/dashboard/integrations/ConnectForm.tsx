import { type FormEvent, useState } from 'react';
import { ApiError, fieldError } from '../../../api.ts';
import { Field, FormError } from '../../../components/Form.tsx';
import { type AtsConnectionWithKey, type AtsProvider, atsApi, type CredentialValues } from './ats-api.ts';
import { PROVIDERS } from './ats-providers.ts';
import { CredentialInputs, typedCredentials } from './CredentialInputs.tsx';

/** Connects an ATS not connected yet: an optional name and the secrets it takes. */
export function ConnectForm({
  provider,
  onConnected,
  onStale,
}: {
  provider: AtsProvider;
  onConnected: (created: AtsConnectionWithKey) => void;
  /** connected meanwhile (another tab, the API): the list should be loaded again */
  onStale: () => void;
}) {
  const info = PROVIDERS[provider];
  const [name, setName] = useState('');
  const [credentials, setCredentials] = useState<CredentialValues>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const prefix = `ats-${provider}-connect`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const creds = typedCredentials(credentials);
      const created = await atsApi.connect({
        provider,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(creds ? { credentials: creds } : {}),
      });
      onConnected(created);
    } catch (err) {
      setError(err);
      // connected meanwhile (another tab, the API): show the connection as it is
      if (err instanceof ApiError && err.code === 'ats_connection_exists') onStale();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label={`Connect ${info.label}`}>
      <FormError error={error} />
      <Field
        id={`${prefix}-name`}
        label="Name"
        error={fieldError(error, 'name')}
        hint={`Optional; shown on this page (default “${info.label}”).`}
      >
        {(aria) => (
          <input
            {...aria}
            type="text"
            placeholder={info.label}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
      <CredentialInputs
        provider={provider}
        values={credentials}
        onChange={setCredentials}
        error={error}
        prefix={prefix}
      />
      {info.inboundKey ? (
        <p className="hint">Connecting issues the key {info.label} calls with; it is shown once.</p>
      ) : null}
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Connecting…' : `Connect ${info.label}`}
      </button>
    </form>
  );
}

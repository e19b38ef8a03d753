import { type FormEvent, useState } from 'react';
import { formatDate } from '../../../api.ts';
import { FormError } from '../../../components/Form.tsx';
import { type AtsConnection, atsApi, type CredentialValues } from './ats-api.ts';
import { PROVIDERS } from './ats-providers.ts';
import { CredentialInputs, typedCredentials } from './CredentialInputs.tsx';

/** Replace the secrets (rotation): only the fields typed in are sent; the others are kept. */
export function CredentialsForm({
  connection,
  onSaved,
}: {
  connection: AtsConnection;
  onSaved: (c: AtsConnection) => void;
}) {
  const provider = connection.provider;
  const [values, setValues] = useState<CredentialValues>({});
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setMessage('');
    const credentials = typedCredentials(values);
    if (!credentials) {
      setError(new Error('Type the new value of the secret to replace.'));
      return;
    }
    setBusy(true);
    try {
      onSaved(await atsApi.update(connection.id, { credentials }));
      setValues({});
      setMessage('Replaced.');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="ats-part" onSubmit={submit} noValidate aria-labelledby={`ats-${provider}-credentials`}>
      <h3 id={`ats-${provider}-credentials`}>Credentials</h3>
      <p className="hint">
        Write-only: stored encrypted and never shown; a value typed here replaces the one stored.
        {connection.credentialsUpdatedAt
          ? ` Last changed ${formatDate(connection.credentialsUpdatedAt)}.`
          : ''}
      </p>
      <FormError error={error} />
      <CredentialInputs
        provider={provider}
        values={values}
        onChange={setValues}
        error={error}
        current={connection.credentials}
        prefix={`ats-${provider}-credential`}
      />
      <div className="row">
        <button type="submit" className="button secondary" disabled={busy}>
          Replace <span className="sr-only">the {PROVIDERS[provider].label} credentials</span>
        </button>
        <span role="status" className="ok-text">
          {message}
        </span>
      </div>
    </form>
  );
}

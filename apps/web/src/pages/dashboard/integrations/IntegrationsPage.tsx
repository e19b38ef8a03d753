import { useEffect, useState } from 'react';
import { FormError } from '../../../components/Form.tsx';
import { roleAtLeast, useDashboard, useTitle } from '../../dashboard-context.ts';
import { type AtsConnection, type AtsProvider, atsApi } from './ats-api.ts';
import { PROVIDER_ORDER, PROVIDERS } from './ats-providers.ts';
import { ProviderCard } from './ProviderCard.tsx';

/** The ATS connections (admins and owners): connect, configure, rotate keys, test, and the calls log. */
export function IntegrationsPage() {
  useTitle('Integrations');
  const { me } = useDashboard();
  if (!roleAtLeast(me.role, 'admin')) {
    return (
      <>
        <h1 tabIndex={-1}>Integrations</h1>
        <p className="alert info">Integrations are for admins and owners.</p>
      </>
    );
  }
  return <Integrations />;
}

/** The tenant's connections, loaded once, as one card per ATS. */
function Integrations() {
  const [connections, setConnections] = useState<AtsConnection[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  /** a key just issued: shown this once, above its connection */
  const [issued, setIssued] = useState<{ provider: AtsProvider; key: string } | null>(null);

  const load = async () => {
    try {
      setConnections((await atsApi.list()).items);
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once
  useEffect(() => {
    void load();
  }, []);

  const upsert = (c: AtsConnection) =>
    setConnections((list) => [...(list ?? []).filter((x) => x.provider !== c.provider), c]);

  return (
    <>
      <h1 tabIndex={-1}>Integrations</h1>
      <p className="muted">
        Connect your applicant tracking system: it starts interviews here, and gets the results back when they
        finish. Secrets are stored encrypted and never shown again; every call in and out is logged.
      </p>
      <FormError error={error} />
      <p role="status" className="ok-text">
        {message}
      </p>
      {connections === null && !error ? (
        <p role="status" className="muted">
          Loading…
        </p>
      ) : null}
      {connections
        ? PROVIDER_ORDER.map((provider) => {
            const connection = connections.find((c) => c.provider === provider);
            return (
              <ProviderCard
                key={provider}
                provider={provider}
                connection={connection}
                issuedKey={issued?.provider === provider ? issued.key : null}
                onIssued={(key) => setIssued(key ? { provider, key } : null)}
                onChanged={(c) => {
                  setMessage('');
                  upsert(c);
                }}
                onConnected={(c) => {
                  upsert(c);
                  setMessage(`${PROVIDERS[provider].label} connected.`);
                }}
                onDisconnected={() => {
                  setConnections((list) => (list ?? []).filter((x) => x.provider !== provider));
                  if (issued?.provider === provider) setIssued(null);
                  setMessage(`${PROVIDERS[provider].label} disconnected.`);
                }}
                onStale={load}
              />
            );
          })
        : null}
    </>
  );
}

import type { AtsConnection, AtsProvider } from './ats-api.ts';
import { PROVIDERS } from './ats-providers.ts';
import { ConnectForm } from './ConnectForm.tsx';
import { ConnectionDetails } from './ConnectionDetails.tsx';
import { IssuedKey } from './IssuedKey.tsx';

/** One ATS: its state, a key just issued, and either its connection or the form to connect it. */
export function ProviderCard({
  provider,
  connection,
  issuedKey,
  onIssued,
  onChanged,
  onConnected,
  onDisconnected,
  onStale,
}: {
  provider: AtsProvider;
  connection: AtsConnection | undefined;
  issuedKey: string | null;
  onIssued: (key: string | null) => void;
  onChanged: (c: AtsConnection) => void;
  onConnected: (c: AtsConnection) => void;
  onDisconnected: () => void;
  /** the list is out of date (e.g. connected meanwhile in another tab) */
  onStale: () => void;
}) {
  const info = PROVIDERS[provider];
  const heading = `ats-${provider}-heading`;
  return (
    <section className="card ats-card" aria-labelledby={heading} data-provider={provider}>
      <div className="section-head">
        <h2 id={heading}>{info.label}</h2>
        {connection ? (
          <span className={`badge ${connection.enabled ? 'ats-on' : 'ats-off'}`}>
            {connection.enabled ? 'Connected' : 'Connected, disabled'}
          </span>
        ) : (
          <span className="badge ats-off">Not connected</span>
        )}
      </div>
      <p className="muted">{info.about}</p>
      {issuedKey ? <IssuedKey provider={provider} value={issuedKey} onDone={() => onIssued(null)} /> : null}
      {connection ? (
        <ConnectionDetails
          connection={connection}
          onIssued={onIssued}
          onChanged={onChanged}
          onDisconnected={onDisconnected}
        />
      ) : (
        <ConnectForm
          provider={provider}
          onConnected={(created) => {
            onConnected(created.connection);
            onIssued(created.inboundKey);
          }}
          onStale={onStale}
        />
      )}
    </section>
  );
}

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, api, fieldError, formatDate, type Page, type Position, request } from '../../api.ts';
import type { components } from '../../api-types.ts';
import { ChartSvg } from '../../components/ChartSvg.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { Field, FormError } from '../../components/Form.tsx';
import { ListFooter } from '../../components/ListFooter.tsx';
import { useWidth } from '../../components/useWidth.ts';
import { roleAtLeast, useDashboard, useTitle } from '../dashboard-context.ts';
import { usePaged } from './usePaged.ts';

type Schemas = components['schemas'];
type AtsProvider = Schemas['AtsProvider'];
type AtsConnection = Schemas['AtsConnection'];
type AtsCall = Schemas['AtsCall'];
type AtsConnectionTest = Schemas['AtsConnectionTest'];
type WithKey = Schemas['AtsConnectionWithKey'];
type CredentialField = AtsConnection['credentials'][number]['field'];
type Credentials = Partial<Record<CredentialField, string>>;
type SettingsInput = NonNullable<Schemas['AtsConnectionPatch']['settings']>;

const enc = encodeURIComponent;
const CALLS_PAGE = 25;

/** The ATS connections API (admins and owners); secrets go in, never come back. */
const ats = {
  list: () => request<Schemas['AtsConnectionList']>('GET', '/ats/connections'),
  get: (id: string) => request<AtsConnection>('GET', `/ats/connections/${enc(id)}`),
  connect: (body: Schemas['NewAtsConnection']) => request<WithKey>('POST', '/ats/connections', { body }),
  update: (id: string, body: Schemas['AtsConnectionPatch']) =>
    request<AtsConnection>('PATCH', `/ats/connections/${enc(id)}`, { body }),
  rotateKey: (id: string) => request<WithKey>('POST', `/ats/connections/${enc(id)}/inbound-key/rotate`),
  test: (id: string) => request<AtsConnectionTest>('POST', `/ats/connections/${enc(id)}/test`),
  calls: (id: string, cursor: string | null) =>
    request<Page<AtsCall>>('GET', `/ats/connections/${enc(id)}/calls`, {
      query: { limit: CALLS_PAGE, cursor },
    }),
  disconnect: (id: string) => request<void>('DELETE', `/ats/connections/${enc(id)}`),
};

interface ProviderInfo {
  label: string;
  about: string;
  /** the secrets this platform calls the ATS with */
  credentials: CredentialField[];
  /** the ATS calls this platform with a key issued here */
  inboundKey: boolean;
}

const PROVIDERS: Record<AtsProvider, ProviderInfo> = {
  greenhouse: {
    label: 'Greenhouse',
    about:
      'Greenhouse calls this platform (its Assessment Partner API): it lists your open positions as tests, sends candidates their interview and reads the results. It signs in with the key this page gives you, as the API key (HTTP Basic user name).',
    credentials: [],
    inboundKey: true,
  },
  ashby: {
    label: 'Ashby',
    about:
      'Ashby calls this platform to start and cancel assessments, with the key this page gives you; results go back to Ashby with your Ashby API key.',
    credentials: ['apiKey'],
    inboundKey: true,
  },
  lever: {
    label: 'Lever',
    about:
      'Lever calls the webhook when a candidate reaches the trigger stage: the candidate gets an interview for the position mapped to their posting, and the result is added to the opportunity as a note with your Lever API key.',
    credentials: ['apiKey', 'webhookToken'],
    inboundKey: false,
  },
};
const PROVIDER_ORDER: AtsProvider[] = ['greenhouse', 'ashby', 'lever'];

function credentialLabel(provider: AtsProvider, field: CredentialField): string {
  return field === 'apiKey' ? `${PROVIDERS[provider].label} API key` : 'Webhook signature token';
}

function credentialHint(provider: AtsProvider, field: CredentialField): string {
  if (field === 'webhookToken')
    return 'Lever: Settings > Integrations and API > Webhooks, the signature token.';
  return provider === 'ashby'
    ? 'Used to report results to Ashby.'
    : 'Used to read the opportunity and add the result as a note.';
}

/** How the page names each endpoint the API lists (an unknown one by its own name). */
const ENDPOINT_LABELS: Record<string, string> = {
  list_tests: 'List tests URL',
  send_test: 'Send test URL',
  test_status: 'Test status URL',
  response_error: 'Response error URL',
  base_url: 'Base URL',
  webhook_url: 'Webhook URL',
};

/** A call failed when it got no answer, an error answer, or an error of ours. */
const failed = (c: AtsCall) => c.error !== null || c.status === null || c.status >= 400;

/** Seconds matter in a call log: "Mar 5, 2026, 10:02:31". */
function formatInstant(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

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

function Integrations() {
  const [connections, setConnections] = useState<AtsConnection[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  /** a key just issued: shown this once, above its connection */
  const [issued, setIssued] = useState<{ provider: AtsProvider; key: string } | null>(null);

  const load = async () => {
    try {
      setConnections((await ats.list()).items);
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

interface CardProps {
  provider: AtsProvider;
  connection: AtsConnection | undefined;
  issuedKey: string | null;
  onIssued: (key: string | null) => void;
  onChanged: (c: AtsConnection) => void;
  onConnected: (c: AtsConnection) => void;
  onDisconnected: () => void;
  /** the list is out of date (e.g. connected meanwhile in another tab) */
  onStale: () => void;
}

function ProviderCard(props: CardProps) {
  const { provider, connection } = props;
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
      {props.issuedKey ? (
        <IssuedKey provider={provider} value={props.issuedKey} onDone={() => props.onIssued(null)} />
      ) : null}
      {connection ? (
        <Connected {...props} connection={connection} />
      ) : (
        <ConnectForm
          provider={provider}
          onConnected={(created) => {
            props.onConnected(created.connection);
            props.onIssued(created.inboundKey);
          }}
          onStale={props.onStale}
        />
      )}
    </section>
  );
}

/** The key the ATS calls with, right after it is issued: the only time it is shown. */
function IssuedKey({
  provider,
  value,
  onDone,
}: {
  provider: AtsProvider;
  value: string;
  onDone: () => void;
}) {
  const { label } = PROVIDERS[provider];
  const id = `ats-${provider}-new-key`;
  return (
    <div className="ats-new-key" data-testid="ats-new-key">
      <p className="alert warn">
        Copy the key now and enter it in {label}: it is shown only once. A lost key cannot be shown again;
        rotate it to get a new one.
      </p>
      <div className="field">
        <label htmlFor={id}>{label} key</label>
        <div className="copy-row">
          <input id={id} type="text" readOnly value={value} onFocus={(e) => e.target.select()} />
          <CopyButton text={value} label="Copy key" />
        </div>
      </div>
      <button type="button" className="button secondary small" onClick={onDone}>
        Done
      </button>
    </div>
  );
}

/** Password inputs for the secrets an ATS takes; empty ones are not sent. */
function CredentialInputs({
  provider,
  values,
  onChange,
  error,
  current,
  prefix,
}: {
  provider: AtsProvider;
  values: Credentials;
  onChange: (v: Credentials) => void;
  error: unknown;
  current?: AtsConnection['credentials'];
  prefix: string;
}) {
  return (
    <div className="field-row">
      {PROVIDERS[provider].credentials.map((field) => {
        const state = current?.find((c) => c.field === field);
        const hint = current
          ? state?.set
            ? `set (${state.hint})`
            : 'not set'
          : credentialHint(provider, field);
        return (
          <Field
            key={field}
            id={`${prefix}-${field}`}
            label={credentialLabel(provider, field)}
            error={fieldError(error, `credentials/${field}`)}
            hint={hint}
          >
            {(aria) => (
              <input
                {...aria}
                type="password"
                autoComplete="new-password"
                spellCheck={false}
                value={values[field] ?? ''}
                onChange={(e) => onChange({ ...values, [field]: e.target.value })}
              />
            )}
          </Field>
        );
      })}
    </div>
  );
}

/** Only the secrets typed in, trimmed. */
function given(values: Credentials): Credentials | undefined {
  const entries = Object.entries(values)
    .map(([k, v]) => [k, v?.trim() ?? ''] as const)
    .filter(([, v]) => v !== '');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function ConnectForm({
  provider,
  onConnected,
  onStale,
}: {
  provider: AtsProvider;
  onConnected: (created: WithKey) => void;
  onStale: () => void;
}) {
  const info = PROVIDERS[provider];
  const [name, setName] = useState('');
  const [credentials, setCredentials] = useState<Credentials>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const prefix = `ats-${provider}-connect`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const creds = given(credentials);
      const created = await ats.connect({
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

function Connected(props: CardProps & { connection: AtsConnection }) {
  const { provider, connection, onChanged } = props;
  const info = PROVIDERS[provider];
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  /** bumped after anything that logs a call: the log reloads */
  const [callsVersion, setCallsVersion] = useState(0);

  const setEnabled = async (enabled: boolean) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await ats.update(connection.id, { enabled }));
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
      const rotated = await ats.rotateKey(connection.id);
      onChanged(rotated.connection);
      props.onIssued(rotated.inboundKey);
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
      await ats.disconnect(connection.id);
      props.onDisconnected();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const refresh = async () => {
    setCallsVersion((v) => v + 1);
    try {
      onChanged(await ats.get(connection.id));
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

      <div className="ats-part">
        <h3>Endpoints</h3>
        <p className="hint">Enter these in {info.label}: this is where it calls this platform.</p>
        {Object.entries(connection.endpoints).map(([name, url]) => (
          <div className="field" key={name}>
            <label htmlFor={`${id}-endpoint-${name}`}>{ENDPOINT_LABELS[name] ?? name}</label>
            <div className="copy-row">
              <input
                id={`${id}-endpoint-${name}`}
                type="text"
                readOnly
                value={url}
                data-endpoint={name}
                onFocus={(e) => e.target.select()}
              />
              <CopyButton text={url} label="Copy" />
            </div>
          </div>
        ))}
      </div>

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

/** Replace the secrets (rotation): only the fields typed in are sent; the others are kept. */
function CredentialsForm({
  connection,
  onSaved,
}: {
  connection: AtsConnection;
  onSaved: (c: AtsConnection) => void;
}) {
  const provider = connection.provider;
  const [values, setValues] = useState<Credentials>({});
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setMessage('');
    const credentials = given(values);
    if (!credentials) {
      setError(new Error('Type the new value of the secret to replace.'));
      return;
    }
    setBusy(true);
    try {
      onSaved(await ats.update(connection.id, { credentials }));
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

interface MapRow {
  key: number;
  posting: string;
  positionId: string;
}

function SettingsForm({
  connection,
  onSaved,
}: {
  connection: AtsConnection;
  onSaved: (c: AtsConnection) => void;
}) {
  const provider = connection.provider;
  const lever = provider === 'lever';
  const s = connection.settings;
  const nextKey = useRef(0);
  const toRows = (map: Record<string, string>): MapRow[] =>
    Object.entries(map).map(([posting, positionId]) => ({ key: nextKey.current++, posting, positionId }));
  const [name, setName] = useState(connection.name);
  const [sendInvitation, setSendInvitation] = useState(s.sendInvitation);
  const [triggerStageId, setTriggerStageId] = useState(s.triggerStageId ?? '');
  const [defaultPositionId, setDefaultPositionId] = useState(s.defaultPositionId ?? '');
  const [rows, setRows] = useState<MapRow[]>(() => toRows(s.positionMap));
  const [positions, setPositions] = useState<Position[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const id = `ats-${provider}-settings`;

  useEffect(() => {
    if (!lever) return;
    let live = true;
    api.positions({ limit: 200 }).then(
      (page) => live && setPositions(page.items),
      (err) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [lever]);

  const setRow = (key: number, patch: Partial<MapRow>) =>
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setMessage('');
    const settings: SettingsInput = { sendInvitation };
    if (lever) {
      const problems: Record<number, string> = {};
      const seen = new Set<string>();
      const map: Record<string, string> = {};
      for (const r of rows) {
        const posting = r.posting.trim();
        if (!posting && !r.positionId) continue;
        if (!posting) problems[r.key] = 'Enter the Lever posting id.';
        else if (!r.positionId) problems[r.key] = 'Choose a position.';
        else if (seen.has(posting)) problems[r.key] = 'This posting is mapped twice.';
        else map[posting] = r.positionId;
        seen.add(posting);
      }
      setRowErrors(problems);
      if (Object.keys(problems).length > 0) return;
      settings.positionMap = map;
      settings.triggerStageId = triggerStageId.trim() || null;
      settings.defaultPositionId = defaultPositionId || null;
    }
    const changedName = name.trim() !== connection.name;
    setBusy(true);
    try {
      const saved = await ats.update(connection.id, {
        ...(changedName ? { name: name.trim() } : {}),
        settings,
      });
      onSaved(saved);
      setRows(toRows(saved.settings.positionMap));
      setMessage('Saved.');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const positionOptions = positions.map((p) => (
    <option key={p.id} value={p.id}>
      {p.title}
      {p.status === 'open' ? '' : ' (closed)'}
    </option>
  ));

  return (
    <form className="ats-part" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Settings</h3>
      <FormError error={error} />
      <Field id={`${id}-name`} label="Name" error={fieldError(error, 'name')}>
        {(aria) => <input {...aria} type="text" value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <div className="field checkbox">
        <label htmlFor={`${id}-sendInvitation`}>
          <input
            id={`${id}-sendInvitation`}
            type="checkbox"
            checked={sendInvitation}
            onChange={(e) => setSendInvitation(e.target.checked)}
          />{' '}
          Email candidates their interview invitation
        </label>
        <p className="hint">
          Turn it off when {PROVIDERS[provider].label} sends the link in its own mail: one message is clearer
          for the candidate.
        </p>
      </div>
      {lever ? (
        <>
          <Field
            id={`${id}-trigger`}
            label="Trigger stage id"
            error={fieldError(error, 'settings/triggerStageId')}
            hint="The Lever stage whose arrival starts an interview. Empty: no stage starts one."
          >
            {(aria) => (
              <input
                {...aria}
                type="text"
                spellCheck={false}
                value={triggerStageId}
                onChange={(e) => setTriggerStageId(e.target.value)}
              />
            )}
          </Field>
          <fieldset className="ats-map">
            <legend>Postings and their positions</legend>
            <p className="hint">Candidates of a Lever posting interview for the position it is mapped to.</p>
            {rows.length === 0 ? <p className="empty">No posting mapped.</p> : null}
            {rows.map((r, i) => {
              const problem =
                rowErrors[r.key] ??
                (r.posting.trim()
                  ? fieldError(error, `settings/positionMap/${r.posting.trim()}`)
                  : undefined);
              return (
                <div className="ats-map-row" key={r.key} data-testid="ats-map-row">
                  <Field id={`${id}-posting-${r.key}`} label={`Posting id ${i + 1}`} error={problem}>
                    {(aria) => (
                      <input
                        {...aria}
                        type="text"
                        spellCheck={false}
                        value={r.posting}
                        onChange={(e) => setRow(r.key, { posting: e.target.value })}
                      />
                    )}
                  </Field>
                  <Field id={`${id}-position-${r.key}`} label={`Position ${i + 1}`}>
                    {(aria) => (
                      <select
                        {...aria}
                        value={r.positionId}
                        onChange={(e) => setRow(r.key, { positionId: e.target.value })}
                      >
                        <option value="">Choose a position</option>
                        {positionOptions}
                      </select>
                    )}
                  </Field>
                  <button
                    type="button"
                    className="button secondary small"
                    onClick={() => setRows((list) => list.filter((x) => x.key !== r.key))}
                  >
                    Remove <span className="sr-only">posting {i + 1}</span>
                  </button>
                </div>
              );
            })}
            <button
              type="button"
              className="button secondary small"
              onClick={() =>
                setRows((list) => [...list, { key: nextKey.current++, posting: '', positionId: '' }])
              }
            >
              Add a posting
            </button>
          </fieldset>
          <Field
            id={`${id}-default`}
            label="Default position"
            error={fieldError(error, 'settings/defaultPositionId')}
            hint="For postings not mapped above."
          >
            {(aria) => (
              <select
                {...aria}
                value={defaultPositionId}
                onChange={(e) => setDefaultPositionId(e.target.value)}
              >
                <option value="">None: candidates of other postings get no interview</option>
                {positionOptions}
              </select>
            )}
          </Field>
        </>
      ) : null}
      <div className="row">
        <button type="submit" className="button" disabled={busy}>
          Save settings
        </button>
        <span role="status" className="ok-text">
          {message}
        </span>
      </div>
    </form>
  );
}

function TestConnection({ connection, onTested }: { connection: AtsConnection; onTested: () => void }) {
  const [result, setResult] = useState<AtsConnectionTest | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const last = connection.lastTest;

  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await ats.test(connection.id));
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

function CallsSummary({ connection }: { connection: AtsConnection }) {
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

/** Every call in and out, newest first, with "Load more"; the chart draws the calls loaded. */
function CallLog({ connection, version }: { connection: AtsConnection; version: number }) {
  const label = PROVIDERS[connection.provider].label;
  const list = usePaged((cursor) => ats.calls(connection.id, cursor), `${connection.id}|${version}`);
  return (
    <>
      {list.error ? <FormError error={list.error} /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <p className="empty">
          No calls yet: they appear here once {label} calls this platform or this platform calls {label}.
        </p>
      ) : null}
      {list.items.length > 0 ? (
        <>
          <CallChart calls={list.items} label={label} />
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
                {list.items.map((c) => (
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
                    <td data-label="HTTP status" className={failed(c) ? 'error-text' : undefined}>
                      {c.status ?? 'no answer'}
                    </td>
                    <td data-label="Latency">{c.latencyMs} ms</td>
                    <td data-label="Error">
                      {c.error ? <span className="error-text">{c.error}</span> : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <ListFooter loading={list.loading} hasMore={list.hasMore} more={list.more} />
    </>
  );
}

const HEIGHT = 150;
const TOP = 10;
const BOTTOM = 22;
const LEFT = 48;
const RIGHT = 4;

/** The smallest of 1, 2, 5, 10, 20, 50… at or above `n`: the top of the latency axis. */
function niceCeil(n: number): number {
  if (n <= 1) return 1;
  const step = 10 ** Math.floor(Math.log10(n));
  return ([1, 2, 5, 10].map((k) => k * step).find((v) => v >= n) ?? 10 * step) as number;
}

const shortTime = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * The latency of each call loaded, oldest left, as an SVG column chart sized to its container:
 * failed calls in red, so slow stretches and runs of errors stand out. The figures are its text
 * description for screen readers and a tooltip per call; the table below lists every call.
 */
function CallChart({ calls, label }: { calls: AtsCall[]; label: string }) {
  const [wrap, width] = useWidth();
  const ordered = [...calls].reverse();
  const failures = ordered.filter(failed).length;
  const latencies = ordered.map((c) => c.latencyMs).sort((a, b) => a - b);
  const median = latencies[Math.floor((latencies.length - 1) / 2)] ?? 0;
  const slowest = latencies.at(-1) ?? 0;
  const top = niceCeil(slowest);
  const plot = { w: width - LEFT - RIGHT, h: HEIGHT - TOP - BOTTOM };
  const slot = plot.w / ordered.length;
  const barWidth = Math.max(1, Math.min(24, slot * 0.7));
  const y = (ms: number) => TOP + plot.h - (ms / top) * plot.h;
  const ticks = Number.isInteger(top / 2) ? [0, top / 2, top] : [0, top];
  const first = ordered[0]!;
  const last = ordered.at(-1)!;
  const summary =
    `${ordered.length} ${ordered.length === 1 ? 'call' : 'calls'} from ${formatInstant(first.at)} to ${formatInstant(last.at)}; ` +
    `${failures} failed; median latency ${median} ms, slowest ${slowest} ms`;

  return (
    <figure className="chart ats-calls-chart">
      <div ref={wrap} className="chart-frame">
        <ChartSvg
          width={width}
          height={HEIGHT}
          title={`Latency of the last ${ordered.length} ${ordered.length === 1 ? 'call' : 'calls'} with ${label}`}
          description={`${summary}.`}
          testId="ats-calls-chart"
        >
          {ticks.map((t) => (
            <g key={t} className="chart-grid">
              <line x1={LEFT} x2={width - RIGHT} y1={y(t)} y2={y(t)} />
              <text x={LEFT - 6} y={y(t) + 4} textAnchor="end">
                {t} ms
              </text>
            </g>
          ))}
          {ordered.map((c, i) => {
            const bad = failed(c);
            return (
              <g
                key={c.id}
                className="chart-call"
                data-operation={c.operation}
                data-status={c.status ?? ''}
                data-failed={bad}
              >
                <title>{`${shortTime(c.at)} · ${c.direction === 'in' ? 'in' : 'out'} ${c.operation} · ${c.status === null ? 'no answer' : `HTTP ${c.status}`} · ${c.latencyMs} ms${c.error ? ` · ${c.error}` : ''}`}</title>
                <rect
                  className={bad ? 'ats-call-failed' : 'ats-call-ok'}
                  x={LEFT + (i + 0.5) * slot - barWidth / 2}
                  y={y(c.latencyMs)}
                  width={barWidth}
                  height={Math.max(1, y(0) - y(c.latencyMs))}
                />
              </g>
            );
          })}
          <text className="chart-axis" x={LEFT} y={HEIGHT - 6} textAnchor="start">
            {shortTime(first.at)}
          </text>
          {ordered.length > 1 ? (
            <text className="chart-axis" x={width - RIGHT} y={HEIGHT - 6} textAnchor="end">
              {shortTime(last.at)}
            </text>
          ) : null}
        </ChartSvg>
      </div>
      <figcaption className="chart-legend">
        <span>Column: one call’s latency, oldest left</span>
        <span>
          <span className="legend-swatch band ats-call-ok" aria-hidden="true" /> answered
        </span>
        <span>
          <span className="legend-swatch band ats-call-failed" aria-hidden="true" /> failed
        </span>
      </figcaption>
    </figure>
  );
}

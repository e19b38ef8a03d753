import { type FormEvent, useState } from 'react';
import { type ApiKey, api, fieldError, formatDate, type Role } from '../../api.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { Field, FormError, RoleField } from '../../components/Form.tsx';
import { ROLES, roleAtLeast, useDashboard, useTitle } from '../dashboard-context.ts';
import { usePaged } from './usePaged.ts';

export function ApiKeysPage() {
  useTitle('API keys');
  const { me } = useDashboard();
  const keys = usePaged(() => api.apiKeys());
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('recruiter');
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<(ApiKey & { key: string }) | null>(null);
  const [busy, setBusy] = useState(false);
  const roles = ROLES.filter((r) => roleAtLeast(me.role, r));

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const key = await api.createApiKey({ name: name.trim(), role });
      setCreated(key);
      setName('');
      keys.setItems((items) => [...items, key]);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (k: ApiKey) => {
    if (!window.confirm(`Revoke the key “${k.name}”? Anything using it stops working.`)) return;
    setError(null);
    try {
      await api.revokeApiKey(k.id);
      keys.setItems((items) => items.filter((x) => x.id !== k.id));
      if (created?.id === k.id) setCreated(null);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <h1 tabIndex={-1}>API keys</h1>
      <p className="muted">Keys let your ATS call the API. A key's role is at most yours.</p>
      {created ? (
        <section className="card highlight" aria-labelledby="new-key-heading">
          <h2 id="new-key-heading">Key “{created.name}” created</h2>
          <p className="alert warn">Copy it now: it is shown only once.</p>
          <div className="field">
            <label htmlFor="new-key">API key</label>
            <div className="copy-row">
              <input
                id="new-key"
                type="text"
                readOnly
                value={created.key}
                onFocus={(e) => e.target.select()}
              />
              <CopyButton text={created.key} label="Copy key" />
            </div>
          </div>
          <button type="button" className="button secondary small" onClick={() => setCreated(null)}>
            Done
          </button>
        </section>
      ) : null}
      <section className="card" aria-labelledby="keys-heading">
        <h2 id="keys-heading">Keys</h2>
        {keys.error ? <FormError error={keys.error} /> : null}
        {!keys.loading && keys.items.length === 0 ? <p className="empty">No API keys.</p> : null}
        {keys.items.length > 0 ? (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Prefix</th>
                  <th scope="col">Role</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.items.map((k) => (
                  <tr key={k.id}>
                    <td data-label="Name">{k.name}</td>
                    <td data-label="Prefix">
                      <code>{k.prefix}…</code>
                    </td>
                    <td data-label="Role">{k.role}</td>
                    <td data-label="Created">{formatDate(k.createdAt)}</td>
                    <td data-label="Last used">{formatDate(k.lastUsedAt)}</td>
                    <td className="actions">
                      <button type="button" className="button danger small" onClick={() => revoke(k)}>
                        Revoke <span className="sr-only">{k.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <section className="card" aria-labelledby="create-key-heading">
        <h2 id="create-key-heading">Create a key</h2>
        <form onSubmit={create} noValidate>
          <FormError error={error} />
          <div className="field-row">
            <Field
              id="key-name"
              label="Name"
              error={fieldError(error, 'name')}
              hint="e.g. Greenhouse integration"
            >
              {(aria) => (
                <input {...aria} type="text" value={name} onChange={(e) => setName(e.target.value)} />
              )}
            </Field>
            <RoleField
              id="key-role"
              value={role}
              onChange={setRole}
              roles={roles}
              error={fieldError(error, 'role')}
            />
          </div>
          <button type="submit" className="button" disabled={busy}>
            Create key
          </button>
        </form>
      </section>
    </>
  );
}

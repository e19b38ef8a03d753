import { type FormEvent, useState } from 'react';
import { api, type PluginSummary, type TenantPlugin } from '../../api.ts';
import { FormError } from '../../components/Form.tsx';
import { useTitle } from '../dashboard-context.ts';
import { usePaged } from './usePaged.ts';

export function PluginsPage() {
  useTitle('Question banks');
  const installed = usePaged(() => api.tenantPlugins());
  const [query, setQuery] = useState({ q: '', role: '' });
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const catalog = usePaged((cursor) => api.catalog({ ...query, cursor }), `${query.q}|${query.role}`);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState('');

  const installedIds = new Set(installed.items.map((i) => i.pluginId));

  const act = async (id: string, work: () => Promise<unknown>, done: string) => {
    setBusy(id);
    setError(null);
    setMessage('');
    try {
      await work();
      setMessage(done);
      await installed.reload(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const search = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ q: q.trim(), role: role.trim() });
  };

  return (
    <>
      <h1 tabIndex={-1}>Question banks</h1>
      <p className="muted">
        Interviews use the pinned version of an installed bank; past interviews keep the version they used.
      </p>
      <FormError error={error} />
      <p role="status" className="ok-text">
        {message}
      </p>

      <section className="card" aria-labelledby="installed-heading">
        <h2 id="installed-heading">Installed</h2>
        {installed.error ? <FormError error={installed.error} /> : null}
        {!installed.loading && installed.items.length === 0 ? (
          <p className="empty">No bank installed.</p>
        ) : null}
        {installed.items.length > 0 ? (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Bank</th>
                  <th scope="col">Roles</th>
                  <th scope="col">Pinned</th>
                  <th scope="col">Latest</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {installed.items.map((i: TenantPlugin) => (
                  <tr key={i.pluginId}>
                    <td data-label="Bank">
                      <strong>{i.plugin.name}</strong>
                      <span className="sub">
                        {i.pluginId} · {i.plugin.publisher}
                      </span>
                    </td>
                    <td data-label="Roles">{i.plugin.roles.map((r) => r.title).join(', ')}</td>
                    <td data-label="Pinned">{i.version}</td>
                    <td data-label="Latest">{i.plugin.latestVersion}</td>
                    <td className="actions">
                      {i.version !== i.plugin.latestVersion ? (
                        <button
                          type="button"
                          className="button small"
                          disabled={busy === i.pluginId}
                          onClick={() =>
                            act(
                              i.pluginId,
                              () => api.pin(i.pluginId, i.plugin.latestVersion),
                              `${i.plugin.name} upgraded to ${i.plugin.latestVersion}.`,
                            )
                          }
                        >
                          Upgrade to {i.plugin.latestVersion}
                        </button>
                      ) : (
                        <span className="muted">Up to date</span>
                      )}
                      <button
                        type="button"
                        className="button secondary small"
                        disabled={busy === i.pluginId}
                        onClick={() => {
                          if (window.confirm(`Uninstall ${i.plugin.name}? Past interviews are not affected.`))
                            void act(
                              i.pluginId,
                              () => api.uninstall(i.pluginId),
                              `${i.plugin.name} uninstalled.`,
                            );
                        }}
                      >
                        Uninstall
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="catalog-heading">
        <h2 id="catalog-heading">Catalog</h2>
        <form className="search-row" onSubmit={search}>
          <div className="field">
            <label htmlFor="catalog-q">Search</label>
            <input id="catalog-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="catalog-role">Role</label>
            <input id="catalog-role" type="text" value={role} onChange={(e) => setRole(e.target.value)} />
          </div>
          <button type="submit" className="button secondary">
            Search
          </button>
        </form>
        {catalog.error ? <FormError error={catalog.error} /> : null}
        {!catalog.loading && catalog.items.length === 0 ? <p className="empty">No bank matches.</p> : null}
        <ul className="cards">
          {catalog.items.map((p: PluginSummary) => (
            <li key={p.id} className="plugin-card">
              <h3>{p.name}</h3>
              <p className="sub">
                {p.id}@{p.latestVersion} · {p.publisher}
              </p>
              <p>{p.description}</p>
              <p className="sub">Roles: {p.roles.map((r) => r.title).join(', ')}</p>
              {installedIds.has(p.id) ? (
                <span className="badge status-completed">Installed</span>
              ) : (
                <button
                  type="button"
                  className="button small"
                  disabled={busy === p.id}
                  onClick={() => act(p.id, () => api.install(p.id), `${p.name} installed.`)}
                >
                  Install <span className="sr-only">{p.name}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
        {catalog.hasMore ? (
          <button type="button" className="button secondary" onClick={catalog.more}>
            Load more
          </button>
        ) : null}
      </section>
    </>
  );
}

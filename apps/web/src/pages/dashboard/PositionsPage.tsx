import { useState } from 'react';
import { api, formatDate } from '../../api.ts';
import { StatusBadge } from '../../components/Badges.tsx';
import { FormError } from '../../components/Form.tsx';
import { Link } from '../../router.tsx';
import { roleAtLeast, useDashboard, useTitle } from '../dashboard-context.ts';
import { usePaged } from './usePaged.ts';

const STATUSES = [
  ['open', 'Open'],
  ['closed', 'Closed'],
  ['', 'All'],
] as const;

/** The tenant's positions: each with its interviews, a link to its design, and a new one. */
export function PositionsPage() {
  useTitle('Positions');
  const { me } = useDashboard();
  const canEdit = roleAtLeast(me.role, 'recruiter');
  const [status, setStatus] = useState('open');
  const list = usePaged((cursor) => api.positions({ status, limit: 50, cursor }), status);

  return (
    <>
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>Positions</h1>
          <p className="muted">
            Each position has its own interview design; every interview keeps the version it ran.
          </p>
        </div>
        {canEdit ? (
          <Link href="/positions/new" className="button">
            New position
          </Link>
        ) : null}
      </div>
      <section className="card" aria-labelledby="positions-heading">
        <div className="section-head">
          <h2 id="positions-heading">{STATUSES.find(([v]) => v === status)?.[1]} positions</h2>
          <label className="inline-field">
            Status
            <select value={status} onChange={(e) => setStatus(e.target.value)}>
              {STATUSES.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </label>
        </div>
        {list.error ? <FormError error={list.error} /> : null}
        {!list.loading && !list.error && list.items.length === 0 ? (
          <p className="empty">
            {status === 'closed' ? 'No closed position.' : 'No position yet.'}
            {canEdit && status !== 'closed' ? ' Create one from a job description.' : ''}
          </p>
        ) : null}
        {list.items.length > 0 ? (
          <div className="table-wrap">
            <table className="data" data-testid="positions-table">
              <thead>
                <tr>
                  <th scope="col">Position</th>
                  <th scope="col">Status</th>
                  <th scope="col">Interviews</th>
                  <th scope="col">Design</th>
                  <th scope="col">Updated</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((p) => (
                  <tr key={p.id} data-position-id={p.id}>
                    <td data-label="Position">
                      <Link href={`/positions/${p.id}`}>
                        <strong>{p.title}</strong>
                      </Link>
                      {p.department || p.location ? (
                        <span className="sub">{[p.department, p.location].filter(Boolean).join(' · ')}</span>
                      ) : null}
                    </td>
                    <td data-label="Status">
                      <StatusBadge value={p.status} />
                    </td>
                    <td data-label="Interviews">
                      {p.interviews > 0 ? (
                        <Link href={`/interviews?positionId=${encodeURIComponent(p.id)}`}>
                          {p.interviews}
                        </Link>
                      ) : (
                        0
                      )}
                    </td>
                    <td data-label="Design">version {p.designVersion}</td>
                    <td data-label="Updated">{formatDate(p.updatedAt)}</td>
                    <td className="actions">
                      <Link
                        href={`/positions/${p.id}`}
                        aria-label={`${canEdit ? 'Edit' : 'View'} ${p.title}`}
                      >
                        {canEdit ? 'Edit' : 'View'}
                      </Link>
                      {canEdit && p.status === 'open' ? (
                        <Link
                          href={`/schedule?positionId=${encodeURIComponent(p.id)}`}
                          aria-label={`Schedule an interview for ${p.title}`}
                        >
                          Schedule
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <div className="list-footer">
          {list.loading ? (
            <span role="status" className="muted">
              Loading…
            </span>
          ) : null}
          {list.hasMore && !list.loading ? (
            <button type="button" className="button secondary" onClick={list.more}>
              Load more
            </button>
          ) : null}
        </div>
      </section>
    </>
  );
}

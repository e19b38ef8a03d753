import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api, fieldError, formatDate, type Tenant } from '../../api.ts';
import { Field, FormError } from '../../components/Form.tsx';
import { downloadFile } from '../../download.ts';
import { useDashboard } from '../dashboard-context.ts';

/** The whole export, saved as the file the API names. */
const downloadExport = () =>
  downloadFile(new URL('/api/v1/tenant/export', window.location.origin), 'export.jsonl.gz');

/**
 * "Data & retention" on the organisation's settings: how long candidates' data is kept (admins
 * and owners), and for owners the export of everything and the deletion of the organisation
 * (typed confirmation, a grace period with a banner and "Restore"). docs/compliance.md.
 */
export function DataRetentionSection() {
  const { me } = useDashboard();
  const owner = me.role === 'owner';
  const [tenant, setTenant] = useState<Tenant | null>(null);
  const [erase, setErase] = useState(true);
  const [days, setDays] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState<'save' | 'export' | 'delete' | 'restore' | null>(null);
  const [confirm, setConfirm] = useState('');

  const show = useCallback((t: Tenant) => {
    setTenant(t);
    setErase(t.candidateRetentionDays !== null);
    if (t.candidateRetentionDays !== null) setDays(String(t.candidateRetentionDays));
  }, []);

  useEffect(() => {
    let live = true;
    api.tenant().then(
      (t) => live && show(t),
      (err) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [show]);

  const run = async (what: NonNullable<typeof busy>, work: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    setSaved('');
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const saveRetention = (e: FormEvent) => {
    e.preventDefault();
    void run('save', async () => {
      show(await api.updateRetention(erase ? Number(days) : null));
      setSaved(
        erase ? `Candidates' data is erased ${days} days after their last interview.` : 'Kept until erased.',
      );
    });
  };

  const requestDeletion = (e: FormEvent) => {
    e.preventDefault();
    void run('delete', async () => {
      await api.requestDeletion(confirm);
      setConfirm('');
      show(await api.tenant());
    });
  };

  const restore = () => void run('restore', async () => show(await api.restoreTenant()));

  const deletion = tenant?.deletion ?? null;
  const confirmed = tenant !== null && [tenant.slug, tenant.name].includes(confirm.trim());

  return (
    <section className="card" aria-labelledby="data-retention-heading" data-testid="data-retention">
      <h2 id="data-retention-heading">Data &amp; retention</h2>
      {deletion ? (
        <div className="alert warn row" role="status" data-testid="deletion-banner">
          <span>
            This organisation and all its data will be deleted on {formatDate(deletion.deleteAfter)}. Until
            then you can read and export everything; no new interviews start.
          </span>
          {owner ? (
            <button type="button" className="button secondary" onClick={restore} disabled={busy !== null}>
              {busy === 'restore' ? 'Restoring…' : 'Restore'}
            </button>
          ) : null}
        </div>
      ) : null}
      <FormError error={error} />

      <form onSubmit={saveRetention} noValidate aria-busy={tenant === null}>
        <h3>Candidate data</h3>
        <label className="row">
          <input
            type="checkbox"
            checked={erase}
            disabled={tenant === null}
            onChange={(e) => setErase(e.target.checked)}
          />
          Erase candidates' data automatically after their last interview
        </label>
        <Field
          id="retention-days"
          label="Days to keep it"
          error={fieldError(error, 'candidateRetentionDays')}
          hint="1 to 3650 days; 365 by default. Scores stay, de-identified."
        >
          {(aria) => (
            <input
              {...aria}
              type="number"
              min={1}
              max={3650}
              step={1}
              disabled={!erase || tenant === null}
              value={days}
              onChange={(e) => setDays(e.target.value)}
            />
          )}
        </Field>
        <div className="row">
          <button type="submit" className="button" disabled={busy !== null || tenant === null}>
            {busy === 'save' ? 'Saving…' : 'Save retention'}
          </button>
          <span role="status" className="ok-text">
            {saved}
          </span>
        </div>
      </form>

      {owner ? (
        <>
          <h3>Export all data</h3>
          <p className="muted">
            Every table of the organisation as JSON lines in one gzip file (no passwords, keys or secrets).
          </p>
          <button
            type="button"
            className="button secondary"
            onClick={() => void run('export', downloadExport)}
            disabled={busy !== null}
          >
            {busy === 'export' ? 'Preparing…' : 'Export all data'}
          </button>

          {deletion || tenant === null ? null : (
            <form onSubmit={requestDeletion} noValidate>
              <h3>Delete this organisation</h3>
              <p className="muted">
                Everything is deleted after a grace period: candidates, interviews, reports, members, the
                audit log; the subscription is cancelled. You can restore it until then.
              </p>
              <Field
                id="delete-confirm"
                label={`Type ${tenant.slug} to confirm`}
                error={fieldError(error, 'confirm')}
              >
                {(aria) => (
                  <input
                    {...aria}
                    type="text"
                    autoComplete="off"
                    value={confirm}
                    onChange={(e) => setConfirm(e.target.value)}
                  />
                )}
              </Field>
              <button type="submit" className="button danger" disabled={!confirmed || busy !== null}>
                {busy === 'delete' ? 'Scheduling…' : 'Delete this organisation'}
              </button>
            </form>
          )}
        </>
      ) : (
        <p className="muted">Only an owner can export all data or delete the organisation.</p>
      )}
    </section>
  );
}

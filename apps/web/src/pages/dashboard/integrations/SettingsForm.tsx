import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api, fieldError, type Position } from '../../../api.ts';
import { Field, FormError } from '../../../components/Form.tsx';
import { type AtsConnection, type AtsSettingsInput, atsApi } from './ats-api.ts';
import { PROVIDERS } from './ats-providers.ts';
import { PostingMapFieldset } from './PostingMapFieldset.tsx';
import { type PostingRow, readPostingMap } from './posting-map.ts';

/**
 * A connection's settings: its name and whether candidates get the invitation mail; for Lever also
 * the stage that starts an interview, the postings mapped to positions and the default position.
 */
export function SettingsForm({
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
  const toRows = (map: Record<string, string>): PostingRow[] =>
    Object.entries(map).map(([posting, positionId]) => ({ key: nextKey.current++, posting, positionId }));
  const [name, setName] = useState(connection.name);
  const [sendInvitation, setSendInvitation] = useState(s.sendInvitation);
  const [triggerStageId, setTriggerStageId] = useState(s.triggerStageId ?? '');
  const [defaultPositionId, setDefaultPositionId] = useState(s.defaultPositionId ?? '');
  const [rows, setRows] = useState<PostingRow[]>(() => toRows(s.positionMap));
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

  const setRow = (key: number, patch: Partial<PostingRow>) =>
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setMessage('');
    const settings: AtsSettingsInput = { sendInvitation };
    if (lever) {
      const { map, problems } = readPostingMap(rows);
      setRowErrors(problems);
      if (Object.keys(problems).length > 0) return;
      settings.positionMap = map;
      settings.triggerStageId = triggerStageId.trim() || null;
      settings.defaultPositionId = defaultPositionId || null;
    }
    const changedName = name.trim() !== connection.name;
    setBusy(true);
    try {
      const saved = await atsApi.update(connection.id, {
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
          <PostingMapFieldset
            id={id}
            rows={rows}
            rowErrors={rowErrors}
            error={error}
            positionOptions={positionOptions}
            onChange={setRow}
            onRemove={(key) => setRows((list) => list.filter((x) => x.key !== key))}
            onAdd={() =>
              setRows((list) => [...list, { key: nextKey.current++, posting: '', positionId: '' }])
            }
          />
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

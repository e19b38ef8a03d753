import type { ReactNode } from 'react';
import { fieldError } from '../../../api.ts';
import { Field } from '../../../components/Form.tsx';
import type { PostingRow } from './posting-map.ts';

/** Lever postings and the position each one's candidates interview for: rows to add, edit and remove. */
export function PostingMapFieldset({
  id,
  rows,
  rowErrors,
  error,
  positionOptions,
  onChange,
  onRemove,
  onAdd,
}: {
  /** the settings form's id, the prefix of the rows' ids */
  id: string;
  rows: PostingRow[];
  /** the problems found before saving, by row key */
  rowErrors: Record<number, string>;
  /** the error of the last save, with any problem of a posting */
  error: unknown;
  positionOptions: ReactNode;
  onChange: (key: number, patch: Partial<PostingRow>) => void;
  onRemove: (key: number) => void;
  onAdd: () => void;
}) {
  return (
    <fieldset className="ats-map">
      <legend>Postings and their positions</legend>
      <p className="hint">Candidates of a Lever posting interview for the position it is mapped to.</p>
      {rows.length === 0 ? <p className="empty">No posting mapped.</p> : null}
      {rows.map((r, i) => {
        const problem =
          rowErrors[r.key] ??
          (r.posting.trim() ? fieldError(error, `settings/positionMap/${r.posting.trim()}`) : undefined);
        return (
          <div className="ats-map-row" key={r.key} data-testid="ats-map-row">
            <Field id={`${id}-posting-${r.key}`} label={`Posting id ${i + 1}`} error={problem}>
              {(aria) => (
                <input
                  {...aria}
                  type="text"
                  spellCheck={false}
                  value={r.posting}
                  onChange={(e) => onChange(r.key, { posting: e.target.value })}
                />
              )}
            </Field>
            <Field id={`${id}-position-${r.key}`} label={`Position ${i + 1}`}>
              {(aria) => (
                <select
                  {...aria}
                  value={r.positionId}
                  onChange={(e) => onChange(r.key, { positionId: e.target.value })}
                >
                  <option value="">Choose a position</option>
                  {positionOptions}
                </select>
              )}
            </Field>
            <button type="button" className="button secondary small" onClick={() => onRemove(r.key)}>
              Remove <span className="sr-only">posting {i + 1}</span>
            </button>
          </div>
        );
      })}
      <button type="button" className="button secondary small" onClick={onAdd}>
        Add a posting
      </button>
    </fieldset>
  );
}

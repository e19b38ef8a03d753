import { useEffect, useState } from 'react';
import { api, PHASE_LABELS, type Phase, type PositionPreview } from '../../api.ts';
import { FormError } from '../Form.tsx';

/**
 * The questions an interview on the saved design asks, in order, if every answer were middling
 * (GET /positions/:id/preview); "another sample" shows a different seed's choice.
 */
export function PositionPreviewCard({ id, version }: { id: string; version: number }) {
  const [seed, setSeed] = useState(1);
  const [preview, setPreview] = useState<PositionPreview | null>(null);
  const [error, setError] = useState<unknown>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new design version previews again
  useEffect(() => {
    let live = true;
    setError(null);
    api.positionPreview(id, seed).then(
      (p) => live && setPreview(p),
      (err) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [id, seed, version]);

  return (
    <section className="card" aria-labelledby="preview-heading" data-testid="position-preview">
      <div className="section-head">
        <h2 id="preview-heading">What an interview asks</h2>
        <button type="button" className="button secondary small" onClick={() => setSeed((s) => s + 1)}>
          Another sample
        </button>
      </div>
      <p className="muted">
        Version {preview?.designVersion ?? version}, in order, if every answer were middling: real interviews
        adapt the difficulty and add follow-ups.
      </p>
      <FormError error={error} />
      {!preview && !error ? <p role="status">Loading…</p> : null}
      {preview ? (
        <ol className="preview-turns">
          {preview.turns.map((t) => (
            <li key={t.turn}>
              <span className="sub">
                {PHASE_LABELS[t.phase as Phase] ?? t.phase}
                {t.required ? ' · required' : ''}
              </span>
              {t.question}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

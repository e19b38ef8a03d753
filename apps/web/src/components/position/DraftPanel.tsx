import { useEffect, useRef, useState } from 'react';
import { api, type DraftPick, PHASE_LABELS, type Phase, type PositionDraft } from '../../api.ts';
import { FormError } from '../Form.tsx';

interface Props {
  title: string;
  description: string;
  length: number;
  onAccept: (draft: PositionDraft, chosen: Set<string>) => void;
}

/**
 * "Draft from description": asks the API to propose interview questions for the job description
 * (from the installed banks, or an LLM where one is configured), shows each with why it was picked,
 * and hands the ones the recruiter keeps to the design. Nothing is saved here.
 */
export function DraftPanel({ title, description, length, onAccept }: Props) {
  const [draft, setDraft] = useState<PositionDraft | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (draft) heading.current?.focus();
  }, [draft]);

  const run = async () => {
    setError(null);
    if (!title.trim() || !description.trim()) {
      setMissing('Enter the title and the job description first.');
      return;
    }
    setMissing('');
    setBusy(true);
    try {
      const d = await api.draftPosition({ title: title.trim(), description, length });
      setDraft(d);
      setChosen(new Set(d.picks.map((p) => p.ref)));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const toggle = (ref: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(ref)) next.delete(ref);
      else next.add(ref);
      return next;
    });

  const phases = (Object.keys(PHASE_LABELS) as Phase[]).filter((p) =>
    draft?.picks.some((q) => q.phase === p),
  );
  return (
    <div className="draft-panel">
      <div className="row">
        <button type="button" className="button secondary" onClick={run} disabled={busy}>
          {busy ? 'Drafting…' : 'Draft from description'}
        </button>
        <span className="hint">Proposes questions for this job; nothing is saved until you save.</span>
      </div>
      {missing ? <p className="field-error">{missing}</p> : null}
      <FormError error={error} />
      {draft ? (
        <section className="draft" aria-labelledby="draft-heading" data-testid="draft">
          <h3 id="draft-heading" tabIndex={-1} ref={heading}>
            Proposed questions
          </h3>
          <p className="muted">
            {draft.source === 'llm'
              ? 'Written by the AI for this job description.'
              : 'Chosen from your installed question banks for this job description.'}{' '}
            The interview asks {length} of them, adapting to the answers. Using them replaces the bank
            questions of the design; your own questions stay.
          </p>
          {draft.notes.length > 0 ? (
            <ul className="alert info draft-notes">
              {draft.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
          {phases.map((phase) => (
            <fieldset key={phase} className="draft-phase">
              <legend>{PHASE_LABELS[phase]}</legend>
              <ul className="draft-picks">
                {draft.picks
                  .filter((p) => p.phase === phase)
                  .map((p) => (
                    <PickRow
                      key={p.ref}
                      pick={p}
                      checked={chosen.has(p.ref)}
                      onToggle={() => toggle(p.ref)}
                    />
                  ))}
              </ul>
            </fieldset>
          ))}
          <div className="row">
            <button
              type="button"
              className="button"
              disabled={chosen.size === 0}
              onClick={() => {
                onAccept(draft, chosen);
                setDraft(null);
              }}
            >
              Use the {chosen.size} selected question{chosen.size === 1 ? '' : 's'}
            </button>
            <button type="button" className="button secondary" onClick={() => setDraft(null)}>
              Discard the draft
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
}

function PickRow({ pick, checked, onToggle }: { pick: DraftPick; checked: boolean; onToggle: () => void }) {
  const id = `pick-${pick.ref.replace(/[^a-z0-9_-]/gi, '-')}`;
  return (
    <li className="draft-pick" data-ref={pick.ref}>
      <input id={id} type="checkbox" checked={checked} onChange={onToggle} aria-describedby={`${id}-why`} />
      <div>
        <label htmlFor={id}>{pick.text}</label>
        <p className="sub" id={`${id}-why`}>
          <strong>Why:</strong> {pick.why}
        </p>
        {pick.competencies.length > 0 ? <p className="sub">{pick.competencies.join(', ')}</p> : null}
      </div>
    </li>
  );
}

import type { ReactNode } from 'react';
import { PHASE_LABELS, type Phase } from '../../api.ts';
import type { DesignQuestion } from '../../position-design.ts';

interface Props {
  questions: DesignQuestion[];
  /** banks whose questions are still loading */
  loading: string[];
  required: string[];
  editable: boolean;
  competencyName: (id: string) => string;
  /** the server's problems about a question, by its ref */
  problems: Map<string, string[]>;
  /** the ref of the own question being edited, whose row shows `editor` instead */
  editing: string | null;
  editor: ReactNode;
  onToggleRequired: (ref: string) => void;
  onEdit: (ref: string) => void;
  onRemove: (q: DesignQuestion) => void;
}

const short = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

/**
 * The design's questions grouped by phase: bank questions and the tenant's own, each with its
 * competencies, a "required" toggle (asked in every interview) and remove (edit for own ones).
 */
export function DesignQuestionList({
  questions,
  loading,
  required,
  editable,
  competencyName,
  problems,
  editing,
  editor,
  onToggleRequired,
  onEdit,
  onRemove,
}: Props) {
  const phases = (Object.keys(PHASE_LABELS) as Phase[]).filter((p) => questions.some((q) => q.phase === p));
  return (
    <div className="design-questions">
      {loading.length > 0 ? (
        <p role="status" className="muted">
          Loading the questions of {loading.join(', ')}…
        </p>
      ) : null}
      {questions.length === 0 && loading.length === 0 ? (
        <p className="empty">
          No question yet: draft them from the job description, add some from a question bank, or write your
          own.
        </p>
      ) : null}
      {phases.map((phase) => {
        const inPhase = questions.filter((q) => q.phase === phase);
        return (
          <section key={phase} className="phase-group" aria-labelledby={`phase-${phase}`}>
            <h3 id={`phase-${phase}`}>
              {PHASE_LABELS[phase]} <span className="muted">({inPhase.length})</span>
            </h3>
            <ul className="design-question-list">
              {inPhase.map((q) => {
                const isRequired = required.includes(q.ref);
                const messages = problems.get(q.ref) ?? [];
                if (editing === q.ref)
                  return (
                    <li key={q.ref} className="design-question editing" data-ref={q.ref}>
                      {editor}
                    </li>
                  );
                return (
                  <li
                    key={q.ref}
                    className={`design-question${messages.length ? ' invalid' : ''}`}
                    data-ref={q.ref}
                    data-testid="design-question"
                  >
                    <div className="dq-main">
                      <p className="dq-text">{q.text}</p>
                      <p className="sub">
                        {q.kind === 'bank' ? `From ${q.bankName}` : 'Your question'} ·{' '}
                        {q.competencies.map(competencyName).join(', ')}
                      </p>
                      {messages.map((m) => (
                        <p key={m} className="field-error">
                          {m}
                        </p>
                      ))}
                    </div>
                    <div className="dq-actions">
                      <label className="check">
                        <input
                          type="checkbox"
                          checked={isRequired}
                          disabled={!editable}
                          onChange={() => onToggleRequired(q.ref)}
                        />
                        Required<span className="sr-only">: {short(q.text)}</span>
                      </label>
                      {editable && q.kind === 'own' ? (
                        <button
                          type="button"
                          className="button secondary small"
                          onClick={() => onEdit(q.ref)}
                        >
                          Edit<span className="sr-only"> “{short(q.text)}”</span>
                        </button>
                      ) : null}
                      {editable ? (
                        <button type="button" className="button danger small" onClick={() => onRemove(q)}>
                          Remove<span className="sr-only"> “{short(q.text)}”</span>
                        </button>
                      ) : null}
                    </div>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  ApiError,
  api,
  type FieldProblem,
  type OwnQuestion,
  type PositionDesign,
  type PositionDetail,
  type PositionFields,
  type PositionStatus,
} from '../../api.ts';
import { StatusBadge } from '../../components/Badges.tsx';
import { Field, FormError } from '../../components/Form.tsx';
import { BankQuestionPicker } from '../../components/position/BankQuestionPicker.tsx';
import { DesignProblems, problemRef, problemsAt } from '../../components/position/DesignProblems.tsx';
import { DesignQuestionList } from '../../components/position/DesignQuestionList.tsx';
import { DesignSettings } from '../../components/position/DesignSettings.tsx';
import { DraftPanel } from '../../components/position/DraftPanel.tsx';
import { OwnQuestionForm, type RubricChoice } from '../../components/position/OwnQuestionForm.tsx';
import { PositionPreviewCard } from '../../components/position/PositionPreviewCard.tsx';
import { useBanks } from '../../components/position/useBanks.ts';
import {
  acceptDraft,
  addBankQuestion,
  designQuestions,
  EMPTY_DESIGN,
  manifestKey,
  removeBankQuestion,
  removeOwnQuestion,
  saveOwnQuestion,
  selectionVersion,
  toggleRequired,
} from '../../position-design.ts';
import { Link, navigate } from '../../router.tsx';
import { roleAtLeast, useDashboard, useTitle } from '../dashboard-context.ts';

interface JobFields {
  title: string;
  department: string;
  location: string;
  description: string;
}

const EMPTY_FIELDS: JobFields = { title: '', department: '', location: '', description: '' };
const NEW_QUESTION = '__new';
const snapshotOf = (fields: JobFields, design: PositionDesign) => JSON.stringify({ fields, design });

/**
 * A position and its interview design (/positions/new, /positions/:id): the job, the questions by
 * phase (drafted from the job description, picked from banks, or the tenant's own), the interview
 * settings; saving creates version 1 or the next version (If-Match), then previews the interview.
 */
export function PositionEditorPage({ id }: { id: string | null }) {
  const { me } = useDashboard();
  const canEdit = roleAtLeast(me.role, 'recruiter');
  const [fields, setFields] = useState<JobFields>(EMPTY_FIELDS);
  const [design, setDesign] = useState<PositionDesign>(EMPTY_DESIGN);
  const [saved, setSaved] = useState<PositionDetail | null>(null);
  const [snapshot, setSnapshot] = useState(() => snapshotOf(EMPTY_FIELDS, EMPTY_DESIGN));
  const [loadError, setLoadError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [conflict, setConflict] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const justCreated = useRef<string | null>(null);
  const problemsBox = useRef<HTMLDivElement>(null);
  const banks = useBanks(design);
  useTitle(saved?.title ?? 'New position');

  const show = useCallback((p: PositionDetail) => {
    const f = {
      title: p.title,
      department: p.department ?? '',
      location: p.location ?? '',
      description: p.description,
    };
    setSaved(p);
    setFields(f);
    setDesign(p.design);
    setSnapshot(snapshotOf(f, p.design));
  }, []);

  useEffect(() => {
    if (id !== null && id === justCreated.current) return;
    setSaved(null);
    setLoadError(null);
    setProblems([]);
    setConflict(null);
    setMessage('');
    setEditing(null);
    if (id === null) {
      setFields(EMPTY_FIELDS);
      setDesign(EMPTY_DESIGN);
      setSnapshot(snapshotOf(EMPTY_FIELDS, EMPTY_DESIGN));
      return;
    }
    let live = true;
    api.position(id).then(
      (p) => live && show(p),
      (err) => live && setLoadError(err),
    );
    return () => {
      live = false;
    };
  }, [id, show]);

  useEffect(() => {
    if (problems.length > 0 || conflict !== null) problemsBox.current?.focus();
  }, [problems, conflict]);

  const { questions, loading } = designQuestions(design, banks.manifests, banks.versions);

  /** every competency the design can use (its banks' and its own): id → name */
  const competencyNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const selection of design.banks) {
      const version = selectionVersion(selection, banks.versions);
      const m = version ? banks.manifests.get(manifestKey(selection.pluginId, version)) : undefined;
      for (const c of m?.competencies ?? []) if (!names.has(c.id)) names.set(c.id, c.name);
    }
    for (const c of design.competencies) names.set(c.id, c.name);
    return names;
  }, [design.banks, design.competencies, banks.manifests, banks.versions]);

  const bankRubrics = useMemo(() => {
    const out: RubricChoice[] = [];
    for (const selection of design.banks) {
      const version = selectionVersion(selection, banks.versions);
      const m = version ? banks.manifests.get(manifestKey(selection.pluginId, version)) : undefined;
      for (const r of m?.rubrics ?? [])
        out.push({
          ref: `${selection.pluginId}/${r.id}`,
          label: `${m!.name}: ${competencyNames.get(r.competency) ?? r.competency}`,
        });
    }
    return out;
  }, [design.banks, banks.manifests, banks.versions, competencyNames]);

  const problemsByRef = useMemo(() => {
    const byRef = new Map<string, string[]>();
    for (const p of problems) {
      const ref = problemRef(p, design);
      if (ref) byRef.set(ref, [...(byRef.get(ref) ?? []), p.message]);
    }
    return byRef;
  }, [problems, design]);

  const save = async (version?: number) => {
    setMessage('');
    setError(null);
    setProblems([]);
    if (!fields.title.trim()) {
      setProblems([{ path: '/title', message: 'Enter the position’s title.' }]);
      return;
    }
    const body: PositionFields = {
      title: fields.title.trim(),
      department: fields.department.trim() || null,
      location: fields.location.trim() || null,
      description: fields.description,
      design,
    };
    setBusy(true);
    try {
      const p = saved
        ? await api.updatePosition(saved.id, version ?? saved.designVersion, body)
        : await api.createPosition(body);
      setConflict(null);
      show(p);
      setMessage(`Saved version ${p.designVersion}.`);
      if (!saved) {
        justCreated.current = p.id;
        navigate(`/positions/${p.id}`, { replace: true });
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'version_conflict')
        setConflict(Number(err.body['currentVersion']) || 0);
      else if (err instanceof ApiError && err.errors.length > 0) setProblems(err.errors);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const reload = async () => {
    if (!saved) return;
    setError(null);
    try {
      const p = await api.position(saved.id);
      show(p);
      setConflict(null);
      setProblems([]);
      setMessage(`Loaded version ${p.designVersion}.`);
    } catch (err) {
      setError(err);
    }
  };

  const setStatus = async (status: PositionStatus) => {
    if (!saved) return;
    setError(null);
    try {
      const p = await api.setPositionStatus(saved.id, status);
      setSaved((s) => (s ? { ...s, ...p } : s));
      setMessage(status === 'open' ? 'The position is open.' : 'The position is closed: no new interviews.');
    } catch (err) {
      setError(err);
    }
  };

  if (id !== null && !saved) {
    return (
      <section>
        <p className="breadcrumb">
          <Link href="/positions">Positions</Link> / Position
        </p>
        <h1 tabIndex={-1}>Position</h1>
        {loadError ? <FormError error={loadError} /> : <p role="status">Loading…</p>}
      </section>
    );
  }

  const setField = (name: keyof JobFields) => (e: { target: { value: string } }) =>
    setFields((f) => ({ ...f, [name]: e.target.value }));
  const fieldProblem = (name: string) => problemsAt(problems, `/${name}`).join(' ') || undefined;
  const dirty = snapshotOf(fields, design) !== snapshot;

  const editor = (question: OwnQuestion | null) => (
    <OwnQuestionForm
      key={question?.id ?? NEW_QUESTION}
      idPrefix={question ? `oq-${question.id}` : 'oq-new'}
      question={question}
      design={design}
      competencyNames={competencyNames}
      bankRubrics={bankRubrics}
      onSave={(q, rubric, competencies) => {
        setDesign((d) => saveOwnQuestion(d, q, rubric, competencies, question?.id));
        setEditing(null);
      }}
      onCancel={() => setEditing(null)}
    />
  );
  const editingOwn = design.questions.find((q) => q.id === editing) ?? null;

  return (
    <>
      <p className="breadcrumb">
        <Link href="/positions">Positions</Link> / {saved ? saved.title : 'New position'}
      </p>
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>{saved ? saved.title : 'New position'}</h1>
          {saved ? (
            <p className="muted" data-testid="position-meta">
              <StatusBadge value={saved.status === 'open' ? 'open' : 'closed'} /> · design version{' '}
              {saved.designVersion} · {saved.interviews} interview{saved.interviews === 1 ? '' : 's'}
            </p>
          ) : (
            <p className="muted">Describe the job, then choose the questions its interviews ask.</p>
          )}
        </div>
        {saved && canEdit ? (
          <div className="row">
            {saved.status === 'open' ? (
              <Link href={`/schedule?positionId=${encodeURIComponent(saved.id)}`} className="button">
                Schedule an interview
              </Link>
            ) : null}
            <button
              type="button"
              className="button secondary"
              onClick={() => setStatus(saved.status === 'open' ? 'closed' : 'open')}
            >
              {saved.status === 'open' ? 'Close the position' : 'Reopen the position'}
            </button>
          </div>
        ) : null}
      </div>
      {!canEdit ? <p className="alert info">You can read this position; recruiters edit it.</p> : null}

      <fieldset className="plain" disabled={!canEdit}>
        <section className="card" aria-labelledby="job-heading">
          <h2 id="job-heading">The job</h2>
          <Field id="position-title" label="Title" error={fieldProblem('title')}>
            {(aria) => <input {...aria} type="text" value={fields.title} onChange={setField('title')} />}
          </Field>
          <div className="field-row">
            <Field id="position-department" label="Department (optional)" error={fieldProblem('department')}>
              {(aria) => (
                <input {...aria} type="text" value={fields.department} onChange={setField('department')} />
              )}
            </Field>
            <Field id="position-location" label="Location (optional)" error={fieldProblem('location')}>
              {(aria) => (
                <input {...aria} type="text" value={fields.location} onChange={setField('location')} />
              )}
            </Field>
          </div>
          <Field
            id="position-description"
            label="Job description"
            error={fieldProblem('description')}
            hint="Paste the job ad: the draft picks questions that match it."
          >
            {(aria) => (
              <textarea {...aria} rows={8} value={fields.description} onChange={setField('description')} />
            )}
          </Field>
          {canEdit ? (
            <DraftPanel
              title={fields.title}
              description={fields.description}
              length={Number.isInteger(design.length) ? design.length : EMPTY_DESIGN.length}
              onAccept={(draft, chosen) => {
                setDesign((d) => acceptDraft(d, draft, chosen));
                setMessage(`${chosen.size} drafted questions are in the design: review them, then save.`);
              }}
            />
          ) : null}
        </section>

        <section className="card" aria-labelledby="questions-heading">
          <div className="section-head">
            <h2 id="questions-heading">Questions</h2>
            <span className="muted">
              {questions.length} to choose from; each interview asks {design.length}
            </span>
          </div>
          <DesignQuestionList
            questions={questions}
            loading={loading}
            required={design.required}
            editable={canEdit}
            competencyName={(c) => competencyNames.get(c) ?? c}
            problems={problemsByRef}
            editing={editingOwn ? editingOwn.id : null}
            editor={editingOwn ? editor(editingOwn) : null}
            onToggleRequired={(ref) => setDesign((d) => toggleRequired(d, ref))}
            onEdit={setEditing}
            onRemove={(q) =>
              setDesign((d) =>
                q.kind === 'bank'
                  ? removeBankQuestion(d, q.pluginId, q.questionId)
                  : removeOwnQuestion(d, q.ref),
              )
            }
          />
          {canEdit ? (
            <div className="add-questions">
              {editing === NEW_QUESTION ? (
                <div className="design-question editing">
                  <h3>Your question</h3>
                  {editor(null)}
                </div>
              ) : (
                <button type="button" className="button secondary" onClick={() => setEditing(NEW_QUESTION)}>
                  Add your own question
                </button>
              )}
              <details className="bank-details">
                <summary>Add questions from a question bank</summary>
                <BankQuestionPicker
                  design={design}
                  installed={banks.installed}
                  versions={banks.versions}
                  manifests={banks.manifests}
                  load={banks.load}
                  onAdd={(pluginId, version, questionId) =>
                    setDesign((d) => addBankQuestion(d, pluginId, version, questionId))
                  }
                />
              </details>
            </div>
          ) : null}
          {banks.error ? <FormError error={banks.error} /> : null}
        </section>

        <section className="card" aria-labelledby="settings-heading">
          <h2 id="settings-heading">Interview settings</h2>
          <DesignSettings design={design} onChange={setDesign} problems={problems} />
        </section>
      </fieldset>

      {canEdit ? (
        <div className="save-area">
          <div ref={problemsBox} tabIndex={-1} className="problems-box">
            {conflict !== null ? (
              <div className="alert warn" role="alert" data-testid="version-conflict">
                <p className="alert-title">
                  Someone else saved version {conflict} of this position while you were editing: reload to see
                  it. Your changes are still here until you do.
                </p>
                <div className="row">
                  <button
                    type="button"
                    className="button secondary small"
                    onClick={() => {
                      if (window.confirm(`Load version ${conflict} and discard your changes?`)) void reload();
                    }}
                  >
                    Reload version {conflict}
                  </button>
                  <button type="button" className="button secondary small" onClick={() => save(conflict)}>
                    Save mine over it
                  </button>
                </div>
              </div>
            ) : null}
            <DesignProblems problems={problems} design={design} />
          </div>
          <FormError error={error} />
          <div className="save-bar">
            <button type="button" className="button" onClick={() => save()} disabled={busy}>
              {busy ? 'Saving…' : 'Save position'}
            </button>
            <span role="status" className="ok-text">
              {message}
            </span>
            {dirty ? <span className="muted">Unsaved changes</span> : null}
          </div>
        </div>
      ) : null}

      {saved ? <PositionPreviewCard id={saved.id} version={saved.designVersion} /> : null}
    </>
  );
}

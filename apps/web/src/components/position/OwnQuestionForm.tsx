import { type FormEvent, useState } from 'react';
import {
  type DesignCompetency,
  type OwnQuestion,
  type OwnRubric,
  PHASE_LABELS,
  type Phase,
  type PositionDesign,
} from '../../api.ts';
import { defaultRubric, slug, uniqueId } from '../../position-design.ts';
import { Field } from '../Form.tsx';

const NEW_RUBRIC = '__new';
const LEVELS = ['1', '2', '3', '4', '5'] as const;
type Levels = OwnRubric['criteria'][number]['levels'];

export interface RubricChoice {
  /** `<pluginId>/<rubricId>` */
  ref: string;
  label: string;
}

interface Props {
  /** prefixes the ids of the form's controls */
  idPrefix: string;
  /** the question edited; null adds one */
  question: OwnQuestion | null;
  design: PositionDesign;
  /** every competency known to the design (its banks' and its own): id → name */
  competencyNames: Map<string, string>;
  /** the rubrics of the design's banks an own question may use */
  bankRubrics: RubricChoice[];
  onSave: (question: OwnQuestion, rubric: OwnRubric | null, newCompetencies: DesignCompetency[]) => void;
  onCancel: () => void;
}

const splitNames = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Adds or edits one of the tenant's own questions: text, phase, competencies, expected points,
 * reference answer and rubric. A new question gets a rubric of its own on its first competency,
 * with five level descriptors to keep or edit; it may use an own or a bank's rubric instead.
 */
export function OwnQuestionForm({
  idPrefix,
  question,
  design,
  competencyNames,
  bankRubrics,
  onSave,
  onCancel,
}: Props) {
  const ownRubric = (id: string) => design.rubrics.find((r) => r.id === id);
  const [text, setText] = useState(question?.text ?? '');
  const [phase, setPhase] = useState<Phase>(question?.phase ?? 'technical');
  const [competencies, setCompetencies] = useState(
    question ? question.competencies.map((c) => competencyNames.get(c) ?? c).join(', ') : '',
  );
  const [difficulty, setDifficulty] = useState(question?.difficulty ?? 3);
  const [points, setPoints] = useState(question?.expectedPoints.map((p) => p.text).join('\n') ?? '');
  const [reference, setReference] = useState(question?.referenceAnswer ?? '');
  const [rubricChoice, setRubricChoice] = useState(question?.rubric ?? NEW_RUBRIC);
  const initial = question ? ownRubric(question.rubric)?.criteria[0] : undefined;
  /** null: the generated default, which follows the first competency until edited */
  const [criterion, setCriterion] = useState<{ name: string; levels: Levels } | null>(
    initial ? { name: initial.name, levels: initial.levels } : null,
  );
  const [problems, setProblems] = useState<Record<string, string>>({});

  const names = splitNames(competencies);
  const first = names[0] ?? '';
  const isOwnRubric = rubricChoice === NEW_RUBRIC || !!ownRubric(rubricChoice);
  const generated = defaultRubric('x', slug(first || 'answer'), first || 'the competency').criteria[0]!;
  const shown = criterion ?? { name: generated.name, levels: generated.levels };

  const chooseRubric = (value: string) => {
    setRubricChoice(value);
    const r = ownRubric(value)?.criteria[0];
    setCriterion(r ? { name: r.name, levels: r.levels } : null);
  };

  const knownId = (name: string): string | undefined => {
    const lower = name.toLowerCase();
    for (const [id, n] of competencyNames) if (id === lower || n.toLowerCase() === lower) return id;
    return undefined;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    e.stopPropagation();
    const found: Record<string, string> = {};
    if (text.trim().length < 2) found['text'] = 'Write the question.';
    if (names.length === 0) found['competencies'] = 'Name at least one competency.';
    else if (names.length > 10) found['competencies'] = 'At most 10 competencies.';
    const lines = points
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length > 20) found['points'] = 'At most 20 expected points.';
    if (isOwnRubric && (!shown.name.trim() || LEVELS.some((l) => !shown.levels[l].trim())))
      found['rubric'] = 'Describe every level of the rubric.';
    setProblems(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(`${idPrefix}-${Object.keys(found)[0]}`)?.focus();
      return;
    }

    const newCompetencies: DesignCompetency[] = [];
    const competencyIds = [
      ...new Set(
        names.map((n) => {
          const known = knownId(n);
          if (known) return known;
          const id = slug(n, 64);
          newCompetencies.push({ id, name: n.slice(0, 120), description: n.slice(0, 2000) });
          return id;
        }),
      ),
    ];
    const id =
      question?.id ??
      uniqueId(
        slug(text, 40),
        design.questions.map((q) => q.id),
      );
    const previousPoints = question?.expectedPoints ?? [];
    const taken = new Set<string>();
    const expectedPoints = lines.map((line, i) => {
      const same = previousPoints.find((p) => p.text === line && !taken.has(p.id));
      const point = same ?? {
        id: uniqueId(`point-${i + 1}`, [...taken, ...previousPoints.map((p) => p.id)]),
        text: line,
      };
      taken.add(point.id);
      return point;
    });

    let rubric: OwnRubric | null = null;
    let rubricId = rubricChoice;
    const criterionOut = { name: shown.name.trim(), levels: shown.levels };
    if (rubricChoice === NEW_RUBRIC) {
      rubricId = uniqueId(
        `${id.slice(0, 56)}-rubric`,
        design.rubrics.map((r) => r.id),
      );
      rubric = {
        id: rubricId,
        competency: competencyIds[0]!,
        criteria: [{ id: 'answer', weight: 1, ...criterionOut }],
      };
    } else {
      const existing = ownRubric(rubricChoice);
      if (existing) {
        const onlyHere = design.questions.every((q) => q.rubric !== existing.id || q.id === question?.id);
        rubric = {
          ...existing,
          competency: onlyHere ? competencyIds[0]! : existing.competency,
          criteria: [{ ...existing.criteria[0]!, ...criterionOut }, ...existing.criteria.slice(1)],
        };
      }
    }

    const trimmedReference = reference.trim();
    onSave(
      {
        id,
        phase,
        text: text.trim(),
        competencies: competencyIds,
        difficulty,
        expectedPoints,
        followUps: question?.followUps ?? [],
        rubric: rubricId,
        ...(trimmedReference ? { referenceAnswer: trimmedReference } : {}),
        ...(question?.timeLimitSec ? { timeLimitSec: question.timeLimitSec } : {}),
      },
      rubric,
      newCompetencies,
    );
  };

  const idOf = (name: string) => `${idPrefix}-${name}`;
  return (
    <form
      className="own-question-form"
      onSubmit={submit}
      noValidate
      aria-label={question ? 'Edit your question' : 'Add your question'}
    >
      <Field id={idOf('text')} label="Question" error={problems['text']}>
        {(aria) => <textarea {...aria} rows={3} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <div className="field-row">
        <Field id={idOf('phase')} label="Phase">
          {(aria) => (
            <select {...aria} value={phase} onChange={(e) => setPhase(e.target.value as Phase)}>
              {(Object.keys(PHASE_LABELS) as Phase[]).map((p) => (
                <option key={p} value={p}>
                  {PHASE_LABELS[p]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={idOf('difficulty')} label="Difficulty (1–5)">
          {(aria) => (
            <select {...aria} value={difficulty} onChange={(e) => setDifficulty(Number(e.target.value))}>
              {[1, 2, 3, 4, 5].map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field
        id={idOf('competencies')}
        label="Competencies"
        error={problems['competencies']}
        hint="Separated by commas; a bank’s competency by its name, or a new one."
      >
        {(aria) => (
          <>
            <input
              {...aria}
              type="text"
              list={idOf('competency-names')}
              value={competencies}
              onChange={(e) => setCompetencies(e.target.value)}
            />
            <datalist id={idOf('competency-names')}>
              {[...competencyNames.values()].map((n) => (
                <option key={n} value={n} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field
        id={idOf('points')}
        label="Expected points (optional)"
        error={problems['points']}
        hint="One per line: what a good answer covers. The evaluator checks each."
      >
        {(aria) => <textarea {...aria} rows={3} value={points} onChange={(e) => setPoints(e.target.value)} />}
      </Field>
      <Field
        id={idOf('reference')}
        label="Reference answer (optional)"
        hint="A strong answer, for scoring only: candidates never see it."
      >
        {(aria) => (
          <textarea {...aria} rows={3} value={reference} onChange={(e) => setReference(e.target.value)} />
        )}
      </Field>
      <Field id={idOf('rubricChoice')} label="Rubric">
        {(aria) => (
          <select {...aria} value={rubricChoice} onChange={(e) => chooseRubric(e.target.value)}>
            <option value={NEW_RUBRIC}>A new rubric for this question</option>
            {design.rubrics.length > 0 ? (
              <optgroup label="Your rubrics">
                {design.rubrics.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.criteria[0]?.name ?? r.id} ({competencyNames.get(r.competency) ?? r.competency})
                  </option>
                ))}
              </optgroup>
            ) : null}
            {bankRubrics.length > 0 ? (
              <optgroup label="From the question banks">
                {bankRubrics.map((r) => (
                  <option key={r.ref} value={r.ref}>
                    {r.label}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        )}
      </Field>
      {isOwnRubric ? (
        <fieldset className="rubric-levels">
          <legend>
            Rubric levels{rubricChoice === NEW_RUBRIC ? ': a starting point, edit as you like' : ''}
          </legend>
          {problems['rubric'] ? (
            <p className="field-error" id={idOf('rubric')} tabIndex={-1}>
              {problems['rubric']}
            </p>
          ) : null}
          <Field id={idOf('criterion')} label="What is scored">
            {(aria) => (
              <input
                {...aria}
                type="text"
                value={shown.name}
                onChange={(e) => setCriterion({ ...shown, name: e.target.value })}
              />
            )}
          </Field>
          {LEVELS.map((level) => (
            <Field key={level} id={idOf(`level-${level}`)} label={`Level ${level}`}>
              {(aria) => (
                <textarea
                  {...aria}
                  rows={2}
                  value={shown.levels[level]}
                  onChange={(e) =>
                    setCriterion({ ...shown, levels: { ...shown.levels, [level]: e.target.value } })
                  }
                />
              )}
            </Field>
          ))}
        </fieldset>
      ) : (
        <p className="hint">The bank’s rubric scores the answers.</p>
      )}
      <div className="row">
        <button type="submit" className="button">
          {question ? 'Save question' : 'Add question'}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

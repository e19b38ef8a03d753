import { useEffect, useState } from 'react';
import type { FieldProblem, PositionDesign, Thresholds } from '../../api.ts';
import { DEFAULT_THRESHOLDS } from '../../position-design.ts';
import { Field } from '../Form.tsx';
import { problemsAt } from './DesignProblems.tsx';

interface Props {
  design: PositionDesign;
  onChange: (design: PositionDesign) => void;
  problems: FieldProblem[];
}

/** A number input that lets the user clear and retype it; reports a number, or NaN while invalid. */
function NumberInput({
  value,
  onChange,
  ...rest
}: {
  id: string;
  value: number;
  min: number;
  max: number;
  onChange: (n: number) => void;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}) {
  const [text, setText] = useState(String(value));
  useEffect(() => {
    setText((t) => (Number(t) === value ? t : String(value)));
  }, [value]);
  return (
    <input
      {...rest}
      type="number"
      inputMode="numeric"
      step={1}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(e.target.value.trim() === '' ? Number.NaN : Number(e.target.value));
      }}
    />
  );
}

const THRESHOLD_FIELDS: [keyof Thresholds, string][] = [
  ['strongHire', 'Strong hire from'],
  ['hire', 'Hire from'],
  ['leanNo', 'Lean no from'],
];

/** How the position's interviews run: length, starting difficulty, recommendation thresholds, AI notice. */
export function DesignSettings({ design, onChange, problems }: Props) {
  const at = (path: string) => problemsAt(problems, `/design/${path}`).join(' ') || undefined;
  const thresholds = design.thresholds;
  return (
    <>
      <div className="field-row">
        <Field
          id="position-length"
          label="Questions per interview"
          error={at('length')}
          hint="5 to 30; follow-up questions count too."
        >
          {(aria) => (
            <NumberInput
              {...aria}
              min={5}
              max={30}
              value={design.length}
              onChange={(length) => onChange({ ...design, length })}
            />
          )}
        </Field>
        <Field
          id="position-difficulty"
          label="Starting difficulty"
          error={at('difficultyStart')}
          hint="1 (easy) to 5; it adapts to the answers."
        >
          {(aria) => (
            <select
              {...aria}
              value={design.difficultyStart}
              onChange={(e) => onChange({ ...design, difficultyStart: Number(e.target.value) })}
            >
              {[1, 2, 3, 4, 5].map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="thresholds">
        <legend>Recommendation thresholds</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={thresholds !== null}
            onChange={(e) =>
              onChange({ ...design, thresholds: e.target.checked ? { ...DEFAULT_THRESHOLDS } : null })
            }
          />
          Set this position’s own thresholds (otherwise {DEFAULT_THRESHOLDS.strongHire}/
          {DEFAULT_THRESHOLDS.hire}/{DEFAULT_THRESHOLDS.leanNo})
        </label>
        {thresholds ? (
          <div className="field-row">
            {THRESHOLD_FIELDS.map(([key, label]) => (
              <Field key={key} id={`position-threshold-${key}`} label={label} error={at(`thresholds/${key}`)}>
                {(aria) => (
                  <NumberInput
                    {...aria}
                    min={0}
                    max={100}
                    value={thresholds[key]}
                    onChange={(n) => onChange({ ...design, thresholds: { ...thresholds, [key]: n } })}
                  />
                )}
              </Field>
            ))}
          </div>
        ) : null}
        {at('thresholds') && thresholds ? <p className="field-error">{at('thresholds')}</p> : null}
      </fieldset>
      <Field
        id="position-aiNotice"
        label="AI notice (optional)"
        error={at('aiNotice')}
        hint="Shown to the candidate before the interview starts; empty: the standard notice."
      >
        {(aria) => (
          <textarea
            {...aria}
            rows={2}
            value={design.aiNotice ?? ''}
            onChange={(e) => onChange({ ...design, aiNotice: e.target.value.trim() ? e.target.value : null })}
          />
        )}
      </Field>
    </>
  );
}

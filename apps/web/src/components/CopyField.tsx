import { CopyButton } from './CopyButton.tsx';
import { Field } from './Form.tsx';

/** A labelled read-only value (a key, a URL) with a button that copies it; focusing it selects it. */
export function CopyField({
  id,
  label,
  value,
  copyLabel,
  data,
}: {
  id: string;
  label: string;
  value: string;
  copyLabel: string;
  /** data-* attributes of the input, e.g. for tests */
  data?: Record<`data-${string}`, string>;
}) {
  return (
    <Field id={id} label={label}>
      {(aria) => (
        <div className="copy-row">
          <input {...aria} type="text" readOnly value={value} {...data} onFocus={(e) => e.target.select()} />
          <CopyButton text={value} label={copyLabel} />
        </div>
      )}
    </Field>
  );
}

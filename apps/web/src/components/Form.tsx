import type { ReactNode } from 'react';
import { ApiError, errorMessage, type Role } from '../api.ts';

/** The problem's detail, announced; field errors are shown next to their fields. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  const fieldsOnly =
    error instanceof ApiError && error.code === 'validation_failed' && error.errors.length > 0;
  return (
    <div className="alert error" role="alert">
      {fieldsOnly ? 'Please correct the highlighted fields.' : errorMessage(error)}
      {error instanceof ApiError && error.errors.some((e) => !e.path.startsWith('/body/')) ? (
        <ul>
          {error.errors
            .filter((e) => !e.path.startsWith('/body/'))
            .map((e) => (
              <li key={e.path}>
                {e.path}: {e.message}
              </li>
            ))}
        </ul>
      ) : null}
    </div>
  );
}

interface FieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  children: (aria: {
    id: string;
    'aria-invalid': boolean | undefined;
    'aria-describedby': string | undefined;
  }) => ReactNode;
}

/** A labelled control with its hint and error wired up through aria-describedby. */
export function Field({ id, label, error, hint, children }: FieldProps) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described || undefined })}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A role picker limited to the roles the signed-in user may grant. */
export function RoleField({
  id,
  value,
  onChange,
  roles,
  error,
}: {
  id: string;
  value: Role;
  onChange: (role: Role) => void;
  roles: readonly Role[];
  error?: string | undefined;
}) {
  return (
    <Field id={id} label="Role" error={error}>
      {(aria) => (
        <select {...aria} value={value} onChange={(e) => onChange(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

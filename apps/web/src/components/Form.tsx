import { type ReactNode, useContext } from 'react';
import { ApiError, errorMessage, planLimitProblem, type Role } from '../api.ts';
import { DashboardContext } from '../pages/dashboard-context.ts';
import { Link } from '../router.tsx';

/**
 * The problem's detail, announced; field errors are shown next to their fields. A plan's limit
 * (402) says what the plan allows and links to the Billing page (only an owner can upgrade).
 */
export function FormError({ error }: { error: unknown }) {
  const role = useContext(DashboardContext)?.me.role;
  if (!error) return null;
  const limit = planLimitProblem(error);
  if (limit) {
    const owner = role === undefined || role === 'owner';
    return (
      <div className="alert error" role="alert" data-code={(error as ApiError).code}>
        {limit.text}{' '}
        {owner ? (
          <Link href="/billing">{limit.action}</Link>
        ) : (
          <>
            An owner can change the plan in <Link href="/billing">Billing</Link>
          </>
        )}
        .
      </div>
    );
  }
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

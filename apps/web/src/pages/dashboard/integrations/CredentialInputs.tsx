import { fieldError } from '../../../api.ts';
import { Field } from '../../../components/Form.tsx';
import type { AtsConnection, AtsProvider, CredentialValues } from './ats-api.ts';
import { credentialHint, credentialLabel, PROVIDERS } from './ats-providers.ts';

/**
 * Password inputs for the secrets an ATS takes; empty ones are not sent (see `typedCredentials`).
 * With `current`, each hint says whether its secret is set (and its last characters).
 */
export function CredentialInputs({
  provider,
  values,
  onChange,
  error,
  current,
  prefix,
}: {
  provider: AtsProvider;
  values: CredentialValues;
  onChange: (v: CredentialValues) => void;
  error: unknown;
  current?: AtsConnection['credentials'];
  prefix: string;
}) {
  return (
    <div className="field-row">
      {PROVIDERS[provider].credentials.map((field) => {
        const state = current?.find((c) => c.field === field);
        const hint = current
          ? state?.set
            ? `set (${state.hint})`
            : 'not set'
          : credentialHint(provider, field);
        return (
          <Field
            key={field}
            id={`${prefix}-${field}`}
            label={credentialLabel(provider, field)}
            error={fieldError(error, `credentials/${field}`)}
            hint={hint}
          >
            {(aria) => (
              <input
                {...aria}
                type="password"
                autoComplete="new-password"
                spellCheck={false}
                value={values[field] ?? ''}
                onChange={(e) => onChange({ ...values, [field]: e.target.value })}
              />
            )}
          </Field>
        );
      })}
    </div>
  );
}

/** Only the secrets typed in, trimmed; none typed: undefined. */
export function typedCredentials(values: CredentialValues): CredentialValues | undefined {
  const entries = Object.entries(values)
    .map(([k, v]) => [k, v?.trim() ?? ''] as const)
    .filter(([, v]) => v !== '');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

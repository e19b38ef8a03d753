import { type FormEvent, useState } from 'react';
import { ApiError, api, fieldError } from '../../api.ts';
import { Field, FormError } from '../../components/Form.tsx';
import { Link } from '../../router.tsx';
import { useTitle } from '../dashboard-context.ts';

export function LoginPage({ onLogin }: { onLogin: (token: string) => void }) {
  useTitle('Sign in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [tenant, setTenant] = useState('');
  const [needTenant, setNeedTenant] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const notice = sessionStorage.getItem('aii.logoutReason');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api.login({ email, password, ...(tenant.trim() ? { tenant: tenant.trim() } : {}) });
      onLogin(res.token);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'tenant_required') setNeedTenant(true);
      setError(err);
      setBusy(false);
    }
  };

  return (
    <main className="login" id="main">
      <form className="card login-card" onSubmit={submit} noValidate>
        <h1>Sign in</h1>
        <p className="muted">The recruiter dashboard of AI Interviewer.</p>
        {notice ? (
          <p className="alert info" role="status">
            {notice}
          </p>
        ) : null}
        <FormError error={error} />
        <Field id="login-email" label="Email" error={fieldError(error, 'email')}>
          {(aria) => (
            <input
              {...aria}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field id="login-password" label="Password" error={fieldError(error, 'password')}>
          {(aria) => (
            <input
              {...aria}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        {needTenant ? (
          <Field
            id="login-tenant"
            label="Workspace"
            hint="Your email belongs to several workspaces: enter the workspace's short name (slug)."
            error={fieldError(error, 'tenant')}
          >
            {(aria) => (
              <input
                {...aria}
                type="text"
                autoComplete="organization"
                value={tenant}
                onChange={(e) => setTenant(e.target.value)}
              />
            )}
          </Field>
        ) : null}
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p>
          <Link href="/forgot-password">Forgot your password?</Link>
        </p>
      </form>
    </main>
  );
}

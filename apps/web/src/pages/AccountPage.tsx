import { type FormEvent, useState } from 'react';
import { api, fieldError, session } from '../api.ts';
import { Field, FormError } from '../components/Form.tsx';
import { Link, navigate } from '../router.tsx';
import '../styles/dashboard.css';
import { useTitle } from './dashboard-context.ts';

/**
 * The pages a member reaches without signing in: "forgot your password" (asks for a link by
 * email) and "set your password" (from a reset or invitation link). The link's token travels in
 * the URL's #fragment, which browsers never send to a server, and is taken out of the address bar
 * as soon as the page has read it.
 */
export default function AccountPage({ page }: { page: 'forgot' | 'set' }) {
  return (
    <main className="login" id="main">
      {page === 'forgot' ? <Forgot /> : <SetPassword />}
    </main>
  );
}

function Forgot() {
  useTitle('Reset your password');
  const [email, setEmail] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setDone((await api.requestPasswordReset(email.trim())).message);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card login-card" onSubmit={submit} noValidate>
      <h1>Reset your password</h1>
      {done ? (
        <p className="alert info" role="status">
          {done}
        </p>
      ) : (
        <>
          <p className="muted">We email you a link to choose a new password.</p>
          <FormError error={error} />
          <Field id="forgot-email" label="Email" error={fieldError(error, 'email')}>
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
          <button type="submit" className="button" disabled={busy}>
            Email me a link
          </button>
        </>
      )}
      <p>
        <Link href="/login">Back to sign in</Link>
      </p>
    </form>
  );
}

/** The link's token and what it is for, read once from the #fragment (then removed from the URL). */
function readLink(): { token: string; invitation: boolean } {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const token = params.get('token') ?? '';
  if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
  return { token, invitation: params.get('for') === 'invitation' };
}

function SetPassword() {
  const [link] = useState(readLink);
  useTitle(link.invitation ? 'Choose your password' : 'Choose a new password');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMismatch(password !== repeat);
    if (password !== repeat) return;
    setBusy(true);
    setError(null);
    try {
      const res = await api.setPassword(link.token, password);
      session.token = res.token;
      navigate('/interviews', { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  if (!link.token)
    return (
      <div className="card login-card">
        <h1>This link is incomplete</h1>
        <p>Open the link from your email again, or ask for a new one.</p>
        <p>
          <Link href="/forgot-password">Ask for a new link</Link>
        </p>
      </div>
    );

  return (
    <form className="card login-card" onSubmit={submit} noValidate>
      <h1>{link.invitation ? 'Welcome: choose your password' : 'Choose a new password'}</h1>
      <p className="muted">At least 10 characters. The link works once.</p>
      <FormError error={error} />
      <Field id="new-password" label="New password" error={fieldError(error, 'password')}>
        {(aria) => (
          <input
            {...aria}
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      <Field
        id="repeat-password"
        label="Repeat the password"
        error={mismatch ? 'The two passwords differ.' : undefined}
      >
        {(aria) => (
          <input
            {...aria}
            type="password"
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Saving…' : 'Save and sign in'}
      </button>
      <p>
        <Link href="/forgot-password">Ask for a new link</Link>
      </p>
    </form>
  );
}

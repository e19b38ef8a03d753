import { type FormEvent, useState } from 'react';
import { api, fieldError, formatDate, type Role, type User } from '../../api.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { Field, FormError, RoleField } from '../../components/Form.tsx';
import { ROLES, useDashboard, useTitle } from '../dashboard-context.ts';
import { usePaged } from './usePaged.ts';

export function TeamPage() {
  useTitle('Team');
  const { me } = useDashboard();
  const users = usePaged((cursor) => api.users(cursor));
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const grantable = me.role === 'owner' ? ROLES : ROLES.filter((r) => r !== 'owner');

  const changeRole = async (u: User, role: Role) => {
    setError(null);
    setMessage('');
    try {
      const updated = await api.updateUser(u.id, { role });
      users.setItems((items) => items.map((x) => (x.id === u.id ? updated : x)));
      setMessage(`${u.email} is now ${role}.`);
    } catch (err) {
      setError(err);
    }
  };

  const remove = async (u: User) => {
    if (!window.confirm(`Remove ${u.email} from the team?`)) return;
    setError(null);
    setMessage('');
    try {
      await api.removeUser(u.id);
      users.setItems((items) => items.filter((x) => x.id !== u.id));
      setMessage(`${u.email} removed.`);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <h1 tabIndex={-1}>Team</h1>
      <FormError error={error} />
      <p role="status" className="ok-text">
        {message}
      </p>
      <section className="card" aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        {users.error ? <FormError error={users.error} /> : null}
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Added</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.items.map((u) => {
                const self = u.id === me.user?.id;
                const locked = self || (u.role === 'owner' && me.role !== 'owner');
                return (
                  <tr key={u.id}>
                    <td data-label="Email">
                      {u.email}
                      {self ? <span className="sub">you</span> : null}
                      {u.status === 'invited' ? (
                        <span className="sub">invited: has not chosen a password yet</span>
                      ) : null}
                    </td>
                    <td data-label="Role">
                      <label className="sr-only" htmlFor={`role-${u.id}`}>
                        Role of {u.email}
                      </label>
                      <select
                        id={`role-${u.id}`}
                        value={u.role}
                        disabled={locked}
                        onChange={(e) => changeRole(u, e.target.value as Role)}
                      >
                        {(locked ? ROLES : grantable).map((r) => (
                          <option key={r} value={r}>
                            {r}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td data-label="Added">{formatDate(u.createdAt)}</td>
                    <td className="actions">
                      {!locked ? (
                        <button type="button" className="button danger small" onClick={() => remove(u)}>
                          Remove <span className="sr-only">{u.email}</span>
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {users.hasMore ? (
          <button type="button" className="button secondary" onClick={users.more}>
            Load more
          </button>
        ) : null}
      </section>
      <AddMember
        roles={grantable}
        onAdded={(u) => {
          users.setItems((items) => [...items, u]);
          setMessage(u.status === 'invited' ? `${u.email} invited by email.` : `${u.email} added.`);
        }}
      />
    </>
  );
}

function AddMember({ roles, onAdded }: { roles: Role[]; onAdded: (u: User) => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('recruiter');
  const [password, setPassword] = useState('');
  // by email (they choose their own password) unless the admin sets one now
  const [invite, setInvite] = useState(true);
  const [inviteLink, setInviteLink] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setInviteLink(null);
    try {
      const created = await api.addUser({ email: email.trim(), role, ...(invite ? {} : { password }) });
      onAdded(created);
      // only without SMTP: the mail stays in the outbox, so the inviter hands the link over
      setInviteLink(created.invitationUrl ?? null);
      setEmail('');
      setPassword('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="add-member-heading">
      <h2 id="add-member-heading">Add a member</h2>
      <form onSubmit={submit} noValidate>
        <FormError error={error} />
        <div className="field-row">
          <Field id="member-email" label="Email" error={fieldError(error, 'email')}>
            {(aria) => (
              <input
                {...aria}
                type="email"
                autoComplete="off"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Field>
          <RoleField
            id="member-role"
            value={role}
            onChange={setRole}
            roles={roles}
            error={fieldError(error, 'role')}
          />
        </div>
        <fieldset className="field">
          <legend>How they get in</legend>
          <label>
            <input type="radio" name="member-access" checked={invite} onChange={() => setInvite(true)} />{' '}
            Email them an invitation: they choose their own password (the link works once, for 7 days)
          </label>
          <label>
            <input type="radio" name="member-access" checked={!invite} onChange={() => setInvite(false)} />{' '}
            Choose a password for them now
          </label>
        </fieldset>
        {invite ? null : (
          <Field
            id="member-password"
            label="Initial password"
            error={fieldError(error, 'password')}
            hint="At least 10 characters; share it with them safely."
          >
            {(aria) => (
              <input
                {...aria}
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
        )}
        <button type="submit" className="button" disabled={busy}>
          {invite ? 'Send the invitation' : 'Add member'}
        </button>
        {inviteLink ? (
          <div className="alert info" role="status">
            <p>
              No mail server is configured, so the invitation stays in the outbox. Give them this one-time
              link yourself:
            </p>
            <div className="copy-row">
              <input type="text" readOnly value={inviteLink} aria-label="Invitation link" />
              <CopyButton text={inviteLink} label="Copy link" />
            </div>
          </div>
        ) : null}
      </form>
    </section>
  );
}

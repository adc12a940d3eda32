import { useEffect, useState } from 'react';
import { describeError } from './api';
import type { Auth, Registration, SsoProvider } from './auth';

type Mode = 'sign-in' | 'register';

/** Password sign-in, self-serve registration (signs in after), and a button per configured SSO provider. */
export function SignIn({ auth, notice, onSignedIn }: { auth: Auth; notice: string | null; onSignedIn: () => Promise<void> }) {
  const [mode, setMode] = useState<Mode>('sign-in');
  const [form, setForm] = useState<Registration>({ name: '', companyName: '', email: '', password: '' });
  const [providers, setProviders] = useState<SsoProvider[]>([]);
  const [error, setError] = useState<string | null>(notice);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // SSO is optional: if the list cannot be loaded, password sign-in still works
    auth.ssoProviders().then(setProviders, () => setProviders([]));
  }, [auth]);

  const field = (key: keyof Registration) => ({
    value: form[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value }),
  });

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await (mode === 'register' ? auth.register(form) : auth.login(form.email, form.password));
      await onSignedIn();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const switchTo = (next: Mode) => {
    setMode(next);
    setError(null);
  };

  return (
    <section>
      <h2>{mode === 'register' ? 'Create an account' : 'Sign in'}</h2>
      <form className="stack" onSubmit={submit}>
        {mode === 'register' && (
          <>
            <label>
              Your name <input autoComplete="name" {...field('name')} />
            </label>
            <label>
              Company name <input autoComplete="organization" {...field('companyName')} />
            </label>
          </>
        )}
        <label>
          Email <input type="email" autoComplete="username" {...field('email')} />
        </label>
        <label>
          Password{' '}
          <input type="password" autoComplete={mode === 'register' ? 'new-password' : 'current-password'} {...field('password')} />
        </label>
        <button type="submit" disabled={busy}>
          {mode === 'register' ? 'Create account' : 'Sign in'}
        </button>
      </form>
      {error && <p className="error">{error}</p>}
      {mode === 'sign-in' && providers.length > 0 && (
        <p>
          {providers.map((p) => (
            // a full navigation: the backend runs the provider's flow and comes back to /?sso=<code>
            <a key={p.id} className="button" href={`/oauth2/authorization/${encodeURIComponent(p.id)}`}>
              Sign in with {p.name}
            </a>
          ))}
        </p>
      )}
      <p className="muted">
        {mode === 'register' ? 'Already have an account? ' : 'New to HireBuddha? '}
        <button type="button" className="link" onClick={() => switchTo(mode === 'register' ? 'sign-in' : 'register')}>
          {mode === 'register' ? 'Sign in' : 'Create an account'}
        </button>
      </p>
    </section>
  );
}

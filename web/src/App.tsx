import { use, useCallback, useEffect, useState } from 'react';
import type { Api, Health, Me, Page, Role, Tenant } from './api';
import { ApiError, describeError } from './api';
import { Agents } from './Agents';
import { ApiKeys } from './ApiKeys';
import { Billing } from './Billing';
import { Knowledge } from './Knowledge';
import type { Auth } from './auth';
import { SignIn } from './SignIn';

function PlatformStatus({ api }: { api: Api }) {
  const [health, setHealth] = useState<Health | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const load = () =>
      api
        .health()
        .then((h) => {
          setHealth(h);
          setError(null);
        })
        .catch((e: unknown) => setError(describeError(e)));
    load();
    const timer = setInterval(load, 5000);
    return () => clearInterval(timer);
  }, [api]);

  return (
    <section>
      <h2>Platform status</h2>
      {error && <p className="error">Gateway unreachable: {error}</p>}
      {health && (
        <p>
          Gateway <strong className={health.status === 'UP' ? 'up' : 'down'}>{health.status}</strong>
          {health.components &&
            Object.entries(health.components).map(([name, c]) => (
              <span key={name} className="component">
                {name}: <span className={c.status === 'UP' ? 'up' : 'down'}>{c.status}</span>
              </span>
            ))}
        </p>
      )}
    </section>
  );
}

function Tenants({ api }: { api: Api }) {
  const [page, setPage] = useState<Page<Tenant> | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api
      .listTenants()
      .then(setPage)
      .catch((e: unknown) => setError(describeError(e)));
  }, [api]);

  useEffect(load, [load]);

  const create = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.createTenant(name);
      setName('');
      setError(null);
      load();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <h2>Tenants</h2>
      <form onSubmit={create}>
        <input aria-label="Tenant name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Company name" />
        <button type="submit" disabled={busy}>
          Create tenant
        </button>
      </form>
      {error && <p className="error">{error}</p>}
      {page && (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Status</th>
              <th>Created</th>
              <th>Id</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{t.status}</td>
                <td>{new Date(t.createdAt).toLocaleString()}</td>
                <td className="id">{t.id}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && <p className="muted">{page.total} tenants</p>}
    </section>
  );
}

export interface Resumed {
  me: Me | null;
  notice: string | null;
}

/**
 * Finds out who is signed in as the page loads: from an SSO redirect (`/?sso=<code>`, exchanged
 * once, then removed from the URL) or from this tab's stored session. Run once, outside React,
 * so that a re-run effect never spends the one-time code twice.
 */
export async function resumeSession(auth: Auth, api: Api): Promise<Resumed> {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('sso');
  const failure = params.get('sso_error');
  if (code !== null || failure !== null) {
    params.delete('sso');
    params.delete('sso_error');
    const query = params.size ? `?${params}` : '';
    window.history.replaceState(null, '', window.location.pathname + query + window.location.hash);
  }
  try {
    if (failure !== null) {
      return { me: null, notice: `Single sign-on did not complete (${failure}). Please try again.` };
    }
    if (code !== null) {
      await auth.exchangeSso(code);
    } else if (!auth.hasSession()) {
      return { me: null, notice: null };
    }
    return { me: await api.me(), notice: null };
  } catch (e) {
    // an ended session just means signing in again; anything else is worth showing
    const expired = e instanceof ApiError && e.problem.status === 401 && code === null;
    return { me: null, notice: expired ? null : describeError(e) };
  }
}

type View = 'Tenants' | 'Agents' | 'Knowledge' | 'API keys' | 'Billing';

const KEY_ADMINS: Role[] = ['PLATFORM_ADMIN', 'PARTNER_ADMIN', 'TENANT_ADMIN'];

const TENANT_USERS: Role[] = ['TENANT_ADMIN', 'TENANT_MEMBER'];

function viewsFor({ roles, tenantId }: Me): View[] {
  const views: View[] = [];
  if (roles.includes('PLATFORM_ADMIN')) {
    views.push('Tenants');
  }
  // agents and workflows belong to a tenant: without one the API answers 403 no-tenant
  if (tenantId && roles.some((role) => TENANT_USERS.includes(role))) {
    views.push('Agents');
    views.push('Knowledge');
  }
  if (roles.some((role) => KEY_ADMINS.includes(role))) {
    views.push('API keys');
  }
  if (tenantId && roles.some((role) => TENANT_USERS.includes(role))) {
    views.push('Billing');
  }
  return views;
}

function Console({ api, me }: { api: Api; me: Me }) {
  const views = viewsFor(me);
  const [view, setView] = useState<View | undefined>(views[0]);

  return (
    <>
      {views.length > 1 && (
        <nav>
          {views.map((v) => (
            <button key={v} type="button" aria-current={v === view ? 'page' : undefined} onClick={() => setView(v)}>
              {v}
            </button>
          ))}
        </nav>
      )}
      <PlatformStatus api={api} />
      {view === 'Tenants' && <Tenants api={api} />}
      {view === 'Agents' && <Agents api={api} />}
      {view === 'Knowledge' && <Knowledge api={api} />}
      {view === 'API keys' && <ApiKeys api={api} />}
      {view === 'Billing' && <Billing api={api} admin={me.roles.includes('TENANT_ADMIN')} />}
      {!view && <p className="muted">Nothing to manage here for your role yet.</p>}
    </>
  );
}

export function App({ auth, api, resumed }: { auth: Auth; api: Api; resumed: Promise<Resumed> }) {
  const [{ me, notice }, setSession] = useState(use(resumed));

  // the session can end under any request (a refused refresh) as well as by signing out
  useEffect(() => auth.onSignedOut(() => setSession({ me: null, notice: null })), [auth]);

  return (
    <main>
      <header>
        <div>
          <h1>HireBuddha</h1>
          <p className="muted">Agents for hire — console</p>
        </div>
        {me && (
          <div className="who">
            <span>{me.email}</span>
            <span className="muted">{me.roles.join(', ')}</span>
            <button type="button" onClick={() => auth.logout()}>
              Sign out
            </button>
          </div>
        )}
      </header>
      {me ? (
        <Console api={api} me={me} />
      ) : (
        <SignIn auth={auth} notice={notice} onSignedIn={async () => setSession({ me: await api.me(), notice: null })} />
      )}
    </main>
  );
}

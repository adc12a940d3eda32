import { useCallback, useEffect, useState } from 'react';
import type { Api, Health, Page, Tenant } from './api';
import { ApiError } from './api';

function describe(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.problem.errors?.map((e) => `${e.field} ${e.message}`).join('; ');
    const id = error.problem.requestId ? ` (request ${error.problem.requestId})` : '';
    return `${fields || error.message}${id}`;
  }
  return error instanceof Error ? error.message : String(error);
}

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
        .catch((e: unknown) => setError(describe(e)));
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
      .catch((e: unknown) => setError(describe(e)));
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
      setError(describe(e));
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

export function App({ api }: { api: Api }) {
  return (
    <main>
      <header>
        <h1>HireBuddha</h1>
        <p className="muted">Agents for hire — console</p>
      </header>
      <PlatformStatus api={api} />
      <Tenants api={api} />
    </main>
  );
}

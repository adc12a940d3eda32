import { useCallback, useEffect, useState } from 'react';
import type { Api, ApiKey, CreatedApiKey, NewApiKey, Page } from './api';
import { describeError } from './api';

interface KeyForm {
  name: string;
  scopes: string;
  rateLimit: string;
  expiresOn: string;
}

const emptyForm: KeyForm = { name: '', scopes: '', rateLimit: '', expiresOn: '' };

/** The form's text as the API's request; an expiry date means the key works through that (local) day. */
function toRequest(form: KeyForm): NewApiKey {
  return {
    name: form.name,
    scopes: form.scopes.split(',').map((s) => s.trim()).filter(Boolean),
    rateLimitPerMinute: form.rateLimit ? Number(form.rateLimit) : undefined,
    expiresAt: form.expiresOn ? new Date(`${form.expiresOn}T23:59:59.999`).toISOString() : undefined,
  };
}

const when = (instant: string | null, none: string) => (instant ? new Date(instant).toLocaleString() : none);

function NewSecret({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const [copy, setCopy] = useState('Copy');
  return (
    <div className="secret" role="status">
      <p>
        <strong>This is the secret of “{created.name}”. Copy it now: you will not see it again.</strong>
      </p>
      <code>{created.key}</code>
      <button type="button" onClick={() => navigator.clipboard.writeText(created.key).then(() => setCopy('Copied'), () => setCopy('Select and copy it by hand'))}>
        {copy}
      </button>{' '}
      <button type="button" onClick={onDone}>
        Done
      </button>
    </div>
  );
}

/** The caller's API keys: create (the secret shows once), list, revoke. */
export function ApiKeys({ api }: { api: Api }) {
  const [page, setPage] = useState<Page<ApiKey> | null>(null);
  const [form, setForm] = useState(emptyForm);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api
      .listApiKeys()
      .then(setPage)
      .catch((e: unknown) => setError(describeError(e)));
  }, [api]);

  useEffect(load, [load]);

  const field = (key: keyof KeyForm) => ({
    value: form[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value }),
  });

  const create = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      setCreated(await api.createApiKey(toRequest(form)));
      setForm(emptyForm);
      setError(null);
      load();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (key: ApiKey) => {
    if (!window.confirm(`Revoke the key “${key.name}” (${key.prefix})? Anything using it stops working at once.`)) {
      return;
    }
    try {
      await api.revokeApiKey(key.id);
      setError(null);
      load();
    } catch (e) {
      setError(describeError(e));
    }
  };

  return (
    <section>
      <h2>API keys</h2>
      <form className="wrap" onSubmit={create}>
        <label>
          Key name <input {...field('name')} placeholder="e.g. CRM integration" />
        </label>
        <label>
          Scopes <input {...field('scopes')} placeholder="agents:run, agents:read (docs/security.md)" />
        </label>
        <label>
          Requests per minute <input type="number" min="1" {...field('rateLimit')} placeholder="optional" />
        </label>
        <label>
          Expires on <input type="date" {...field('expiresOn')} />
        </label>
        <button type="submit" disabled={busy}>
          Create key
        </button>
      </form>
      {created && <NewSecret created={created} onDone={() => setCreated(null)} />}
      {error && <p className="error">{error}</p>}
      {page && (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Prefix</th>
              <th>Scopes</th>
              <th>Rate limit</th>
              <th>Expires</th>
              <th>Last used</th>
              <th>Created</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {page.items.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td className="id">{k.prefix}</td>
                <td>{k.scopes.join(', ')}</td>
                <td>{k.rateLimitPerMinute ? `${k.rateLimitPerMinute}/min` : 'default'}</td>
                <td>{when(k.expiresAt, 'never')}</td>
                <td>{when(k.lastUsedAt, 'never')}</td>
                <td>{when(k.createdAt, '—')}</td>
                <td>
                  <button type="button" className="danger" onClick={() => revoke(k)}>
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && <p className="muted">{page.total} keys</p>}
    </section>
  );
}

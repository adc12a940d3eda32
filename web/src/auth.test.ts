import { describe, expect, it, vi } from 'vitest';
import { createAuth, type TokenStorage } from './auth';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const tokens = (n: number) => json(200, { accessToken: `a${n}`, refreshToken: `r${n}`, tokenType: 'Bearer', expiresIn: 900 });
const unauthorized = () => json(401, { type: 'about:blank', title: 'Unauthorized', status: 401 });
const bearer = (init?: RequestInit) => new Headers(init?.headers).get('Authorization');
const body = (init?: RequestInit) => JSON.parse(String(init?.body)) as Record<string, string>;

function memoryStorage(): TokenStorage & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

/** A stub gateway: login answers a1/r1; /api/v1/things accepts only the `valid` access token. */
function gateway(valid: string, refresh: (init?: RequestInit) => Response | Promise<Response>) {
  return vi.fn<typeof fetch>(async (input, init) => {
    switch (String(input)) {
      case '/api/v1/auth/login':
        return tokens(1);
      case '/api/v1/auth/refresh':
        return refresh(init);
      default:
        return bearer(init) === `Bearer ${valid}` ? json(200, { ok: true }) : unauthorized();
    }
  });
}

const calls = (fetchStub: ReturnType<typeof gateway>, path: string) =>
  fetchStub.mock.calls.filter(([input]) => String(input) === path);

async function signedIn(fetchStub: ReturnType<typeof gateway>) {
  const storage = memoryStorage();
  const auth = createAuth(fetchStub, storage);
  await auth.login('ada@example.com', 'correct horse battery staple');
  return { auth, storage };
}

describe('auth', () => {
  it('adds the bearer token and keeps only the refresh token in storage', async () => {
    const fetchStub = gateway('a1', () => tokens(2));
    const { auth, storage } = await signedIn(fetchStub);

    const response = await auth.fetch('/api/v1/things', { headers: { Accept: 'application/json' } });

    expect(response.status).toBe(200);
    const [, init] = calls(fetchStub, '/api/v1/things')[0];
    expect(bearer(init)).toBe('Bearer a1');
    expect(new Headers(init?.headers).get('Accept')).toBe('application/json');
    expect([...storage.values.values()]).toEqual(['r1']);
  });

  it('on a 401 refreshes once with the stored refresh token and retries with the new access token', async () => {
    const fetchStub = gateway('a2', () => tokens(2));
    const { auth, storage } = await signedIn(fetchStub);

    const response = await auth.fetch('/api/v1/things');

    expect(response.status).toBe(200);
    const refreshes = calls(fetchStub, '/api/v1/auth/refresh');
    expect(refreshes).toHaveLength(1);
    expect(body(refreshes[0][1])).toEqual({ refreshToken: 'r1' });
    expect(calls(fetchStub, '/api/v1/things').map(([, init]) => bearer(init))).toEqual(['Bearer a1', 'Bearer a2']);
    expect([...storage.values.values()]).toEqual(['r2']);
  });

  it('shares one refresh between concurrent 401s, since a second use of a refresh token ends the session', async () => {
    const held: (() => void)[] = []; // refresh answers, held until both requests have seen their 401
    const fetchStub = gateway('a2', () => new Promise<Response>((resolve) => held.push(() => resolve(tokens(2)))));
    const { auth } = await signedIn(fetchStub);

    const both = Promise.all([auth.fetch('/api/v1/things'), auth.fetch('/api/v1/things')]);
    await vi.waitFor(() => expect(calls(fetchStub, '/api/v1/things')).toHaveLength(2));
    held.forEach((answer) => answer());
    const responses = await both;

    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(calls(fetchStub, '/api/v1/auth/refresh')).toHaveLength(1);
    expect(calls(fetchStub, '/api/v1/things').slice(2).map(([, init]) => bearer(init))).toEqual(['Bearer a2', 'Bearer a2']);
  });

  it('signs out when the server refuses the refresh token', async () => {
    const fetchStub = gateway('a2', () => unauthorized());
    const { auth, storage } = await signedIn(fetchStub);
    const signedOut = vi.fn();
    auth.onSignedOut(signedOut);

    const response = await auth.fetch('/api/v1/things');

    expect(response.status).toBe(401);
    expect(signedOut).toHaveBeenCalledOnce();
    expect(auth.hasSession()).toBe(false);
    expect(storage.values.size).toBe(0);
    expect(calls(fetchStub, '/api/v1/things')).toHaveLength(1); // no retry without a token
  });

  it('restores the session after a reload from the refresh token alone', async () => {
    const fetchStub = gateway('a2', () => tokens(2));
    const storage = memoryStorage();
    storage.setItem('hirebuddha.refreshToken', 'r1');
    const auth = createAuth(fetchStub, storage); // a new page: nothing in memory

    const response = await auth.fetch('/api/v1/things');

    expect(response.status).toBe(200);
    expect(calls(fetchStub, '/api/v1/things').map(([, init]) => bearer(init))).toEqual([null, 'Bearer a2']);
  });

  it('logs out with the bearer and the refresh token, then forgets both', async () => {
    const fetchStub = gateway('a1', () => tokens(2));
    const { auth, storage } = await signedIn(fetchStub);
    fetchStub.mockImplementationOnce(async () => new Response(null, { status: 204 }));
    const signedOut = vi.fn();
    auth.onSignedOut(signedOut);

    await auth.logout();

    const [input, init] = fetchStub.mock.lastCall!;
    expect(String(input)).toBe('/api/v1/auth/logout');
    expect(bearer(init)).toBe('Bearer a1');
    expect(body(init)).toEqual({ refreshToken: 'r1' });
    expect(signedOut).toHaveBeenCalledOnce();
    expect(storage.values.size).toBe(0);
  });
});

// The signed-in session: tokens, the public auth endpoints, and a fetch that carries the token.
//
// Where the tokens live: the access token (short-lived) only in memory, so nothing persistent
// holds a credential that works on its own. The refresh token in sessionStorage: it survives a
// reload within the tab, is not shared with other tabs (each tab signs in on its own, so two
// tabs never race to rotate one token, which the backend would take for reuse and end the
// session), and is removed on sign-out; the browser drops it when the tab closes. localStorage
// would outlive the tab and be shared; an HttpOnly cookie would need the API to set one, and it
// answers tokens in JSON. Like any script-readable storage it is exposed to XSS, which the
// console avoids by rendering only through React.
import { ApiError, requestJson, type Fetch } from './api';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface SsoProvider {
  id: string;
  name: string;
}

export interface Registration {
  name: string;
  companyName: string;
  email: string;
  password: string;
}

export type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const REFRESH_TOKEN = 'hirebuddha.refreshToken';

export function createAuth(fetchImpl: Fetch = fetch.bind(globalThis), storage: TokenStorage = sessionStorage) {
  let accessToken: string | null = null;
  let refreshing: Promise<string | null> | null = null;
  const signedOutListeners = new Set<() => void>();

  const post = <T>(path: string, body: unknown) =>
    requestJson<T>(fetchImpl, path, { method: 'POST', body: JSON.stringify(body) });

  function accept(tokens: Tokens) {
    accessToken = tokens.accessToken;
    storage.setItem(REFRESH_TOKEN, tokens.refreshToken);
  }

  function signOutLocally() {
    accessToken = null;
    storage.removeItem(REFRESH_TOKEN);
    signedOutListeners.forEach((listener) => listener());
  }

  /** Answers a fresh access token, or null once the server has refused the refresh token (signed out). */
  async function rotate(): Promise<string | null> {
    const refreshToken = storage.getItem(REFRESH_TOKEN);
    if (!refreshToken) {
      signOutLocally();
      return null;
    }
    try {
      accept(await post<Tokens>('/api/v1/auth/refresh', { refreshToken }));
      return accessToken;
    } catch (error) {
      // a dead, expired or reused token is final; an unreachable or throttled server is not
      if (error instanceof ApiError && (error.problem.status === 400 || error.problem.status === 401)) {
        signOutLocally();
        return null;
      }
      throw error;
    }
  }

  /** Single flight: refresh tokens rotate and a second use of one ends the session, so callers share one refresh. */
  function refresh(): Promise<string | null> {
    refreshing ??= rotate().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  function withBearer(init: RequestInit | undefined, token: string | null): RequestInit {
    const headers = new Headers(init?.headers);
    if (token) {
      headers.set('Authorization', `Bearer ${token}`);
    }
    return { ...init, headers };
  }

  /** fetch with the Bearer token; on a 401, refreshes once and retries once. */
  async function authorizedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const sent = accessToken; // null after a reload: the 401 below then restores the session
    const response = await fetchImpl(input, withBearer(init, sent));
    if (response.status !== 401) {
      return response;
    }
    // another caller may have rotated the tokens meanwhile: use theirs rather than rotate again
    const fresh = accessToken !== sent ? accessToken : await refresh();
    return fresh ? fetchImpl(input, withBearer(init, fresh)) : response;
  }

  /** Ends the session server-side. The body is built per attempt: a refresh in between rotates the token. */
  async function revoke() {
    const attempt = () =>
      fetchImpl('/api/v1/auth/logout', withBearer({
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: storage.getItem(REFRESH_TOKEN) }),
      }, accessToken));
    if ((await attempt()).status === 401 && (await refresh())) {
      await attempt();
    }
  }

  async function login(email: string, password: string) {
    accept(await post<Tokens>('/api/v1/auth/login', { email, password }));
  }

  return {
    fetch: authorizedFetch,
    login,
    async register(registration: Registration) {
      await post<{ userId: string; tenantId: string }>('/api/v1/auth/register', registration);
      await login(registration.email, registration.password);
    },
    async exchangeSso(code: string) {
      accept(await post<Tokens>('/api/v1/auth/sso/exchange', { code }));
    },
    async ssoProviders(): Promise<SsoProvider[]> {
      return (await requestJson<{ items: SsoProvider[] }>(fetchImpl, '/api/v1/auth/sso/providers')).items;
    },
    async logout() {
      try {
        if (storage.getItem(REFRESH_TOKEN)) {
          await revoke();
        }
      } catch {
        // forgetting the tokens here is what signs this tab out; the server-side revoke is a bonus
      } finally {
        signOutLocally();
      }
    },
    /** True when this tab holds tokens (after a reload, only the refresh token). */
    hasSession: () => accessToken !== null || storage.getItem(REFRESH_TOKEN) !== null,
    /** Called when the session ends: sign-out, or a refresh the server refused. Returns an unsubscribe. */
    onSignedOut(listener: () => void) {
      signedOutListeners.add(listener);
      return () => {
        signedOutListeners.delete(listener);
      };
    },
  };
}

export type Auth = ReturnType<typeof createAuth>;

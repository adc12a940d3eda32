// The console's only way to the platform: JSON over the gateway, errors as RFC 9457 problems.

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
}

export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.problem = problem;
  }
}

export interface Page<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
}

export interface Tenant {
  id: string;
  name: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'CLOSED';
  createdAt: string;
}

export interface Health {
  status: string;
  components?: Record<string, { status: string }>;
}

type Fetch = typeof fetch;

/** Turns a failed response into an ApiError, whether or not the body is problem+json. */
export async function toApiError(response: Response): Promise<ApiError> {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      return new ApiError({
        type: body.type ?? 'about:blank',
        title: body.title ?? response.statusText,
        status: body.status ?? response.status,
        detail: body.detail,
        requestId: body.requestId ?? response.headers.get('X-Request-Id') ?? undefined,
        errors: body.errors,
      });
    } catch {
      // fall through to the generic problem below
    }
  }
  return new ApiError({
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status,
    requestId: response.headers.get('X-Request-Id') ?? undefined,
  });
}

export function createApi(fetchImpl: Fetch = fetch.bind(globalThis)) {
  async function request<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await fetchImpl(path, {
      ...init,
      headers: { Accept: 'application/json', ...(init?.body ? { 'Content-Type': 'application/json' } : {}) },
    });
    if (!response.ok) {
      throw await toApiError(response);
    }
    return (await response.json()) as T;
  }

  return {
    health: () => request<Health>('/actuator/health'),
    listTenants: (page = 0, size = 20) => request<Page<Tenant>>(`/api/v1/tenants?page=${page}&size=${size}`),
    createTenant: (name: string) =>
      request<Tenant>('/api/v1/tenants', { method: 'POST', body: JSON.stringify({ name }) }),
  };
}

export type Api = ReturnType<typeof createApi>;

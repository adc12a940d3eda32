import { type SseEvent, SseParser } from './sse';

// The console's only way to the platform: JSON over the gateway, errors as RFC 9457 problems.

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
  /** seconds, from the Retry-After header of a throttled (429) answer */
  retryAfter?: number;
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

export type Role = 'PLATFORM_ADMIN' | 'PARTNER_ADMIN' | 'TENANT_ADMIN' | 'TENANT_MEMBER';

export interface Me {
  userId: string;
  email: string;
  tenantId: string | null;
  partnerId: string | null;
  roles: Role[];
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: string | null;
  rateLimitPerMinute: number | null;
  createdAt: string;
  lastUsedAt: string | null;
}

/** The answer to creating a key: the only time the secret `key` is ever sent. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}

export interface NewApiKey {
  name: string;
  scopes: string[];
  expiresAt?: string;
  rateLimitPerMinute?: number;
}

/** A model the tenant may pick for an agent; `model` is `*` where the name is free text (openai-compatible). */
export interface Model {
  provider: string;
  model: string;
  label: string;
  simulated: boolean;
  available: boolean;
}

export interface AgentModel {
  provider: string;
  name: string;
  temperature?: number | null;
  maxTokens?: number | null;
}

export interface Agent {
  id: string;
  version: number;
  name: string;
  systemPrompt: string;
  model: AgentModel;
  knowledgeBaseIds: string[] | null;
  tools: string[] | null;
  createdAt: string;
}

export interface NewAgent {
  name: string;
  systemPrompt: string;
  model: AgentModel;
}

/** An example system; `agents` and `nodes` are counts. */
export interface WorkflowTemplate {
  id: string;
  name: string;
  description: string;
  agents: number;
  nodes: number;
}

export interface Workflow {
  id: string;
  name: string;
  graph: {
    nodes: { id: string; type: string; config: Record<string, unknown> }[];
    edges: { from: string; to: string; onError?: boolean }[];
  };
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Execution {
  id: string;
  status: 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  output?: string;
  error?: { code: string; message: string };
  usage: { inputTokens: number; outputTokens: number; costMicros: number };
}

export interface KnowledgeBase {
  id: string;
  name: string;
  description: string;
  embeddingModel: string;
  chunking: { chunkTokens: number; overlapTokens: number };
  documents: number;
  readyDocuments: number;
  chunks: number;
  bytes: number;
  createdAt: string;
}

export type DocumentStatus = 'UPLOADED' | 'EXTRACTING' | 'CHUNKING' | 'EMBEDDING' | 'READY' | 'FAILED';

export interface KnowledgeDocument {
  id: string;
  knowledgeBaseId: string;
  name: string;
  mediaType: string;
  sizeBytes: number;
  status: DocumentStatus;
  failureReason: string | null;
  progress: { done: number; total: number; unit: 'pages' | 'chunks' };
  pages: number | null;
  chunks: number;
  createdAt: string;
}

export interface SearchHit {
  chunkId: string;
  documentId: string;
  documentName: string;
  score: number;
  similarity: number | null;
  content: string;
  page: number | null;
  headingPath: string[];
  startOffset: number;
  endOffset: number;
}

export type SearchMode = 'hybrid' | 'vector' | 'fulltext';

export type Fetch = typeof fetch;

function retryAfter(response: Response): number | undefined {
  const header = response.headers.get('Retry-After');
  const seconds = header ? Number(header) : NaN; // an HTTP-date form is rare enough to ignore
  return Number.isFinite(seconds) ? seconds : undefined;
}

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
        retryAfter: retryAfter(response),
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
    retryAfter: retryAfter(response),
  });
}

/** One line for a person: the field errors or the problem's detail, when to retry, and the request id. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const { errors, requestId, retryAfter } = error.problem;
    const fields = errors?.map((e) => `${e.field} ${e.message}`).join('; ');
    const wait = retryAfter !== undefined ? ` Try again in ${retryAfter} s.` : '';
    const id = requestId ? ` (request ${requestId})` : '';
    return `${fields || error.message}${wait}${id}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Sends JSON, answers the parsed body (nothing for a 204), throws ApiError on any failure. */
export async function requestJson<T>(fetchImpl: Fetch, path: string, init?: RequestInit): Promise<T> {
  const response = await fetchImpl(path, {
    ...init,
    headers: { Accept: 'application/json', ...(init?.body ? { 'Content-Type': 'application/json' } : {}) },
  });
  if (!response.ok) {
    throw await toApiError(response);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export interface UsageRow {
  key: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  embeddingTokens: number;
  priceMicros: number;
}

export interface Budget {
  id: string;
  apiKeyId: string | null;
  limitMicros: number | null;
  limitTokens: number | null;
  softPercent: number;
  spentMicros: number;
  spentTokens: number;
  reservedMicros: number;
}

export interface Invoice {
  id: string;
  number: string;
  period: string;
  totalMicros: number;
  amountDueMicros: number;
  paidMicros: number;
  status: 'OPEN' | 'PAID' | 'OVERDUE';
  dueAt: string;
}

/** Money in micro-units (millionths of a dollar) as a person reads it: whole cents, or the fraction that matters. */
export function formatMicros(micros: number): string {
  const dollars = micros / 1_000_000;
  if (micros !== 0 && Math.abs(dollars) < 0.01) {
    return `$${dollars.toFixed(6).replace(/0+$/, '')}`;
  }
  return `$${dollars.toFixed(2)}`;
}

/** The platform's API; pass the signed-in session's fetch (auth.ts) so calls carry its token. */
export function createApi(fetchImpl: Fetch = fetch.bind(globalThis)) {
  const request = <T>(path: string, init?: RequestInit) => requestJson<T>(fetchImpl, path, init);
  const post = <T>(path: string, body: unknown) => request<T>(path, { method: 'POST', body: JSON.stringify(body) });

  return {
    health: () => request<Health>('/actuator/health'),
    me: () => request<Me>('/api/v1/auth/me'),
    listTenants: (page = 0, size = 20) => request<Page<Tenant>>(`/api/v1/tenants?page=${page}&size=${size}`),
    createTenant: (name: string) => post<Tenant>('/api/v1/tenants', { name }),
    listApiKeys: (page = 0, size = 50) => request<Page<ApiKey>>(`/api/v1/api-keys?page=${page}&size=${size}`),
    createApiKey: (key: NewApiKey) => post<CreatedApiKey>('/api/v1/api-keys', key),
    listModels: () => request<{ items: Model[] }>('/api/v1/models'),
    listAgents: (page = 0, size = 50) => request<Page<Agent>>(`/api/v1/agents?page=${page}&size=${size}`),
    createAgent: (agent: NewAgent) => post<Agent>('/api/v1/agents', agent),
    listWorkflowTemplates: () => request<{ items: WorkflowTemplate[] }>('/api/v1/workflows/templates'),
    instantiateTemplate: (id: string) => post<Workflow>(`/api/v1/workflows/templates/${encodeURIComponent(id)}/instantiate`, {}),
    listWorkflows: (page = 0, size = 50) => request<Page<Workflow>>(`/api/v1/workflows?page=${page}&size=${size}`),
    revokeApiKey: (id: string) => request<void>(`/api/v1/api-keys/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    runAgent: (agentId: string, message: string) =>
      post<Execution>(`/api/v1/agents/${encodeURIComponent(agentId)}/executions`, { input: { message } }),
    listKnowledgeBases: () => request<Page<KnowledgeBase>>('/api/v1/knowledge-bases?size=100'),
    createKnowledgeBase: (name: string) => post<KnowledgeBase>('/api/v1/knowledge-bases', { name }),
    deleteKnowledgeBase: (id: string) =>
      request<void>(`/api/v1/knowledge-bases/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    listDocuments: (kb: string) =>
      request<Page<KnowledgeDocument>>(`/api/v1/knowledge-bases/${encodeURIComponent(kb)}/documents?size=100`),
    deleteDocument: (kb: string, id: string) =>
      request<void>(`/api/v1/knowledge-bases/${encodeURIComponent(kb)}/documents/${encodeURIComponent(id)}`, {
        method: 'DELETE',
      }),
    /** multipart, field `file`: the browser sets the boundary, so no JSON content type here */
    uploadDocuments: async (kb: string, files: File[]) => {
      const form = new FormData();
      files.forEach((file) => form.append('file', file, file.name));
      const response = await fetchImpl(`/api/v1/knowledge-bases/${encodeURIComponent(kb)}/documents`, {
        method: 'POST',
        headers: { Accept: 'application/json' },
        body: form,
      });
      if (!response.ok) {
        throw await toApiError(response);
      }
      return (await response.json()) as { items: KnowledgeDocument[] };
    },
    search: (kb: string, query: string, mode: SearchMode, topK = 5) =>
      post<{ items: SearchHit[] }>(`/api/v1/knowledge-bases/${encodeURIComponent(kb)}/search`, { query, mode, topK }),
    getExecution: (id: string) => request<Execution>(`/api/v1/executions/${encodeURIComponent(id)}`),
    usage: (groupBy: 'day' | 'model' | 'agent') => request<{ items: UsageRow[] }>(`/api/v1/usage?groupBy=${groupBy}`),
    listBudgets: () => request<{ items: Budget[] }>('/api/v1/budgets'),
    /** Sets the tenant's monthly money budget; null removes it. */
    setBudget: (limitMicros: number | null) =>
      request<Budget | undefined>('/api/v1/budgets', { method: 'PUT', body: JSON.stringify({ limitMicros }) }),
    listInvoices: () => request<Page<Invoice>>('/api/v1/invoices'),
    /** The invoice as a PDF, for a download link. */
    invoicePdf: async (id: string) => {
      const response = await fetchImpl(`/api/v1/invoices/${encodeURIComponent(id)}/pdf`, { headers: { Accept: 'application/pdf' } });
      if (!response.ok) {
        throw await toApiError(response);
      }
      return response.blob();
    },
    cancelExecution: (id: string) => post<Execution>(`/api/v1/executions/${encodeURIComponent(id)}/cancel`, {}),
    /** Follows a run's events until the stream ends (or the signal aborts it). */
    followExecution: async (id: string, onEvent: (event: SseEvent) => void, signal?: AbortSignal) => {
      const response = await fetchImpl(`/api/v1/executions/${encodeURIComponent(id)}/events`, {
        headers: { Accept: 'text/event-stream' },
        signal,
      });
      if (!response.ok || !response.body) {
        throw await toApiError(response);
      }
      const parser = new SseParser();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        parser.push(value).forEach(onEvent);
      }
    },
  };
}

export type Api = ReturnType<typeof createApi>;

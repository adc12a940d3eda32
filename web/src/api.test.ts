import { describe, expect, it } from 'vitest';
import { ApiError, createApi, describeError } from './api';

function respond(status: number, body: unknown, contentType = 'application/json', requestId = 'rid-1') {
  return async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': contentType, 'X-Request-Id': requestId },
    });
}

describe('api', () => {
  it('returns the parsed body on success', async () => {
    const api = createApi(respond(200, { items: [], page: 0, size: 20, total: 0 }));
    await expect(api.listTenants()).resolves.toEqual({ items: [], page: 0, size: 20, total: 0 });
  });

  it('turns problem+json into an ApiError with field errors and request id', async () => {
    const api = createApi(
      respond(
        400,
        {
          type: 'https://hirebuddha.dev/problems/validation-failed',
          title: 'Validation failed',
          status: 400,
          detail: 'The request has invalid fields.',
          requestId: 'rid-42',
          errors: [{ field: 'name', message: 'must not be blank' }],
        },
        'application/problem+json',
      ),
    );
    const error = await api.createTenant('').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const problem = (error as ApiError).problem;
    expect(problem.type).toBe('https://hirebuddha.dev/problems/validation-failed');
    expect(problem.requestId).toBe('rid-42');
    expect(problem.errors?.[0].field).toBe('name');
  });

  it('still reports status and request id when the body is not JSON', async () => {
    const api = createApi(respond(502, 'Bad gateway', 'text/plain', 'rid-7'));
    const error = (await api.health().catch((e: unknown) => e)) as ApiError;
    expect(error.problem.status).toBe(502);
    expect(error.problem.requestId).toBe('rid-7');
  });

  it('sends JSON with a content type when there is a body', async () => {
    let seen: RequestInit | undefined;
    const api = createApi(async (_input, init) => {
      seen = init;
      return new Response(JSON.stringify({ id: '1', name: 'Acme', status: 'ACTIVE', createdAt: 'now' }), {
        status: 201,
        headers: { 'Content-Type': 'application/json' },
      });
    });
    await api.createTenant('Acme');
    expect(seen?.method).toBe('POST');
    expect(seen?.body).toBe('{"name":"Acme"}');
    expect((seen?.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('says when to try again after a throttled answer', async () => {
    const api = createApi(async () =>
      new Response(JSON.stringify({ title: 'Too Many Requests', status: 429, detail: 'Too many sign-in attempts.', requestId: 'rid-9' }), {
        status: 429,
        headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '30' },
      }),
    );
    const error = await api.me().catch((e: unknown) => e);
    expect(describeError(error)).toBe('Too many sign-in attempts. Try again in 30 s. (request rid-9)');
  });

  it('answers nothing for a 204, as after revoking a key', async () => {
    const api = createApi(async () => new Response(null, { status: 204 }));
    await expect(api.revokeApiKey('k1')).resolves.toBeUndefined();
  });
});

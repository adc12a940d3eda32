import { describe, expect, it } from 'vitest';
import { ApiError, createApi, describeError, formatMicros } from './api';

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

  it('shows money in micro-units as cents, or the fraction that matters below a cent', () => {
    expect(formatMicros(0)).toBe('$0.00');
    expect(formatMicros(1_500_000)).toBe('$1.50');
    expect(formatMicros(12_345_678)).toBe('$12.35');
    expect(formatMicros(43)).toBe('$0.000043');
    expect(formatMicros(9_990)).toBe('$0.00999');
  });

  it('fetches an invoice PDF with the session and reports a refusal as a problem', async () => {
    const pdf = new Blob(['%PDF-1.4'], { type: 'application/pdf' });
    const ok = createApi(async () => new Response(pdf, { status: 200, headers: { 'Content-Type': 'application/pdf' } }));
    expect(await (await ok.invoicePdf('i-1')).text()).toBe('%PDF-1.4');
    const missing = createApi(
      async () =>
        new Response(JSON.stringify({ type: 'https://hirebuddha.dev/problems/not-found', title: 'Not found', status: 404, detail: 'No invoice i-2' }), {
          status: 404,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    );
    await expect(missing.invoicePdf('i-2')).rejects.toThrow('No invoice i-2');
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorFromResponse, fieldMessages, onUnauthorized, request, setToken } from './client.js';

function answer(status, body) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('errorFromResponse', () => {
  it('maps a 422 detail to one message per field', () => {
    const error = errorFromResponse(422, {
      message: 'email: Not a valid email address.',
      detail: {
        json: { email: ['Not a valid email address.'], pincode: ['must be exactly 6 digits'] },
      },
    });
    expect(error.status).toBe(422);
    expect(error.message).toBe('email: Not a valid email address.');
    expect(error.fields).toEqual({
      email: 'Not a valid email address.',
      pincode: 'must be exactly 6 digits',
    });
  });

  it('keeps every message of every field, not only the first', () => {
    const error = errorFromResponse(422, {
      message: 'Please check the fields.',
      detail: {
        json: {
          full_name: ['Must be at most 120 characters.', 'Required'],
          phone: ['Use digits, spaces, +, - and brackets.'],
        },
      },
    });
    expect(error.fields).toEqual({
      full_name: 'Must be at most 120 characters. Required.',
      phone: 'Use digits, spaces, +, - and brackets.',
    });
  });

  it("keeps the server's words for a conflict", () => {
    expect(errorFromResponse(409, { message: 'Lot is full', detail: {} }).message).toBe(
      'Lot is full',
    );
  });

  it('says the session expired on a 401, whatever the server wrote', () => {
    expect(errorFromResponse(401, { message: 'Unauthorized' }).message).toBe(
      'Your session has expired, please sign in again.',
    );
  });

  it('has readable words when the answer is not JSON', () => {
    expect(errorFromResponse(503, null).message).toMatch(/unavailable/);
    expect(errorFromResponse(500, null).message).toBe('Something went wrong (error 500).');
  });

  it('ignores schema-level and malformed details', () => {
    expect(fieldMessages({ json: { _schema: ['Invalid input type.'] } })).toEqual({});
    expect(fieldMessages('text')).toEqual({});
  });
});

describe('request', () => {
  let fetchMock;
  beforeEach(() => {
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    setToken(null);
    onUnauthorized(() => {});
  });

  it('sends JSON with the Bearer token under /api', async () => {
    setToken('abc');
    fetchMock.mockResolvedValue(answer(200, { ok: true }));
    await request('/lots', { method: 'POST', body: { name: 'A' }, query: { q: 'x', empty: '' } });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/lots?q=x');
    expect(init.headers.Authorization).toBe('Bearer abc');
    expect(init.headers['Content-Type']).toBe('application/json');
    expect(init.body).toBe('{"name":"A"}');
  });

  it('answers null for a 204', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    expect(await request('/auth/logout', { method: 'POST' })).toBeNull();
  });

  it('ends the session on a 401 to a signed-in call', async () => {
    setToken('old');
    const expired = vi.fn();
    onUnauthorized(expired);
    fetchMock.mockResolvedValue(answer(401, { message: 'Token expired' }));
    await expect(request('/reservations')).rejects.toMatchObject({ status: 401 });
    expect(expired).toHaveBeenCalledWith('/reservations');
  });

  it('ends the session on a 401 even when another tab already dropped the token', async () => {
    const expired = vi.fn();
    onUnauthorized(expired);
    fetchMock.mockResolvedValue(answer(401, { message: 'Missing token' }));
    await expect(request('/reservations')).rejects.toMatchObject({ status: 401 });
    expect(expired).toHaveBeenCalledWith('/reservations');
  });

  it('does not treat wrong credentials (no token yet) as an expired session', async () => {
    const expired = vi.fn();
    onUnauthorized(expired);
    fetchMock.mockResolvedValue(answer(401, { message: 'Wrong e-mail or password' }));
    await expect(request('/auth/login', { method: 'POST', body: {} })).rejects.toThrow();
    expect(expired).not.toHaveBeenCalled();
  });

  it('explains a network failure in words', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(request('/lots')).rejects.toThrow(/Cannot reach the server/);
  });
});

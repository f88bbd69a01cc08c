import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { getToken, setToken } from '@/api/client.js';
import { useAuthStore } from './auth.js';

const driver = { id: 2, email: 'd@example.com', full_name: 'D', role: 'user' };
const admin = { id: 1, email: 'a@example.com', full_name: 'A', role: 'admin' };

function json(status, body) {
  return new Response(body === undefined ? null : JSON.stringify(body), { status });
}

describe('auth store', () => {
  let fetchMock;
  beforeEach(() => {
    setActivePinia(createPinia());
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    setToken(null);
  });

  it('keeps the token so a reload stays signed in, and sends each role home', async () => {
    fetchMock.mockResolvedValue(json(200, { access_token: 't1', user: driver }));
    const auth = useAuthStore();
    await auth.signIn('d@example.com', 'pw');
    expect(getToken()).toBe('t1');
    expect(auth.isSignedIn).toBe(true);
    expect(auth.homePath).toBe('/lots');

    fetchMock.mockResolvedValue(json(200, { access_token: 't2', user: admin }));
    await auth.signIn('a@example.com', 'pw');
    expect(auth.homePath).toBe('/admin/lots');
  });

  it('re-reads the user behind a stored token once, however many ask', async () => {
    setToken('stored');
    fetchMock.mockResolvedValue(json(200, driver));
    const auth = useAuthStore();
    await Promise.all([auth.restore(), auth.restore()]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0][0]).toBe('/api/auth/me');
    expect(auth.user).toEqual(driver);
  });

  it('drops a stored token the server no longer accepts', async () => {
    setToken('revoked');
    fetchMock.mockResolvedValue(json(401, { message: 'Token revoked' }));
    const auth = useAuthStore();
    await auth.restore();
    expect(auth.isSignedIn).toBe(false);
    expect(getToken()).toBeNull();
    expect(auth.notice).toBe('Your session has expired, please sign in again.');
  });

  it('keeps the token when the server cannot be reached on reload', async () => {
    setToken('stored');
    fetchMock.mockRejectedValue(new TypeError('offline'));
    const auth = useAuthStore();
    await auth.restore();
    expect(auth.isSignedIn).toBe(false);
    expect(getToken()).toBe('stored');
  });

  it('signs out locally even when the server cannot be reached', async () => {
    setToken('t');
    const auth = useAuthStore();
    fetchMock.mockRejectedValue(new TypeError('offline'));
    await auth.signOut();
    expect(getToken()).toBeNull();
    expect(auth.user).toBeNull();
  });

  it('explains an expired session on the sign-in page', () => {
    const auth = useAuthStore();
    auth.expire();
    expect(auth.notice).toBe('Your session has expired, please sign in again.');
  });

  it('does not sign in when registration fails', async () => {
    fetchMock.mockResolvedValue(json(409, { message: 'Email already registered' }));
    const auth = useAuthStore();
    await expect(
      auth.register({ email: 'd@example.com', password: 'longenough', full_name: 'D' }),
    ).rejects.toMatchObject({ status: 409 });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(auth.isSignedIn).toBe(false);
  });

  it('follows a sign-out in another tab once, with one message', async () => {
    fetchMock.mockResolvedValue(json(200, { access_token: 't1', user: driver }));
    const auth = useAuthStore();
    await auth.signIn('d@example.com', 'pw');
    expect(auth.signedOutElsewhere()).toBe(true);
    expect(auth.isSignedIn).toBe(false);
    expect(auth.notice).toMatch(/signed out in another tab/);
    expect(auth.signedOutElsewhere()).toBe(false);
    expect(fetchMock).toHaveBeenCalledTimes(1); // no logout call: the token is gone already
  });

  it('says the session expired once, however many calls meet the 401', () => {
    const auth = useAuthStore();
    auth.token = 't';
    auth.expire();
    auth.expire();
    expect(auth.notice).toBe('Your session has expired, please sign in again.');
  });
});

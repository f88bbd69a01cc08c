import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { setToken } from '@/api/client.js';
import { useAuthStore } from '@/stores/auth.js';
import { guard, routes } from './index.js';

const route = (path, fullPath = path) => ({
  path,
  fullPath,
  meta: routes.find((r) => r.path === path)?.meta ?? {},
});

describe('router guard', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.stubGlobal('fetch', vi.fn());
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    setToken(null);
  });

  it('sends a visitor to sign in, and back afterwards', async () => {
    expect(await guard(route('/reservations', '/reservations?x=1'))).toEqual({
      name: 'login',
      query: { redirect: '/reservations?x=1' },
    });
    expect(await guard(route('/login'))).toBe(true);
  });

  it('keeps each role on its own pages', async () => {
    const auth = useAuthStore();
    auth.token = 't';
    auth.setUser({ id: 2, role: 'user' });
    expect(await guard(route('/admin/lots'))).toBe('/lots');
    expect(await guard(route('/lots'))).toBe(true);
    expect(await guard(route('/profile'))).toBe(true);
    expect(await guard(route('/login'))).toBe('/lots');

    auth.setUser({ id: 1, role: 'admin' });
    expect(await guard(route('/summary'))).toBe('/admin/lots');
    expect(await guard(route('/admin/jobs'))).toBe(true);
    expect(await guard(route('/profile'))).toBe(true);
  });

  it('lets anyone reach the password screens, signed out or in', async () => {
    expect(await guard(route('/forgot-password'))).toBe(true);
    expect(await guard(route('/reset-password', '/reset-password?token=abc'))).toBe(true);
    const auth = useAuthStore();
    auth.token = 't';
    auth.setUser({ id: 2, role: 'user' });
    expect(await guard(route('/reset-password', '/reset-password?token=abc'))).toBe(true);
  });

  it('has every route of the contract', () => {
    const paths = routes.map((r) => r.path);
    for (const path of [
      '/login',
      '/register',
      '/forgot-password',
      '/reset-password',
      '/lots',
      '/reservations',
      '/reservations/history',
      '/summary',
      '/profile',
      '/admin/lots',
      '/admin/reservations',
      '/admin/users',
      '/admin/summary',
      '/admin/jobs',
    ])
      expect(paths).toContain(path);
  });
});

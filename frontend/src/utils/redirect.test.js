import { describe, expect, it } from 'vitest';
import { safeRedirect } from './redirect.js';

describe('where to go after signing in', () => {
  it('returns to the app page the user was sent away from', () => {
    expect(safeRedirect('/reservations?x=1', 'user')).toBe('/reservations?x=1');
    expect(safeRedirect('/admin/jobs', 'admin')).toBe('/admin/jobs');
    expect(safeRedirect('/profile', 'admin')).toBe('/profile');
  });

  it('never leaves the site', () => {
    expect(safeRedirect('//evil.example/x', 'user')).toBeNull();
    expect(safeRedirect('https://evil.example/', 'user')).toBeNull();
    expect(safeRedirect(['/lots'], 'user')).toBeNull();
  });

  it("skips pages the user's role cannot open, and the sign-in pages", () => {
    expect(safeRedirect('/admin/lots', 'user')).toBeNull();
    expect(safeRedirect('/lots', 'admin')).toBeNull();
    expect(safeRedirect('/login', 'user')).toBeNull();
  });
});

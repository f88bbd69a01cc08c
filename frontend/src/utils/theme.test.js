import { afterEach, describe, expect, it, vi } from 'vitest';
import { THEME_KEY, applyTheme, getThemeChoice, setThemeChoice } from './theme.js';

describe('theme', () => {
  afterEach(() => localStorage.clear());

  it('follows the system by default, and keeps a chosen theme', () => {
    vi.stubGlobal('matchMedia', () => ({ matches: true, addEventListener: () => {} }));
    const root = document.createElement('html');
    applyTheme(root);
    expect(getThemeChoice()).toBe('system');
    expect(root.getAttribute('data-bs-theme')).toBe('dark');

    setThemeChoice('light');
    expect(localStorage.getItem(THEME_KEY)).toBe('light');
    expect(root.getAttribute('data-bs-theme')).toBe('light');

    setThemeChoice('system');
    expect(localStorage.getItem(THEME_KEY)).toBeNull();
    expect(root.getAttribute('data-bs-theme')).toBe('dark');
    vi.unstubAllGlobals();
  });
});

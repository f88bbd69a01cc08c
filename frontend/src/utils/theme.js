/**
 * Bootstrap's light or dark theme: the system setting (and its changes) by default, or the
 * user's own choice from the switch in the navigation, kept in localStorage.
 */
export const THEME_KEY = 'parking.theme';
export const THEME_CHOICES = ['system', 'light', 'dark'];

let query = null;
let root = null;

export function getThemeChoice() {
  try {
    const saved = localStorage.getItem(THEME_KEY);
    return THEME_CHOICES.includes(saved) ? saved : 'system';
  } catch {
    return 'system';
  }
}

function apply() {
  const choice = getThemeChoice();
  const dark = choice === 'dark' || (choice === 'system' && !!query?.matches);
  root?.setAttribute('data-bs-theme', dark ? 'dark' : 'light');
}

/** Applies the saved choice (or the system's) now and whenever the system setting changes. */
export function applyTheme(element = document.documentElement) {
  root = element;
  if (!query) {
    query = window.matchMedia?.('(prefers-color-scheme: dark)') ?? null;
    query?.addEventListener?.('change', apply);
  }
  apply();
}

/** Kept for older callers: the same as `applyTheme()`. */
export const followSystemTheme = applyTheme;

/** Saves the user's choice ('system' forgets it) and applies it. */
export function setThemeChoice(choice) {
  try {
    if (choice === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, choice);
  } catch {
    // Private windows may refuse storage: the choice then lasts until the page closes.
  }
  apply();
}

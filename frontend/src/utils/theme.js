/** Bootstrap's light or dark theme, following the system setting and its changes. */
export function followSystemTheme(root = document.documentElement) {
  const query = window.matchMedia?.('(prefers-color-scheme: dark)');
  const apply = () => root.setAttribute('data-bs-theme', query?.matches ? 'dark' : 'light');
  apply();
  query?.addEventListener?.('change', apply);
}

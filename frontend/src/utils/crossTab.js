/**
 * Signing in and out reaches every tab of the app: the token lives in localStorage, and the
 * browser tells the other tabs of each change with a `storage` event.
 */
import { TOKEN_KEY } from '@/api/client.js';

/**
 * Calls `onSignedOut()` when another tab drops the token, `onSignedIn(token)` when another tab
 * stores a new one. Returns a function that stops listening.
 * @param {{onSignedOut: () => void, onSignedIn?: (token: string) => void}} handlers
 */
export function watchOtherTabs({ onSignedOut, onSignedIn = () => {} }, target = window) {
  const listener = (event) => {
    // `key` null: another tab cleared the whole storage.
    if (event.key !== TOKEN_KEY && event.key !== null) return;
    const token = event.key === null ? null : event.newValue;
    if (!token) onSignedOut();
    else if (token !== event.oldValue) onSignedIn(token);
  };
  target.addEventListener('storage', listener);
  return () => target.removeEventListener('storage', listener);
}

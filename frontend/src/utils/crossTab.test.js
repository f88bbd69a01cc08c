import { describe, expect, it, vi } from 'vitest';
import { TOKEN_KEY } from '@/api/client.js';
import { watchOtherTabs } from './crossTab.js';

function storageEvent(key, oldValue, newValue) {
  const event = new Event('storage');
  Object.assign(event, { key, oldValue, newValue });
  return event;
}

describe('sign-out across tabs', () => {
  it('signs this tab out when another drops the token, and follows a new sign-in', () => {
    const target = new EventTarget();
    const onSignedOut = vi.fn();
    const onSignedIn = vi.fn();
    const stop = watchOtherTabs({ onSignedOut, onSignedIn }, target);

    target.dispatchEvent(storageEvent('parking.theme', null, 'dark'));
    expect(onSignedOut).not.toHaveBeenCalled();

    target.dispatchEvent(storageEvent(TOKEN_KEY, 't1', null));
    expect(onSignedOut).toHaveBeenCalledTimes(1);

    target.dispatchEvent(storageEvent(null, null, null)); // localStorage.clear() elsewhere
    expect(onSignedOut).toHaveBeenCalledTimes(2);

    target.dispatchEvent(storageEvent(TOKEN_KEY, null, 't2'));
    expect(onSignedIn).toHaveBeenCalledWith('t2');

    stop();
    target.dispatchEvent(storageEvent(TOKEN_KEY, 't2', null));
    expect(onSignedOut).toHaveBeenCalledTimes(2);
  });
});

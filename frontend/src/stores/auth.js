import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import * as authApi from '@/api/auth.js';
import { getToken, setToken } from '@/api/client.js';

export const SESSION_EXPIRED = 'Your session has expired, please sign in again.';
export const SIGNED_OUT_ELSEWHERE = 'You signed out in another tab. Sign in again to go on.';
export const PASSWORD_SET = 'Your password is set; sign in with it.';

/** Who is signed in. The token lives in localStorage so a reload keeps the session. */
export const useAuthStore = defineStore('auth', () => {
  const user = ref(null);
  const token = ref(getToken());
  const isLoading = ref(false);
  /** A message for the sign-in page (an expired session, a new account). */
  const notice = ref('');
  let restoring = null;

  const isSignedIn = computed(() => Boolean(token.value && user.value));
  const isAdmin = computed(() => user.value?.role === 'admin');
  /** Where each role starts: drivers find a lot, operators run theirs. */
  const homePath = computed(() => (isAdmin.value ? '/admin/lots' : '/lots'));

  function clear() {
    setToken(null);
    token.value = null;
    user.value = null;
  }

  /** After a reload: re-read the user behind the stored token (once, however many callers). */
  function restore() {
    if (!token.value || user.value) return Promise.resolve();
    restoring ??= authApi
      .getMe()
      .then((me) => {
        user.value = me;
      })
      .catch((error) => {
        // A token the server refuses is an expired session; an unreachable server is not.
        if (error.status === 401) expire();
      })
      .finally(() => {
        restoring = null;
      });
    return restoring;
  }

  async function signIn(email, password) {
    isLoading.value = true;
    try {
      clear();
      const answer = await authApi.login(email, password);
      setToken(answer.access_token);
      token.value = answer.access_token;
      user.value = answer.user;
      notice.value = '';
    } finally {
      isLoading.value = false;
    }
  }

  async function register(fields) {
    isLoading.value = true;
    try {
      await authApi.register(fields);
    } finally {
      isLoading.value = false;
    }
    await signIn(fields.email, fields.password);
  }

  async function signOut() {
    try {
      await authApi.logout();
    } catch {
      // The token is dropped here whatever the server says: signing out always works.
    }
    clear();
  }

  /** The server answered 401 to a signed-in call (said once, however many calls met it). */
  function expire() {
    const wasSignedIn = Boolean(token.value);
    clear();
    if (wasSignedIn || !notice.value) notice.value = SESSION_EXPIRED;
  }

  /** Another tab signed out: this one follows, without a call (the token is gone already). */
  function signedOutElsewhere() {
    const wasSignedIn = Boolean(token.value);
    token.value = null;
    user.value = null;
    if (wasSignedIn) notice.value = SIGNED_OUT_ELSEWHERE;
    return wasSignedIn;
  }

  /** Another tab signed in (perhaps as someone else): take its session. */
  async function signedInElsewhere(newToken) {
    token.value = newToken;
    user.value = null;
    notice.value = '';
    await restore();
  }

  /** A message for the sign-in page, e.g. after a password reset. */
  function setNotice(text) {
    notice.value = text;
  }

  function setUser(updated) {
    user.value = updated;
  }

  return {
    user,
    token,
    isLoading,
    notice,
    isSignedIn,
    isAdmin,
    homePath,
    restore,
    signIn,
    register,
    signOut,
    expire,
    signedOutElsewhere,
    signedInElsewhere,
    setNotice,
    clear,
    setUser,
  };
});

import { http } from './client.js';

export const login = (email, password) => http.post('/auth/login', { email, password });
export const register = (fields) => http.post('/auth/register', fields);
export const logout = () => http.post('/auth/logout');
export const getMe = () => http.get('/auth/me');
export const updateMe = (changes) => http.patch('/auth/me', changes);
/** The signed-in user's own password; the server signs out every other session. */
export const changePassword = (currentPassword, newPassword) =>
  http.post('/auth/password', { current_password: currentPassword, new_password: newPassword });
/** Mails a reset link if the account exists; answers `{message}` either way. */
export const requestPasswordReset = (email) => http.post('/auth/password-reset', { email });
export const confirmPasswordReset = (token, password) =>
  http.post('/auth/password-reset/confirm', { token, password });

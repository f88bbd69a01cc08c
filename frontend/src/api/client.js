/**
 * The one HTTP client: base `/api`, the Bearer token, JSON in and out, and one error shape.
 * Every failure becomes an `ApiError` whose `message` can be shown as it is and whose `fields`
 * map a field name to its message (from the server's 422 `detail`).
 */

const BASE = '/api';
export const TOKEN_KEY = 'parking.token';

/** @type {{ onUnauthorized: (path: string) => void }} */
const hooks = { onUnauthorized: () => {} };

/** Lets the auth store decide what a 401 does (clear the session, go to /login). */
export function onUnauthorized(handler) {
  hooks.onUnauthorized = handler;
}

export function getToken() {
  return localStorage.getItem(TOKEN_KEY);
}

export function setToken(token) {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

export class ApiError extends Error {
  /**
   * @param {string} message readable sentence for the user
   * @param {{status?: number, fields?: Record<string, string>, detail?: unknown}} [info]
   */
  constructor(message, { status = 0, fields = {}, detail = null } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.fields = fields;
    this.detail = detail;
  }
}

const STATUS_MESSAGES = {
  400: 'The request was not understood.',
  401: 'Your session has expired, please sign in again.',
  403: 'You are not allowed to do that.',
  404: 'Not found.',
  409: 'That cannot be done right now.',
  422: 'Please check the highlighted fields.',
  429: 'Too many attempts. Please wait a little and try again.',
  503: 'The service is busy or unavailable. Please try again shortly.',
};

/**
 * `{"json": {"email": ["Not a valid email address."], "name": ["Required.", "Too long."]}}` ->
 * `{email: "Not a valid email address.", name: "Required. Too long."}`: every message of every
 * field, so a form shows them all beside their fields, not only the first.
 */
export function fieldMessages(detail) {
  const fields = {};
  if (!detail || typeof detail !== 'object') return fields;
  for (const location of Object.values(detail)) {
    if (!location || typeof location !== 'object' || Array.isArray(location)) continue;
    for (const [field, messages] of Object.entries(location)) {
      if (field === '_schema') continue;
      const list = (Array.isArray(messages) ? messages : [messages]).filter(
        (text) => typeof text === 'string' && text,
      );
      if (!list.length) continue;
      const joined =
        list.length === 1
          ? list[0]
          : list.map((text) => (/[.!?]$/.test(text) ? text : `${text}.`)).join(' ');
      fields[field] = fields[field] ? `${fields[field]} ${joined}` : joined;
    }
  }
  return fields;
}

/** The server's `{message, detail}` (or nothing readable) -> an ApiError. */
export function errorFromResponse(status, payload) {
  const serverMessage = payload && typeof payload.message === 'string' ? payload.message : '';
  const message =
    status === 401
      ? STATUS_MESSAGES[401]
      : serverMessage || STATUS_MESSAGES[status] || `Something went wrong (error ${status}).`;
  return new ApiError(message, {
    status,
    fields: fieldMessages(payload?.detail),
    detail: payload?.detail ?? null,
  });
}

function buildUrl(path, query) {
  const url = `${BASE}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${url}?${text}` : url;
}

/**
 * @param {string} path under /api, e.g. `/lots`
 * @param {{method?: string, body?: unknown, query?: Record<string, unknown>,
 *   headers?: Record<string, string>, as?: 'json' | 'blob' | 'response', signal?: AbortSignal}} [options]
 */
export async function request(
  path,
  { method = 'GET', body, query, headers = {}, as = 'json', signal } = {},
) {
  const allHeaders = { Accept: 'application/json', ...headers };
  const token = getToken();
  if (token) allHeaders.Authorization = `Bearer ${token}`;
  if (body !== undefined) allHeaders['Content-Type'] = 'application/json';

  let response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers: allHeaders,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new ApiError('Cannot reach the server. Check your connection and try again.');
  }

  if (as === 'response' && response.ok) return response;
  if (!response.ok) {
    const payload = await response.json().catch(() => null);
    const error = errorFromResponse(response.status, payload);
    // Any 401 but a refused sign-in ends the session: also a call sent without a token because
    // another tab dropped it meanwhile (the app still shows this tab as signed in).
    if (response.status === 401 && path !== '/auth/login') hooks.onUnauthorized(path);
    throw error;
  }
  if (as === 'blob') return response.blob();
  if (response.status === 204) return null;
  return response.json();
}

export const http = {
  get: (path, query, options) => request(path, { ...options, query }),
  post: (path, body, options) => request(path, { ...options, method: 'POST', body }),
  patch: (path, body, options) => request(path, { ...options, method: 'PATCH', body }),
  delete: (path, options) => request(path, { ...options, method: 'DELETE' }),
};

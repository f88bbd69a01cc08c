import { http } from './client.js';

/** The server's settings the app shows: time zone, currency, hold minutes, booking limit. */
export const getMeta = () => http.get('/meta');

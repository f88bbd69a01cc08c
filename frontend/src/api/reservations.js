import { http, request } from './client.js';

/** @param {{status?: string, lot_id?: number, page?: number, per_page?: number}} [filters] */
export const getReservations = (filters) => http.get('/reservations', filters);
/**
 * The Idempotency-Key makes a retried "Confirm booking" (double tap, flaky network) book once.
 * With `window` (`{starts_at, ends_at}`) it is a window booking on an advance spot.
 */
export const book = ({ lotId, vehicleNumber, idempotencyKey, window }) =>
  http.post(
    '/reservations',
    { lot_id: lotId, vehicle_number: vehicleNumber, ...(window ?? {}) },
    idempotencyKey ? { headers: { 'Idempotency-Key': idempotencyKey } } : undefined,
  );
/** One reservation, fresh (e.g. its `estimated_cost` right before a release). */
export const getReservation = (id) => http.get(`/reservations/${id}`);
export const park = (id) => http.post(`/reservations/${id}/park`);
export const release = (id) => http.post(`/reservations/${id}/release`);
export const cancel = (id) => http.post(`/reservations/${id}/cancel`);
export const getReceipt = (id) => request(`/reservations/${id}/receipt`, { as: 'blob' });

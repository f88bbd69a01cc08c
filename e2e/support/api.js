// The public API, as a script would call it: how tests create their own data.
import { expect } from '@playwright/test';

let sequence = 0;
/** A value no other test in this run uses. */
export function unique(prefix) {
  sequence += 1;
  return `${prefix}${process.pid % 1000}${Date.now() % 100000}${sequence}`;
}

/** A vehicle number that is valid and unused in this run (4..12 letters and digits). */
export function vehicleNumber() {
  sequence += 1;
  return `KA${String(Date.now() % 1e6).padStart(6, '0')}${sequence % 100}`;
}

export class ParkingApi {
  /** @param {import('@playwright/test').APIRequestContext} request */
  constructor(request) {
    this.request = request;
  }

  async call(method, path, token, data) {
    const headers = token ? { Authorization: `Bearer ${token}` } : {};
    const response = await this.request.fetch(path, { method, headers, data });
    return response;
  }

  async ok(method, path, token, data) {
    const response = await this.call(method, path, token, data);
    expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBeTruthy();
    return response.status() === 204 ? null : response.json();
  }

  /** Signs in; returns `{token, user, email, password}`. */
  async login(email, password) {
    const body = await this.ok('POST', '/api/auth/login', null, { email, password });
    return { token: body.access_token, user: body.user, email, password };
  }

  admin() {
    return this.login(process.env.E2E_ADMIN_EMAIL, process.env.E2E_ADMIN_PASSWORD);
  }

  /** Registers a new driver and signs them in. */
  async newDriver(overrides = {}) {
    const email = `${unique('driver')}@example.com`;
    const body = { email, password: 'driver-password-1', full_name: 'Asha Rao', ...overrides };
    await this.ok('POST', '/api/auth/register', null, body);
    return this.login(body.email, body.password);
  }

  createLot(admin, overrides = {}) {
    const body = {
      name: unique('Lot '),
      address: '12 MG Road, Bengaluru',
      pincode: '560001',
      price_per_hour: '50.00',
      total_spots: 4,
      ...overrides,
    };
    return this.ok('POST', '/api/lots', admin.token, body);
  }

  book(driver, lotId, vehicle = vehicleNumber()) {
    const body = { lot_id: lotId, vehicle_number: vehicle };
    return this.ok('POST', '/api/reservations', driver.token, body);
  }

  /** A window booking: `startsAt` and `endsAt` are ISO 8601 instants with an offset. */
  bookWindow(driver, lotId, startsAt, endsAt, vehicle = vehicleNumber()) {
    const body = { lot_id: lotId, vehicle_number: vehicle, starts_at: startsAt, ends_at: endsAt };
    return this.ok('POST', '/api/reservations', driver.token, body);
  }

  /** The server's settings: `app_timezone`, `currency`, `early_arrival_minutes`, … */
  meta() {
    return this.ok('GET', '/api/meta');
  }

  park(driver, reservationId) {
    return this.ok('POST', `/api/reservations/${reservationId}/park`, driver.token);
  }

  release(actor, reservationId) {
    return this.ok('POST', `/api/reservations/${reservationId}/release`, actor.token);
  }

  spots(admin, lotId) {
    return this.ok('GET', `/api/lots/${lotId}/spots`, admin.token);
  }
}

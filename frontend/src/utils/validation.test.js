import { describe, expect, it } from 'vitest';
import {
  normalizeVehicleNumber,
  phoneError,
  profileErrors,
  registrationErrors,
  vehicleNumberError,
} from './validation.js';

describe('vehicle numbers', () => {
  it('are written as the server stores them', () => {
    expect(normalizeVehicleNumber('ka 01-ab 1234')).toBe('KA01AB1234');
  });

  it('are 4 to 12 letters and digits', () => {
    expect(vehicleNumberError('ka 01-ab 1234')).toBe('');
    expect(vehicleNumberError('')).toMatch(/Enter/);
    expect(vehicleNumberError('AB1')).toMatch(/4 to 12/);
    expect(vehicleNumberError('KA01AB1234567')).toMatch(/4 to 12/);
    expect(vehicleNumberError('KA01#1234')).toMatch(/4 to 12/);
  });
});

describe('registration', () => {
  const valid = { full_name: 'Asha', email: 'asha@example.com', password: 'longenough' };

  it('accepts a complete form, phone and PIN optional', () => {
    expect(registrationErrors(valid)).toEqual({});
  });

  it('names every field that breaks a rule', () => {
    expect(
      registrationErrors({ full_name: ' ', email: 'nope', password: 'short', pincode: '12345' }),
    ).toEqual({
      full_name: expect.any(String),
      email: expect.any(String),
      password: 'Too short: use at least 8 characters.',
      pincode: 'A PIN code is exactly 6 digits.',
    });
  });

  it('follows the server length limits', () => {
    expect(registrationErrors({ ...valid, phone: '1'.repeat(21) })).toHaveProperty('phone');
    expect(registrationErrors({ ...valid, full_name: 'a'.repeat(121) })).toHaveProperty(
      'full_name',
    );
  });
});

describe('profile', () => {
  const base = { full_name: 'Asha', phone: '', pincode: '' };

  it('wants an https webhook on an allowed host', () => {
    const hosts = ['chat.googleapis.com'];
    expect(profileErrors({ ...base, gchat_webhook_url: '' }, hosts)).toEqual({});
    expect(
      profileErrors({ ...base, gchat_webhook_url: 'https://chat.googleapis.com/v1/x' }, hosts),
    ).toEqual({});
    expect(
      profileErrors({ ...base, gchat_webhook_url: 'http://chat.googleapis.com/' }, hosts),
    ).toHaveProperty('gchat_webhook_url', 'The address must start with https://.');
    expect(
      profileErrors({ ...base, gchat_webhook_url: 'https://evil.example/' }, hosts),
    ).toHaveProperty('gchat_webhook_url', 'The host must be chat.googleapis.com.');
    expect(profileErrors({ ...base, gchat_webhook_url: 'not a url' }, hosts)).toHaveProperty(
      'gchat_webhook_url',
    );
  });
});

describe('phone numbers, as the server checks them', () => {
  it('take digits, spaces, +, - and brackets, with 7 to 15 digits', () => {
    expect(phoneError('')).toBe('');
    expect(phoneError('+91 (80) 4123-4567')).toBe('');
    expect(phoneError('call me')).toMatch(/digits, spaces/);
    expect(phoneError('12345')).toMatch(/7 to 15 digits/);
    expect(phoneError('1234567890123456')).toMatch(/7 to 15 digits/);
    expect(
      registrationErrors({ full_name: 'A', email: 'a@b.co', password: 'longenough', phone: 'x' }),
    ).toHaveProperty('phone');
  });
});

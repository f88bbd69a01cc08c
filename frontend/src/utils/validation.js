/**
 * The server's input rules, checked before sending so people see them at once. The server
 * checks again and its 422 messages land on the same fields.
 */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PINCODE = /^[0-9]{6}$/;

/** "ka 01-ab 1234" -> "KA01AB1234", as the server stores it */
export function normalizeVehicleNumber(text) {
  return String(text ?? '')
    .toUpperCase()
    .replace(/[\s-]/g, '');
}

export function vehicleNumberError(text) {
  const value = normalizeVehicleNumber(text);
  if (!value) return 'Enter the vehicle number.';
  if (!/^[A-Z0-9]{4,12}$/.test(value)) return 'Use 4 to 12 letters and digits, e.g. KA01AB1234.';
  return '';
}

export function pincodeError(text) {
  if (!text) return '';
  return PINCODE.test(text) ? '' : 'A PIN code is exactly 6 digits.';
}

/**
 * A phone number as the server takes it: digits, spaces, "+", "-" and brackets, with 7 to 15
 * digits. Empty is fine (the phone is optional).
 */
export function phoneError(text) {
  const value = String(text ?? '').trim();
  if (!value) return '';
  if (!/^[0-9+\-() ]+$/.test(value)) return 'Use digits, spaces, +, - and brackets only.';
  const digits = value.replace(/[^0-9]/g, '').length;
  if (digits < 7 || digits > 15) return 'A phone number has 7 to 15 digits.';
  return '';
}

/** A new password: 8 to 128 characters. */
export function newPasswordError(text) {
  const value = String(text ?? '');
  if (value.length < 8) return 'Too short: use at least 8 characters.';
  if (value.length > 128) return 'At most 128 characters.';
  return '';
}

export const NAME_MAX = 120;

/**
 * @param {{full_name?: string, email?: string, password?: string, phone?: string, pincode?: string}} form
 * @returns {Record<string, string>} field -> message; empty when the form can be sent
 */
export function registrationErrors(form) {
  const errors = {};
  if (!form.full_name?.trim()) errors.full_name = 'Enter your full name.';
  else if (form.full_name.length > 120) errors.full_name = `At most ${NAME_MAX} characters.`;
  if (!EMAIL.test(form.email ?? ''))
    errors.email = 'Enter an e-mail address like name@example.com.';
  else if (form.email.length > 254) errors.email = 'At most 254 characters.';
  const password = newPasswordError(form.password);
  if (password) errors.password = password;
  const phone = phoneError(form.phone);
  if (phone) errors.phone = phone;
  const pin = pincodeError(form.pincode);
  if (pin) errors.pincode = pin;
  return errors;
}

/** @returns {Record<string, string>} */
export function profileErrors(form, allowedHosts = []) {
  const errors = {};
  if (!form.full_name?.trim()) errors.full_name = 'Enter your full name.';
  else if (form.full_name.length > 120) errors.full_name = `At most ${NAME_MAX} characters.`;
  const phone = phoneError(form.phone);
  if (phone) errors.phone = phone;
  const pin = pincodeError(form.pincode);
  if (pin) errors.pincode = pin;
  if (form.gchat_webhook_url) {
    let url = null;
    try {
      url = new URL(form.gchat_webhook_url);
    } catch {
      errors.gchat_webhook_url = 'Enter a full https:// address.';
    }
    if (url && url.protocol !== 'https:')
      errors.gchat_webhook_url = 'The address must start with https://.';
    else if (url && allowedHosts.length && !allowedHosts.includes(url.hostname.toLowerCase()))
      errors.gchat_webhook_url = `The host must be ${allowedHosts.join(' or ')}.`;
  }
  return errors;
}

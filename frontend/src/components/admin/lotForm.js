// The lot form's rules that are worth testing on their own.

/** The form's fields, in the API's names, with their labels. */
export const LOT_FIELDS = [
  { name: 'name', label: 'Name', type: 'text', maxlength: 120 },
  { name: 'address', label: 'Address', type: 'text', maxlength: 300 },
  { name: 'pincode', label: 'PIN code', type: 'text', inputmode: 'numeric', maxlength: 6 },
  { name: 'price_per_hour', label: 'Price per hour', type: 'text', inputmode: 'decimal' },
  { name: 'total_spots', label: 'Number of spots', type: 'number', min: 1, max: 1000 },
  {
    name: 'advance_spots',
    label: 'Advance spots',
    type: 'number',
    min: 0,
    max: 1000,
    help: 'The highest-numbered spots, kept for bookings made ahead for a time window. 0 for none.',
  },
];

const count = (typed) => (typed === '' || typed === null ? null : Number(typed));

/**
 * A price as the API wants it: "40" -> "40.00", "7.5" -> "7.50". Anything that is not a plain
 * amount is sent as typed, so that the server's message explains what is wrong with it.
 * @param {string} typed
 * @returns {string}
 */
export function moneyString(typed) {
  const text = String(typed).trim();
  const match = /^(\d+)(?:\.(\d{0,2}))?$/.exec(text);
  if (!match) return text;
  return `${match[1]}.${(match[2] ?? '').padEnd(2, '0')}`;
}

/**
 * The request body for the typed values; on edit, only the fields that changed.
 * @param {Record<string, string|number>} values
 * @param {object|null} lot the lot being edited, or null for a new one
 */
export function lotBody(values, lot = null) {
  const body = {
    name: String(values.name).trim(),
    address: String(values.address).trim(),
    pincode: String(values.pincode).trim(),
    price_per_hour: moneyString(values.price_per_hour),
    total_spots: count(values.total_spots),
    advance_spots: count(values.advance_spots),
  };
  if (!lot) return body;
  return Object.fromEntries(Object.entries(body).filter(([key, value]) => lot[key] !== value));
}

/** The values that fill the form for `lot` (empty for a new lot). */
export function lotValues(lot = null) {
  if (!lot) {
    return {
      name: '',
      address: '',
      pincode: '',
      price_per_hour: '',
      total_spots: '',
      advance_spots: 0,
    };
  }
  const { name, address, pincode, price_per_hour, total_spots, advance_spots = 0 } = lot;
  return { name, address, pincode, price_per_hour, total_spots, advance_spots };
}

/**
 * Field messages from an ApiError: the server's 422 fields, and a "field: message" conflict
 * such as shrinking a lot below a spot in use (a 409, which names its field in the message).
 * @param {{message?: string, fields?: Record<string, string>}} error
 * @returns {Record<string, string>}
 */
export function fieldMessages(error) {
  const messages = { ...(error?.fields ?? {}) };
  const named = /^(\w+): (.+)$/.exec(error?.message ?? '');
  if (named && LOT_FIELDS.some((f) => f.name === named[1]) && !messages[named[1]]) {
    messages[named[1]] = named[2];
  }
  return messages;
}

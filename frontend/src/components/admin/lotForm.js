// The lot form's rules that are worth testing on their own.

/** The form's fields, in the API's names, with their labels. */
export const LOT_FIELDS = [
  { name: 'name', label: 'Name', type: 'text', maxlength: 120, announceLimit: true },
  { name: 'address', label: 'Address', type: 'text', maxlength: 300, announceLimit: true },
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

const LOT_FIELD_NAMES = new Set(LOT_FIELDS.map((field) => field.name));

/** A server message as a sentence: "Required" -> "Required." */
const sentence = (text) => (/[.!?…]$/.test(text) ? text : `${text}.`);

/**
 * Every field message of an ApiError, each field with all its messages: the server's
 * `detail.json` (422s, and the 409s for `total_spots` and `advance_spots`, whose message names
 * the spots in use), else a "field: message" conflict, else the client's joined `fields`.
 * @param {{message?: string, fields?: Record<string, string>, detail?: unknown}} error
 * @returns {Record<string, string[]>}
 */
export function fieldMessages(error) {
  const messages = {};
  const add = (field, text) => {
    if (field === '_schema' || typeof text !== 'string' || !text.trim()) return;
    const list = (messages[field] ??= []);
    if (!list.includes(sentence(text.trim()))) list.push(sentence(text.trim()));
  };
  const detail = error?.detail;
  if (detail && typeof detail === 'object') {
    for (const location of Object.values(detail)) {
      if (!location || typeof location !== 'object' || Array.isArray(location)) continue;
      for (const [field, texts] of Object.entries(location)) {
        for (const text of Array.isArray(texts) ? texts : [texts]) add(field, text);
      }
    }
  }
  for (const [field, text] of Object.entries(error?.fields ?? {})) {
    if (!messages[field]) add(field, text);
  }
  const named = /^(\w+): (.+)$/s.exec(error?.message ?? '');
  if (named && LOT_FIELD_NAMES.has(named[1]) && !messages[named[1]]) add(named[1], named[2]);
  return messages;
}

/** "INR" -> "₹": the prefix of the Price field. */
export function currencySymbol(currency = 'INR') {
  try {
    const parts = new Intl.NumberFormat('en-IN', { style: 'currency', currency }).formatToParts(0);
    return parts.find((part) => part.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
}

/**
 * What the form says itself about a field before the server is asked: a text at its limit
 * ("At most 120 characters: this name has reached the limit."), or longer than it (a value set
 * without typing). Empty when there is nothing to say.
 * @param {{label: string, maxlength?: number}} field
 * @param {unknown} value
 */
export function lengthMessage(field, value) {
  if (!field.maxlength || !field.announceLimit) return '';
  const length = String(value ?? '').length;
  const noun = field.label.toLowerCase();
  if (length > field.maxlength) {
    return `Must be at most ${field.maxlength} characters; this ${noun} has ${length}.`;
  }
  if (length === field.maxlength) {
    return `At most ${field.maxlength} characters: this ${noun} has reached the limit; nothing more is taken.`;
  }
  return '';
}

/**
 * The top alert's summary of a refusal with field messages: "Check Name and Price per hour:
 * each says what is wrong beside it."; the server's own words when it names no field.
 * @param {{message?: string}} error
 * @param {Record<string, string[]>} messages from `fieldMessages`
 */
export function errorSummary(error, messages) {
  const labels = LOT_FIELDS.filter((field) => messages[field.name]).map((field) => field.label);
  if (!labels.length) return error?.message ?? '';
  const named =
    labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
  return `Check ${named}: each says what is wrong beside it.`;
}

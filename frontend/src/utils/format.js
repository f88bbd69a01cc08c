/**
 * How the app writes money and times: money with the currency symbol, straight from the
 * decimal string; times in the server's APP_TIMEZONE (from /api/meta), not the browser's.
 */

const moneyFormats = new Map();
const dateFormats = new Map();

function cached(map, key, make) {
  if (!map.has(key)) map.set(key, make());
  return map.get(key);
}

/** ("1234.50", "INR") -> "₹1,234.50". Intl reads the string exactly: no float on the way. */
export function formatMoney(amount, currency = 'INR') {
  if (amount === null || amount === undefined || amount === '') return '—';
  const format = cached(
    moneyFormats,
    currency,
    () => new Intl.NumberFormat('en-IN', { style: 'currency', currency }),
  );
  return format.format(String(amount));
}

function dateFormat(timeZone, options) {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  return cached(dateFormats, key, () => new Intl.DateTimeFormat('en-IN', { timeZone, ...options }));
}

/** "22 Nov 2026, 15:45" in `timeZone` */
export function formatDateTime(iso, timeZone = 'Asia/Kolkata') {
  if (!iso) return '—';
  return dateFormat(timeZone, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** "15:45" in `timeZone` */
export function formatTime(iso, timeZone = 'Asia/Kolkata') {
  if (!iso) return '—';
  return dateFormat(timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );
}

/** "2026-11" -> "Nov 2026" (a calendar month as the server counts it, so no zone shift) */
export function formatMonth(month) {
  const [year, number] = month.split('-').map(Number);
  return dateFormat('UTC', { month: 'short', year: 'numeric' }).format(
    new Date(Date.UTC(year, number - 1, 1)),
  );
}

/** 125 -> "2 h 05 min", 45 -> "45 min" */
export function formatDuration(minutes) {
  if (minutes === null || minutes === undefined) return '—';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!hours) return `${rest} min`;
  return `${hours} h ${String(rest).padStart(2, '0')} min`;
}

/** Elapsed time as a clock: 3725 s -> "1:02:05" */
export function formatClock(totalSeconds) {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** Status word of the API -> words for people */
export const STATUS_LABELS = {
  reserved: 'Reserved',
  occupied: 'Parked',
  completed: 'Completed',
  cancelled: 'Cancelled',
  available: 'Available',
};

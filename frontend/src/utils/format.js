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

/** "4 Dec" in `timeZone` */
export function formatDay(iso, timeZone = 'Asia/Kolkata') {
  if (!iso) return '—';
  return dateFormat(timeZone, { day: 'numeric', month: 'short' }).format(new Date(iso));
}

/** The calendar day of `date` in `timeZone`, "2026-12-04", to compare days. */
function dayKey(date, timeZone) {
  return dateFormat(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(date))
    .filter((part) => part.type !== 'literal')
    .map((part) => part.value)
    .join('-');
}

/**
 * A moment near `now` as people say it: "08:45 today", "08:45 tomorrow", else "08:45 on 4 Dec"
 * (all in `timeZone`).
 */
export function formatMoment(iso, now = new Date(), timeZone = 'Asia/Kolkata') {
  if (!iso) return '—';
  const time = formatTime(iso, timeZone);
  const day = dayKey(iso, timeZone);
  if (day === dayKey(now, timeZone)) return `${time} today`;
  const tomorrow = new Date(new Date(now).getTime() + 86_400_000);
  if (day === dayKey(tomorrow, timeZone)) return `${time} tomorrow`;
  return `${time} on ${formatDay(iso, timeZone)}`;
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

/** Decimal hours as a duration: 2.0833 -> "2 h 05 min", 0.02 -> "1 min" (for totals in hours). */
export function formatHours(hours) {
  if (hours === null || hours === undefined || hours === '') return '—';
  const minutes = Math.round(Number(hours) * 60);
  if (Number.isNaN(minutes)) return '—';
  return formatDuration(minutes);
}

/** Elapsed time as a clock: 3725 s -> "1:02:05" */
export function formatClock(totalSeconds) {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** A short countdown: 724 s -> "12:04", 3725 s -> "1:02:05". */
export function formatCountdown(totalSeconds) {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  if (seconds >= 3600) return formatClock(seconds);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** ISO instants inside a sentence (a server's message) -> "4 Dec 2026, 08:17" in `timeZone`. */
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})/g;
export function humanizeTimes(text, timeZone = 'Asia/Kolkata') {
  if (typeof text !== 'string') return text;
  return text.replace(ISO_INSTANT, (iso) => {
    const date = new Date(iso.replace(' ', 'T'));
    return Number.isNaN(date.getTime()) ? iso : formatDateTime(date, timeZone);
  });
}

/** Status word of the API -> words for people */
export const STATUS_LABELS = {
  reserved: 'Reserved',
  occupied: 'Parked',
  completed: 'Completed',
  cancelled: 'Cancelled',
  available: 'Available',
};

const CANCEL_REASONS = {
  driver: 'Cancelled',
  operator: 'Cancelled by the operator',
  expired: 'Expired',
  no_show: 'No-show',
};

/**
 * A reservation's status as history says it: why a booking was cancelled ("Expired",
 * "No-show", "Cancelled by the operator"), and "Ended by the operator" for a forced release.
 */
export function statusLabel(reservation) {
  if (!reservation) return '';
  if (reservation.status === 'cancelled') {
    return CANCEL_REASONS[reservation.cancel_reason] ?? STATUS_LABELS.cancelled;
  }
  if (reservation.status === 'completed' && reservation.released_by_operator) {
    return 'Ended by the operator';
  }
  return STATUS_LABELS[reservation.status] ?? reservation.status;
}

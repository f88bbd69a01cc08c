/**
 * A booking window as people read it and as the API wants it: "Arrive" and "Leave" are wall
 * times in APP_TIMEZONE; the API takes `starts_at` and `ends_at` as instants with an offset.
 */
import { formatDuration } from './format.js';
import { wallTimeToIso } from './zonedTime.js';

/**
 * The API's window for the two fields, or null unless both hold a time.
 * @returns {{starts_at: string, ends_at: string}|null}
 */
export function windowQuery(arrive, leave, timeZone) {
  const starts = wallTimeToIso(arrive, timeZone);
  const ends = wallTimeToIso(leave, timeZone);
  return starts && ends ? { starts_at: starts, ends_at: ends } : null;
}

const formats = new Map();
function format(timeZone, options) {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  if (!formats.has(key)) {
    formats.set(key, new Intl.DateTimeFormat('en-IN', { timeZone, hourCycle: 'h23', ...options }));
  }
  return formats.get(key);
}
const DAY = { weekday: 'short', day: 'numeric', month: 'short' };
const TIME = { hour: '2-digit', minute: '2-digit' };

/**
 * "Thu, 3 Dec, 09:00–11:30" in `timeZone` (no year: a window is at most BOOKING_HORIZON_DAYS
 * ahead); a window across midnight names both days: "Thu, 3 Dec, 22:00 – Fri, 4 Dec, 02:00".
 */
export function formatWindow(startsAt, endsAt, timeZone) {
  if (!startsAt || !endsAt) return '—';
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const day = format(timeZone, DAY);
  const time = format(timeZone, TIME);
  if (day.format(start) === day.format(end)) {
    return `${day.format(start)}, ${time.format(start)}–${time.format(end)}`;
  }
  return `${day.format(start)}, ${time.format(start)} – ${day.format(end)}, ${time.format(end)}`;
}

/** "3 Dec 09:00–11:30": the short form for a spot's button and the operator's tables. */
export function formatShortWindow(startsAt, endsAt, timeZone) {
  if (!startsAt || !endsAt) return '—';
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const day = format(timeZone, { day: 'numeric', month: 'short' });
  const time = format(timeZone, TIME);
  const sameDay = day.format(start) === day.format(end);
  return `${day.format(start)} ${time.format(start)}–${sameDay ? '' : `${day.format(end)} `}${time.format(end)}`;
}

/**
 * How long until `target`, for a countdown: "2 h 05 min", "1 d 3 h", "12 min",
 * "less than a minute"; '' once it has come.
 */
export function timeUntil(target, now = new Date()) {
  const ms = new Date(target).getTime() - new Date(now).getTime();
  if (ms <= 0) return '';
  const minutes = Math.floor(ms / 60000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 24 * 60) return formatDuration(minutes);
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  return hours ? `${days} d ${hours} h` : `${days} d`;
}

/**
 * The countdown of a window booking: "starts in 2 h 05 min", then "started, ends in 45 min",
 * then "ended".
 */
export function countdownText(startsAt, endsAt, now = new Date()) {
  const toStart = timeUntil(startsAt, now);
  if (toStart) return `starts in ${toStart}`;
  const toEnd = timeUntil(endsAt, now);
  return toEnd ? `started, ends in ${toEnd}` : 'ended';
}

const FIELD_LABELS = { starts_at: 'Arrive', ends_at: 'Leave' };
const WORDS = { ...FIELD_LABELS, vehicle_number: 'Vehicle number' };
const FIELD_NAMES = /\b(starts_at|ends_at|vehicle_number)\b/g;

/** A refusal in the form's words: "ends_at: at least 30 minutes" -> "Leave: at least 30 minutes". */
export function windowErrorText(error) {
  if (!error) return '';
  const text = typeof error === 'string' ? error : (error.message ?? '');
  return text.replace(FIELD_NAMES, (name) => WORDS[name]);
}

/**
 * Which of the two fields a refusal names, `{ends_at: true}`: its 422 fields, or else the
 * first field its message names.
 */
export function windowFieldsNamed(error) {
  if (!error || typeof error === 'string') return {};
  const fromFields = Object.keys(FIELD_LABELS).filter((name) => error.fields?.[name]);
  if (fromFields.length) return Object.fromEntries(fromFields.map((name) => [name, true]));
  const first = /\b(starts_at|ends_at)\b/.exec(error.message ?? '');
  return first ? { [first[1]]: true } : {};
}

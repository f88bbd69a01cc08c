/**
 * Wall times in the server's APP_TIMEZONE (not the browser's) and the instants they stand for.
 * A `<input type="datetime-local">` gives a wall time without a zone ("2026-12-03T09:00"); the
 * API wants an instant with an offset. Intl knows every zone's rules, so no library is needed.
 */

const QUARTER_MS = 15 * 60000;
const partsFormats = new Map();

function partsFormat(timeZone) {
  if (!partsFormats.has(timeZone)) {
    partsFormats.set(
      timeZone,
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
    );
  }
  return partsFormats.get(timeZone);
}

/** The wall clock in `timeZone` at `date`: {year, month, day, hour, minute, second}. */
function wallParts(date, timeZone) {
  const parts = {};
  for (const { type, value } of partsFormat(timeZone).formatToParts(date)) {
    if (type !== 'literal') parts[type] = Number(value);
  }
  return parts;
}

/** Minutes `timeZone` is ahead of UTC at `date`: Asia/Kolkata +330, Europe/London 0 or +60. */
export function zoneOffsetMinutes(date, timeZone) {
  const p = wallParts(date, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const whole = Math.floor(date.getTime() / 1000) * 1000;
  return Math.round((asUtc - whole) / 60000);
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant a wall time in `timeZone` stands for, or null when the text is not one.
 * A time skipped by a clock change (01:30 in London on the last Sunday of March) moves forward
 * by the gap, as clocks do; a time that happens twice (the autumn change) is the first one.
 * @param {string} wall "2026-12-03T09:00"
 * @returns {Date|null}
 */
export function wallTimeToDate(wall, timeZone) {
  const match = WALL.exec(wall ?? '');
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (Number.isNaN(asUtc) || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23) {
    return null;
  }
  // The zone's offset an hour either side of the guess covers both sides of a clock change.
  const before = zoneOffsetMinutes(new Date(asUtc - 3600000), timeZone);
  const after = zoneOffsetMinutes(new Date(asUtc + 3600000), timeZone);
  const first = asUtc - before * 60000;
  if (zoneOffsetMinutes(new Date(first), timeZone) === before) return new Date(first);
  // Not a valid reading with the earlier offset: the time falls in a gap; use the later one.
  return new Date(asUtc - after * 60000 + (after - before) * 60000);
}

/**
 * A wall time in `timeZone` as the API wants it: UTC with an explicit offset.
 * ("2026-12-03T09:00", "Asia/Kolkata") -> "2026-12-03T03:30:00+00:00"; null when not a time.
 */
export function wallTimeToIso(wall, timeZone) {
  const date = wallTimeToDate(wall, timeZone);
  if (!date) return null;
  return date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** An instant as a datetime-local value in `timeZone`: "2026-12-03T09:00". */
export function toWallTime(date, timeZone) {
  const p = wallParts(new Date(date), timeZone);
  const two = (n) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/**
 * The next quarter-hour at or after `now` (14:02 -> 14:15, 14:15:00 -> 14:15). Every zone's
 * offset is a whole number of quarter-hours, so this is a quarter-hour on the wall clock too.
 */
export function nextQuarterHour(now = new Date()) {
  return new Date(Math.ceil(new Date(now).getTime() / QUARTER_MS) * QUARTER_MS);
}

/** `wall` moved by `minutes` in `timeZone` (across a clock change too); '' when not a time. */
export function addMinutesToWallTime(wall, minutes, timeZone) {
  const date = wallTimeToDate(wall, timeZone);
  if (!date) return '';
  return toWallTime(new Date(date.getTime() + minutes * 60000), timeZone);
}

// How each spot status looks: a colour and a word, never the colour alone.
import { formatShortWindow } from '@/utils/bookingWindow.js';
import { formatTime } from '@/utils/format.js';

export const SPOT_STATUSES = {
  available: { label: 'Free', symbol: '○' },
  reserved: { label: 'Held', symbol: '◐' },
  occupied: { label: 'Taken', symbol: '●' },
};

/**
 * The accessible name of a spot's button, as the contract spells it: "Spot 3, occupied"; an
 * advance spot adds words after it: "Spot 9, available, advance spot, next booking 3 Dec
 * 09:00–11:30".
 */
export function spotName(spot, timeZone = 'Asia/Kolkata') {
  const name = `Spot ${spot.number}, ${spot.status}`;
  if (spot.kind !== 'advance') return name;
  const next = spot.next_booking;
  if (!next) return `${name}, advance spot, no booking ahead`;
  return `${name}, advance spot, next booking ${formatShortWindow(next.starts_at, next.ends_at, timeZone)}`;
}

const dayFormats = new Map();
function dayOf(date, timeZone) {
  if (!dayFormats.has(timeZone)) {
    dayFormats.set(
      timeZone,
      new Intl.DateTimeFormat('en-IN', { timeZone, day: 'numeric', month: 'short' }),
    );
  }
  return dayFormats.get(timeZone).format(new Date(date));
}

/**
 * A tile's next window in one short line: "Next 09:00–11:30" today, "Next 3 Dec 09:00" on
 * another day (the whole window is in the spot's details and its name).
 */
export function nextLine(next, timeZone = 'Asia/Kolkata', now = new Date()) {
  if (!next) return '';
  const start = formatTime(next.starts_at, timeZone);
  if (dayOf(next.starts_at, timeZone) === dayOf(now, timeZone)) {
    const sameDay = dayOf(next.ends_at, timeZone) === dayOf(next.starts_at, timeZone);
    return sameDay ? `Next ${start}–${formatTime(next.ends_at, timeZone)}` : `Next ${start}`;
  }
  return `Next ${dayOf(next.starts_at, timeZone)} ${start}`;
}

/** A held tile's line: "until 08:45", when its hold lapses (the server's `hold_ends_at`). */
export function holdLine(spot, timeZone = 'Asia/Kolkata') {
  const ends = spot.status === 'reserved' ? spot.reservation?.hold_ends_at : null;
  return ends ? `until ${formatTime(ends, timeZone)}` : '';
}

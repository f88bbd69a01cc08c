// How each spot status looks: a colour and a word, never the colour alone.
import { formatShortWindow } from '@/utils/bookingWindow.js';

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

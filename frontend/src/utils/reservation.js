/** When an unparked reservation's hold runs out: `reserved_at` + RESERVATION_HOLD_MINUTES. */
export function heldUntil(reservation, holdMinutes) {
  return new Date(new Date(reservation.reserved_at).getTime() + holdMinutes * 60000).toISOString();
}

/**
 * When a held booking lapses: the server's `hold_ends_at`; for an older server, a drive-up's
 * `reserved_at` + the hold minutes. Null when the server says nothing and it is a window.
 */
export function holdEndsAt(reservation, holdMinutes) {
  if (reservation.status !== 'reserved') return null;
  if (reservation.hold_ends_at) return reservation.hold_ends_at;
  if (reservation.starts_at) return null;
  return heldUntil(reservation, holdMinutes);
}

/** Whole seconds from `now` until `iso` (0 once it has come). */
export function secondsUntil(iso, now = new Date()) {
  if (!iso) return 0;
  return Math.max(0, Math.ceil((new Date(iso).getTime() - new Date(now).getTime()) / 1000));
}

/** True when "Park" may be pressed: a drive-up at once, a window from `parking_opens_at`. */
export function canParkNow(reservation, now = new Date()) {
  if (reservation.status !== 'reserved') return false;
  if (!reservation.parking_opens_at) return true;
  return new Date(now).getTime() >= new Date(reservation.parking_opens_at).getTime();
}

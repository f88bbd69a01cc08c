/** When an unparked reservation's hold runs out: `reserved_at` + RESERVATION_HOLD_MINUTES. */
export function heldUntil(reservation, holdMinutes) {
  return new Date(new Date(reservation.reserved_at).getTime() + holdMinutes * 60000).toISOString();
}

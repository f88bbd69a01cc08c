/**
 * The questions a driver is asked before an action that charges or ends a booking. No button
 * in them is named "Cancel" or "Release" alone: the confirming one says what it does.
 */
import { billedHours, elapsedMinutes, runningCost } from './billing.js';
import { formatMoney } from './format.js';
import { fromPaise, toPaise } from './money.js';

/** What releasing now costs: the server's `estimated_cost`, else the app's own reckoning. */
export function releaseAmount(reservation, now = new Date()) {
  if (reservation.estimated_cost) return reservation.estimated_cost;
  if (reservation.starts_at && reservation.quoted_cost) {
    // A window pays its price; every started hour past its end costs the hourly price.
    const over = new Date(now) > new Date(reservation.ends_at);
    const extra = over
      ? toPaise(reservation.price_per_hour) * billedHours(elapsedMinutes(reservation.ends_at, now))
      : 0;
    return fromPaise(toPaise(reservation.quoted_cost) + extra);
  }
  if (!reservation.parked_at) return null;
  return runningCost(reservation.price_per_hour, reservation.parked_at, now);
}

/**
 * @param {'release'|'cancel'} action
 * @returns {{title: string, body: string, confirm: string, dismiss: string}}
 */
export function confirmation(action, reservation, currency = 'INR', now = new Date()) {
  if (action === 'release') {
    const amount = releaseAmount(reservation, now);
    const money = amount ? formatMoney(amount, currency) : '';
    return {
      title: money
        ? `Release spot ${reservation.spot_number} and pay ${money}?`
        : `Release spot ${reservation.spot_number}?`,
      body: money
        ? `${reservation.vehicle_number} leaves ${reservation.lot_name}; ${money} is charged for the stay.`
        : `${reservation.vehicle_number} leaves ${reservation.lot_name}; the stay is charged.`,
      confirm: money ? `Release and pay ${money}` : 'Release and pay',
      dismiss: 'Keep parked',
    };
  }
  return {
    title: `Cancel your booking at ${reservation.lot_name}? Nothing is charged.`,
    body: `Spot ${reservation.spot_number} for ${reservation.vehicle_number} is given up.`,
    confirm: 'Yes, cancel booking',
    dismiss: 'Keep booking',
  };
}

// What the operator is asked before freeing a spot: force-releasing a parked car charges the
// driver, cancelling a hold charges nothing; the driver is told either way.
import { formatMoney } from '@/utils/format.js';

/**
 * The confirmation for freeing `reservation` (a parked car or a held spot).
 * @param {{status?: string, parked_at?: string|null, estimated_cost?: string|null,
 *   user?: {full_name?: string}|null}} reservation
 * @param {{spotNumber?: number, lotName?: string, currency?: string}} [where]
 * @returns {{action: 'release'|'cancel', title: string, body: string, confirmLabel: string,
 *   cancelLabel: string}}
 */
export function freeConfirmation(reservation, { spotNumber, lotName, currency = 'INR' } = {}) {
  const parked = reservation.status ? reservation.status === 'occupied' : !!reservation.parked_at;
  const driver = reservation.user?.full_name
    ? `The driver, ${reservation.user.full_name},`
    : 'The driver';
  const place = spotNumber ? `spot ${spotNumber}${lotName ? ` of ${lotName}` : ''}` : 'this spot';
  if (parked) {
    const cost = reservation.estimated_cost;
    const charged = cost !== null && cost !== undefined && Number(cost) > 0;
    const amount = formatMoney(cost, currency);
    return {
      action: 'release',
      title: `Force release ${place}?`,
      body: charged
        ? `${driver} will be charged ${amount} for the stay so far and is told that the operator ended it. The spot becomes free.`
        : `${driver} is told that the operator ended the stay; nothing is charged. The spot becomes free.`,
      confirmLabel: charged ? `Force release and charge ${amount}` : 'Force release',
      cancelLabel: 'Keep it parked',
    };
  }
  return {
    action: 'cancel',
    title: `Cancel the booking for ${place}?`,
    body: `${driver} is told that the operator cancelled the booking; nothing is charged. The spot becomes free for others.`,
    confirmLabel: 'Yes, cancel booking',
    cancelLabel: 'Keep the booking',
  };
}

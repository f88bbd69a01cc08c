import { describe, expect, it } from 'vitest';
import { confirmation, releaseAmount } from './confirmations.js';

const parked = {
  id: 7,
  status: 'occupied',
  lot_name: 'Brigade',
  spot_number: 3,
  vehicle_number: 'KA01AB1234',
  price_per_hour: '40.00',
  parked_at: '2026-12-03T10:00:00+00:00',
  estimated_cost: '120.00',
};

describe('confirmations', () => {
  it("asks before a release with the server's amount, in words that start with Release", () => {
    const question = confirmation('release', parked, 'INR');
    expect(question.title).toBe('Release spot 3 and pay ₹120.00?');
    expect(question.confirm).toBe('Release and pay ₹120.00');
    expect(question.dismiss).toBe('Keep parked');
  });

  it("falls back on the app's own reckoning when the server gives no amount", () => {
    const now = new Date('2026-12-03T11:30:00+00:00');
    expect(releaseAmount({ ...parked, estimated_cost: null }, now)).toBe('80.00');
  });

  it('asks before a cancel, saying nothing is charged, with no button named Cancel alone', () => {
    const question = confirmation('cancel', { ...parked, status: 'reserved' });
    expect(question.title).toBe('Cancel your booking at Brigade? Nothing is charged.');
    expect(question.confirm).toBe('Yes, cancel booking');
    expect(question.dismiss).toBe('Keep booking');
    for (const label of [question.confirm, question.dismiss]) {
      expect(label).not.toMatch(/^(Cancel|Release)$/);
    }
  });
});

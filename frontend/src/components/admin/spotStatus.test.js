import { describe, expect, it } from 'vitest';
import { holdLine, nextLine } from './spotStatus.js';

const zone = 'Asia/Kolkata';
// 4 Dec 2026, 08:00 in Kolkata
const now = new Date('2026-12-04T02:30:00Z');

describe('nextLine', () => {
  it('writes today’s next window in one short line', () => {
    const next = { starts_at: '2026-12-04T03:30:00Z', ends_at: '2026-12-04T06:00:00Z' };
    expect(nextLine(next, zone, now)).toBe('Next 09:00–11:30');
  });

  it('names the day of a window on another day, with its start only', () => {
    const next = { starts_at: '2026-12-06T03:30:00Z', ends_at: '2026-12-06T06:00:00Z' };
    expect(nextLine(next, zone, now)).toBe('Next 6 Dec 09:00');
  });

  it('says nothing when no window is booked', () => {
    expect(nextLine(null, zone, now)).toBe('');
  });
});

describe('holdLine', () => {
  it('shows when a held spot’s hold ends', () => {
    const spot = { status: 'reserved', reservation: { hold_ends_at: '2026-12-04T03:15:00Z' } };
    expect(holdLine(spot, zone)).toBe('until 08:45');
  });

  it('shows nothing for a parked car or a hold without an end', () => {
    expect(holdLine({ status: 'occupied', reservation: { hold_ends_at: null } }, zone)).toBe('');
    expect(holdLine({ status: 'reserved', reservation: {} }, zone)).toBe('');
  });
});

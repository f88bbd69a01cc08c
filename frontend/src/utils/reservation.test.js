import { describe, expect, it } from 'vitest';
import { canParkNow, holdEndsAt, secondsUntil } from './reservation.js';

describe('holds and parking times', () => {
  const held = { status: 'reserved', reserved_at: '2026-12-03T10:00:00+00:00' };

  it("takes the hold's end from the server, else from the hold minutes", () => {
    expect(holdEndsAt({ ...held, hold_ends_at: '2026-12-03T10:20:00+00:00' }, 30)).toBe(
      '2026-12-03T10:20:00+00:00',
    );
    expect(holdEndsAt(held, 30)).toBe('2026-12-03T10:30:00.000Z');
    expect(holdEndsAt({ ...held, status: 'occupied' }, 30)).toBeNull();
  });

  it('counts whole seconds down to zero', () => {
    expect(secondsUntil('2026-12-03T10:12:04Z', new Date('2026-12-03T10:00:00Z'))).toBe(724);
    expect(secondsUntil('2026-12-03T10:00:00Z', new Date('2026-12-03T10:05:00Z'))).toBe(0);
  });

  it('lets a window booking park only from parking_opens_at', () => {
    const window = { ...held, starts_at: 'x', parking_opens_at: '2026-12-04T03:15:00Z' };
    expect(canParkNow(window, new Date('2026-12-04T03:14:59Z'))).toBe(false);
    expect(canParkNow(window, new Date('2026-12-04T03:15:00Z'))).toBe(true);
    expect(canParkNow(held, new Date())).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import {
  addMinutesToWallTime,
  nextQuarterHour,
  toWallTime,
  wallTimeToDate,
  wallTimeToIso,
  zoneOffsetMinutes,
} from './zonedTime.js';

describe('wall times in a zone without clock changes (Asia/Kolkata)', () => {
  const zone = 'Asia/Kolkata';

  it('turns a wall time into UTC with an explicit offset', () => {
    expect(wallTimeToIso('2026-12-03T09:00', zone)).toBe('2026-12-03T03:30:00+00:00');
    expect(wallTimeToIso('2026-12-03T02:15', zone)).toBe('2026-12-02T20:45:00+00:00');
  });

  it('reads an instant back as the wall time it is there', () => {
    expect(toWallTime('2026-12-03T03:30:00+00:00', zone)).toBe('2026-12-03T09:00');
    expect(toWallTime('2026-12-31T18:30:00Z', zone)).toBe('2027-01-01T00:00');
  });

  it('is +05:30 all year', () => {
    expect(zoneOffsetMinutes(new Date('2026-01-15T00:00:00Z'), zone)).toBe(330);
    expect(zoneOffsetMinutes(new Date('2026-07-15T00:00:00Z'), zone)).toBe(330);
  });
});

describe('wall times in a zone with clock changes (Europe/London)', () => {
  const zone = 'Europe/London';

  it('uses GMT in winter and BST in summer', () => {
    expect(wallTimeToIso('2026-12-03T09:00', zone)).toBe('2026-12-03T09:00:00+00:00');
    expect(wallTimeToIso('2026-06-03T09:00', zone)).toBe('2026-06-03T08:00:00+00:00');
  });

  it('moves a time the spring change skips forward by the gap', () => {
    // 29 March 2026: at 01:00 GMT the clocks go to 02:00 BST; 01:30 never happens.
    expect(wallTimeToIso('2026-03-29T00:30', zone)).toBe('2026-03-29T00:30:00+00:00');
    expect(wallTimeToIso('2026-03-29T01:30', zone)).toBe('2026-03-29T01:30:00+00:00');
    expect(toWallTime(wallTimeToDate('2026-03-29T01:30', zone), zone)).toBe('2026-03-29T02:30');
    expect(wallTimeToIso('2026-03-29T02:30', zone)).toBe('2026-03-29T01:30:00+00:00');
  });

  it('takes the first of a time the autumn change repeats', () => {
    // 25 October 2026: 01:30 happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT).
    expect(wallTimeToIso('2026-10-25T01:30', zone)).toBe('2026-10-25T00:30:00+00:00');
    expect(wallTimeToIso('2026-10-25T02:30', zone)).toBe('2026-10-25T02:30:00+00:00');
  });

  it('adds minutes across a change as the clock shows them', () => {
    expect(addMinutesToWallTime('2026-03-29T00:30', 60, zone)).toBe('2026-03-29T02:30');
    expect(addMinutesToWallTime('2026-12-03T23:30', 60, zone)).toBe('2026-12-04T00:30');
  });
});

describe('wall time input', () => {
  it('gives null for anything that is not a datetime-local value', () => {
    expect(wallTimeToIso('', 'Asia/Kolkata')).toBeNull();
    expect(wallTimeToIso(null, 'Asia/Kolkata')).toBeNull();
    expect(wallTimeToIso('2026-12-03', 'Asia/Kolkata')).toBeNull();
    expect(wallTimeToIso('2026-13-03T09:00', 'Asia/Kolkata')).toBeNull();
    expect(addMinutesToWallTime('', 60, 'Asia/Kolkata')).toBe('');
  });

  it('accepts seconds, as some browsers write them', () => {
    expect(wallTimeToIso('2026-12-03T09:00:00', 'Asia/Kolkata')).toBe('2026-12-03T03:30:00+00:00');
  });
});

describe('nextQuarterHour', () => {
  const at = (iso) => nextQuarterHour(new Date(iso)).toISOString();

  it('rounds up to the next quarter-hour', () => {
    expect(at('2026-12-03T08:32:10Z')).toBe('2026-12-03T08:45:00.000Z');
    expect(at('2026-12-03T08:45:00.001Z')).toBe('2026-12-03T09:00:00.000Z');
    expect(at('2026-12-03T23:50:00Z')).toBe('2026-12-04T00:00:00.000Z');
  });

  it('keeps a time already on a quarter-hour', () => {
    expect(at('2026-12-03T08:45:00Z')).toBe('2026-12-03T08:45:00.000Z');
  });

  it('lands on a quarter-hour of the wall clock in a half-hour zone', () => {
    const next = nextQuarterHour(new Date('2026-12-03T08:32:10Z'));
    expect(toWallTime(next, 'Asia/Kolkata')).toBe('2026-12-03T14:15');
  });
});

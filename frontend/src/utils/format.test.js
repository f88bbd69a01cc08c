import { describe, expect, it } from 'vitest';
import {
  formatClock,
  formatCountdown,
  formatDateTime,
  formatDay,
  formatDuration,
  formatHours,
  formatMoment,
  formatMoney,
  formatMonth,
  formatTime,
  humanizeTimes,
  statusLabel,
} from './format.js';
import { fromPaise, toPaise } from './money.js';

describe('money', () => {
  it('shows the currency symbol from the decimal string', () => {
    expect(formatMoney('1234.50', 'INR')).toBe('₹1,234.50');
    expect(formatMoney('40.00', 'EUR')).toBe('€40.00');
    expect(formatMoney(null)).toBe('—');
  });

  it('keeps large amounts exact', () => {
    expect(formatMoney('12345678901234.57', 'INR')).toBe('₹1,23,45,67,89,01,234.57');
  });

  it('turns decimal strings into whole paise and back', () => {
    expect(toPaise('50.00')).toBe(5000);
    expect(toPaise('7')).toBe(700);
    expect(fromPaise(5)).toBe('0.05');
    expect(() => toPaise('abc')).toThrow();
  });
});

describe('times in the app zone', () => {
  it("writes HH:MM in the server's zone, not the browser's", () => {
    expect(formatTime('2026-11-22T10:15:00+00:00', 'Asia/Kolkata')).toBe('15:45');
    expect(formatTime('2026-11-22T10:15:00+00:00', 'Europe/London')).toBe('10:15');
  });

  it('names a calendar month as the server counts it', () => {
    expect(formatMonth('2026-11')).toBe('Nov 2026');
  });

  it('writes durations and running clocks', () => {
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(125)).toBe('2 h 05 min');
    expect(formatClock(3725)).toBe('1:02:05');
    expect(formatClock(-3)).toBe('0:00:00');
  });
});

describe('one format for moments, countdowns and history', () => {
  const zone = 'Asia/Kolkata';
  const now = new Date('2026-12-03T10:00:00+05:30');

  it('says today, tomorrow or the date of a moment, in the app zone', () => {
    expect(formatMoment('2026-12-03T18:45:00+05:30', now, zone)).toBe('18:45 today');
    expect(formatMoment('2026-12-04T08:45:00+05:30', now, zone)).toBe('08:45 tomorrow');
    expect(formatMoment('2026-12-06T08:45:00+05:30', now, zone)).toBe('08:45 on 6 Dec');
    // 23:30 UTC on the 3rd is already the 4th in Kolkata.
    expect(formatMoment('2026-12-03T23:30:00+00:00', now, zone)).toBe('05:00 tomorrow');
  });

  it('writes a date and time as "4 Dec 2026, 08:17" and a day as "4 Dec"', () => {
    expect(formatDateTime('2026-12-04T02:47:00+00:00', zone)).toBe('4 Dec 2026, 08:17');
    expect(formatDay('2026-12-04T02:47:00+00:00', zone)).toBe('4 Dec');
  });

  it('writes decimal hours as a duration, not "0.02"', () => {
    expect(formatHours(0.02)).toBe('1 min');
    expect(formatHours('2.0833')).toBe('2 h 05 min');
    expect(formatHours(null)).toBe('—');
  });

  it('counts a hold down as minutes and seconds', () => {
    expect(formatCountdown(724)).toBe('12:04');
    expect(formatCountdown(59)).toBe('0:59');
    expect(formatCountdown(-5)).toBe('0:00');
    expect(formatCountdown(3725)).toBe('1:02:05');
  });

  it("turns the ISO times inside a server's message into people's words", () => {
    expect(humanizeTimes('Parking opens at 2026-12-04T03:15:00+00:00 for this booking', zone)).toBe(
      'Parking opens at 4 Dec 2026, 08:45 for this booking',
    );
    expect(humanizeTimes('Nothing to change', zone)).toBe('Nothing to change');
  });

  it('says why a booking ended', () => {
    expect(statusLabel({ status: 'cancelled', cancel_reason: 'expired' })).toBe('Expired');
    expect(statusLabel({ status: 'cancelled', cancel_reason: 'no_show' })).toBe('No-show');
    expect(statusLabel({ status: 'cancelled', cancel_reason: 'operator' })).toBe(
      'Cancelled by the operator',
    );
    expect(statusLabel({ status: 'cancelled', cancel_reason: 'driver' })).toBe('Cancelled');
    expect(statusLabel({ status: 'cancelled', cancel_reason: null })).toBe('Cancelled');
    expect(statusLabel({ status: 'completed', released_by_operator: true })).toBe(
      'Ended by the operator',
    );
    expect(statusLabel({ status: 'completed', released_by_operator: false })).toBe('Completed');
  });
});

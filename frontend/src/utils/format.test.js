import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatMoney, formatMonth, formatTime } from './format.js';
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

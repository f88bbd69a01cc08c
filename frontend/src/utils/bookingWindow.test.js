import { describe, expect, it } from 'vitest';
import {
  countdownText,
  windowErrorText,
  windowFieldsNamed,
  formatShortWindow,
  formatWindow,
  timeUntil,
  windowQuery,
} from './bookingWindow.js';

describe('windowQuery', () => {
  it('gives the API window when both fields hold a time', () => {
    expect(windowQuery('2026-12-03T09:00', '2026-12-03T11:30', 'Asia/Kolkata')).toEqual({
      starts_at: '2026-12-03T03:30:00+00:00',
      ends_at: '2026-12-03T06:00:00+00:00',
    });
  });

  it('gives null while either is empty, so "Book" stays a drive-up booking', () => {
    expect(windowQuery('', '', 'Asia/Kolkata')).toBeNull();
    expect(windowQuery('2026-12-03T09:00', '', 'Asia/Kolkata')).toBeNull();
    expect(windowQuery('', '2026-12-03T11:30', 'Asia/Kolkata')).toBeNull();
  });
});

describe('formatWindow', () => {
  it('writes the day once for a window within a day, in the app zone', () => {
    expect(
      formatWindow('2026-12-03T03:30:00+00:00', '2026-12-03T06:00:00+00:00', 'Asia/Kolkata'),
    ).toBe('Thu, 3 Dec, 09:00–11:30');
  });

  it('names both days for a window across midnight', () => {
    expect(
      formatWindow('2026-12-03T16:30:00+00:00', '2026-12-03T20:30:00+00:00', 'Asia/Kolkata'),
    ).toBe('Thu, 3 Dec, 22:00 – Fri, 4 Dec, 02:00');
  });

  it('has a short form for buttons and tables', () => {
    expect(
      formatShortWindow('2026-12-03T03:30:00+00:00', '2026-12-03T06:00:00+00:00', 'Asia/Kolkata'),
    ).toBe('3 Dec 09:00–11:30');
    expect(
      formatShortWindow('2026-12-03T16:30:00+00:00', '2026-12-03T20:30:00+00:00', 'Asia/Kolkata'),
    ).toBe('3 Dec 22:00–4 Dec 02:00');
    expect(formatWindow(null, null, 'Asia/Kolkata')).toBe('—');
  });
});

describe('the countdown', () => {
  const now = new Date('2026-12-03T01:20:00Z');

  it('counts minutes, hours and days', () => {
    expect(timeUntil('2026-12-03T03:30:00Z', now)).toBe('2 h 10 min');
    expect(timeUntil('2026-12-03T01:32:59Z', now)).toBe('12 min');
    expect(timeUntil('2026-12-03T01:20:30Z', now)).toBe('less than a minute');
    expect(timeUntil('2026-12-04T04:30:00Z', now)).toBe('1 d 3 h');
    expect(timeUntil('2026-12-05T01:20:00Z', now)).toBe('2 d');
    expect(timeUntil('2026-12-03T01:20:00Z', now)).toBe('');
  });

  it('says when a window starts, then when it ends', () => {
    const start = '2026-12-03T03:30:00Z';
    const end = '2026-12-03T06:00:00Z';
    expect(countdownText(start, end, now)).toBe('starts in 2 h 10 min');
    expect(countdownText(start, end, new Date('2026-12-03T05:15:00Z'))).toBe(
      'started, ends in 45 min',
    );
    expect(countdownText(start, end, new Date('2026-12-03T06:00:00Z'))).toBe('ended');
  });
});

describe('refusals of a window', () => {
  it('are said with the labels of the fields', () => {
    expect(windowErrorText({ message: 'ends_at: must be after starts_at' })).toBe(
      'Leave: must be after Arrive',
    );
    expect(windowErrorText({ message: 'vehicle_number: already booked for that window' })).toBe(
      'Vehicle number: already booked for that window',
    );
    expect(windowErrorText(null)).toBe('');
  });

  it('name the field they are about', () => {
    expect(windowFieldsNamed({ message: 'x', fields: { starts_at: 'too far ahead' } })).toEqual({
      starts_at: true,
    });
    expect(windowFieldsNamed({ message: 'ends_at: must be after starts_at', fields: {} })).toEqual({
      ends_at: true,
    });
    expect(windowFieldsNamed({ message: 'No advance spot is free', fields: {} })).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { billedHours, elapsedMinutes, runningCost } from './billing.js';

const parked = '2026-11-22T10:00:00+00:00';
const at = (time) => new Date(`2026-11-22T${time}+00:00`);

describe('billing preview (the server rule: price x started hours, at least one)', () => {
  it('counts a started minute as a whole one', () => {
    expect(elapsedMinutes(parked, at('10:00:00'))).toBe(0);
    expect(elapsedMinutes(parked, at('10:00:01'))).toBe(1);
    expect(elapsedMinutes(parked, at('10:59:59'))).toBe(60);
  });

  it('bills at least one hour, then every started hour', () => {
    expect(billedHours(0)).toBe(1);
    expect(billedHours(60)).toBe(1);
    expect(billedHours(61)).toBe(2);
  });

  it('costs one hour right after parking', () => {
    expect(runningCost('40.00', parked, at('10:00:00'))).toBe('40.00');
  });

  it('adds an hour as soon as the next one starts', () => {
    expect(runningCost('40.00', parked, at('11:00:00'))).toBe('40.00');
    expect(runningCost('40.00', parked, at('11:00:01'))).toBe('80.00');
  });

  it('multiplies in whole paise, without float drift', () => {
    // 0.1 + 0.2 style drift would show as 30.599999...
    expect(runningCost('10.20', parked, at('12:30:00'))).toBe('30.60');
    expect(runningCost('33.33', parked, at('12:59:00'))).toBe('99.99');
  });

  it('never goes below one hour when clocks disagree', () => {
    expect(runningCost('25.50', parked, at('09:59:00'))).toBe('25.50');
  });
});

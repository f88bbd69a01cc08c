import { describe, expect, it } from 'vitest';
import {
  formatDay,
  formatDayTick,
  formatMoneyTick,
  mergeOptions,
  moneyValueAxis,
  namedCategoryAxis,
  truncateLabel,
} from './chartFormat.js';

describe('truncateLabel', () => {
  it('cuts a long name to 18 characters and an ellipsis', () => {
    const name = `Brigade Road Multi-level Parking ${'x'.repeat(90)}`;
    expect(truncateLabel(name)).toBe('Brigade Road Multi…');
    expect(Array.from(truncateLabel('y'.repeat(120))).length).toBe(19);
  });

  it('keeps a short name whole', () => {
    expect(truncateLabel('MG Road')).toBe('MG Road');
    expect(truncateLabel('a'.repeat(18))).toBe('a'.repeat(18));
  });
});

describe('axis formats', () => {
  it('writes money ticks in the currency, Indian grouping, no needless decimals', () => {
    expect(formatMoneyTick(1200, 'INR')).toBe('₹1,200');
    expect(formatMoneyTick(100000, 'INR')).toBe('₹1,00,000');
    expect(formatMoneyTick(12.5, 'INR')).toBe('₹12.5');
    expect(formatMoneyTick(0, 'EUR')).toBe('€0');
  });

  it('writes a day as "4 Dec", whatever the browser’s zone', () => {
    expect(formatDayTick('2026-12-04')).toBe('4 Dec');
    expect(formatDay('2026-12-04')).toBe('4 Dec 2026');
  });
});

describe('chart options', () => {
  it('cuts category ticks and keeps the whole name as the tooltip title', () => {
    const name = 'L'.repeat(120);
    const options = namedCategoryAxis('y');
    const scale = { getLabelForValue: () => name };
    expect(options.scales.y.ticks.callback.call(scale, 0)).toBe(`${'L'.repeat(18)}…`);
    expect(options.plugins.tooltip.callbacks.title([{ label: name }])).toBe(name);
  });

  it('puts the currency on a money axis and the exact amount in the tooltip', () => {
    const options = moneyValueAxis('INR', 'y', () => 'Revenue: ₹1,200.00');
    expect(options.scales.y.ticks.callback(1200)).toBe('₹1,200');
    expect(options.plugins.tooltip.callbacks.label({})).toBe('Revenue: ₹1,200.00');
  });

  it('merges axes and tooltips without losing either side', () => {
    const merged = mergeOptions(namedCategoryAxis('x'), moneyValueAxis('INR', 'y'), {
      scales: { x: { stacked: true } },
    });
    expect(merged.scales.x.stacked).toBe(true);
    expect(typeof merged.scales.x.ticks.callback).toBe('function');
    expect(typeof merged.scales.y.ticks.callback).toBe('function');
    expect(Object.keys(merged.plugins.tooltip.callbacks).sort()).toEqual(['label', 'title']);
  });
});

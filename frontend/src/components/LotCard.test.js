import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import LotCard from './LotCard.vue';

const lot = {
  id: 4,
  name: 'Brigade',
  address: '1 Brigade Road',
  pincode: '560025',
  price_per_hour: '40.00',
  total_spots: 10,
  advance_spots: 3,
  available_spots: 6,
  reserved_spots: 1,
  occupied_spots: 3,
  available_for_window: 2,
  quoted_cost: '120.00',
};

const card = (props) => mount(LotCard, { props: { lot, currency: 'INR', ...props } });

describe('LotCard', () => {
  it('shows the advance spots free for the window and its price', () => {
    const text = card({ windowReady: true }).text();
    expect(text).toContain('2 advance spots free for this window');
    expect(text).toContain('₹120.00 for this window');
  });

  it('leaves the price to the open booking form, so the page says it once', () => {
    const text = card({ windowReady: true, expanded: true }).text();
    expect(text).toContain('2 advance spots free for this window');
    expect(text).not.toContain('₹120.00');
  });

  it('shows nothing about a window until the figures for it are in', () => {
    const text = card({ windowReady: false }).text();
    expect(text).not.toContain('for this window');
    expect(text).toContain('6 free');
  });

  it('says one spot, none, and a lot that takes no bookings ahead', () => {
    expect(card({ windowReady: true, lot: { ...lot, available_for_window: 1 } }).text()).toContain(
      '1 advance spot free for this window',
    );
    const none = card({
      windowReady: true,
      lot: { ...lot, advance_spots: 0, available_for_window: 0 },
    }).text();
    expect(none).toContain('0 advance spots free for this window');
    expect(none).toContain('takes no bookings ahead');
  });

  it('keeps "Book" named after the lot', () => {
    expect(card({ windowReady: true }).find('button').attributes('aria-label')).toBe(
      'Book Brigade',
    );
  });
});

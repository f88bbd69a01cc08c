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
    expect(text).toContain('6 free spots');
  });

  it('says one spot, none, and a lot that takes no bookings ahead, with no price and no Book', () => {
    expect(card({ windowReady: true, lot: { ...lot, available_for_window: 1 } }).text()).toContain(
      '1 advance spot free for this window',
    );
    const none = card({
      windowReady: true,
      lot: { ...lot, advance_spots: 0, available_for_window: 0, quoted_cost: '120.00' },
    });
    expect(none.text()).toContain('This lot takes no bookings ahead.');
    expect(none.text()).not.toContain('₹120.00');
    expect(none.find('button').attributes('disabled')).toBeDefined();
  });

  it('counts the drive-up spots a booking for now can take, and the advance ones apart', () => {
    const text = card({ lot: { ...lot, available_spots: 5, available_drive_up_spots: 3 } }).text();
    expect(text).toContain('3 free spots');
    expect(text).toContain('and 2 for booking ahead');
  });

  it('says "Full" with no enabled Book when no drive-up spot is free, whatever the advance ones', () => {
    const full = card({ lot: { ...lot, available_spots: 2, available_drive_up_spots: 0 } });
    expect(full.text()).toContain('Full');
    expect(full.find('button').attributes('disabled')).toBeDefined();
    // A window on the same lot books an advance spot: then "Book" is offered.
    const ahead = card({
      windowReady: true,
      lot: { ...lot, available_spots: 2, available_drive_up_spots: 0, available_for_window: 2 },
    });
    expect(ahead.find('button').attributes('disabled')).toBeUndefined();
  });

  it("marks a lot in the driver's own PIN code", () => {
    expect(card({ nearYou: true }).text()).toContain('Near you');
    expect(card().text()).not.toContain('Near you');
  });

  it('keeps "Book" named after the lot', () => {
    expect(card({ windowReady: true }).find('button').attributes('aria-label')).toBe(
      'Book Brigade',
    );
  });
});

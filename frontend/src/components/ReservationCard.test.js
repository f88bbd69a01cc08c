import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ReservationCard from './ReservationCard.vue';

const base = {
  id: 7,
  lot_name: 'Brigade',
  spot_number: 3,
  vehicle_number: 'KA01AB1234',
  price_per_hour: '40.00',
  reserved_at: '2026-11-22T10:00:00+00:00',
  parked_at: null,
  left_at: null,
  duration_minutes: null,
  cost: null,
};

function card(reservation, now = '2026-11-22T10:05:00+00:00') {
  return mount(ReservationCard, {
    props: {
      reservation: { ...base, ...reservation },
      now: new Date(now),
      timeZone: 'Asia/Kolkata',
      currency: 'INR',
      holdMinutes: 30,
    },
  });
}

const buttons = (wrapper) => wrapper.findAll('button').map((b) => b.text());

describe('ReservationCard', () => {
  it('shows the hold end in the app zone, with Park and Cancel, while reserved', () => {
    const wrapper = card({ status: 'reserved' });
    expect(wrapper.text()).toContain('held until 16:00');
    expect(buttons(wrapper)).toEqual(['Park', 'Cancel']);
  });

  it('runs the clock and the cost while parked', () => {
    const wrapper = card(
      { status: 'occupied', parked_at: '2026-11-22T10:00:00+00:00' },
      '2026-11-22T11:00:30+00:00',
    );
    expect(wrapper.text()).toContain('1:00:30');
    expect(wrapper.text()).toContain('₹80.00');
    expect(buttons(wrapper)).toEqual(['Release']);
  });

  it("shows the server's cost and a Receipt after release", async () => {
    const wrapper = card({
      status: 'completed',
      parked_at: '2026-11-22T10:00:00+00:00',
      left_at: '2026-11-22T10:45:00+00:00',
      duration_minutes: 45,
      cost: '40.00',
    });
    expect(wrapper.text()).toContain('₹40.00');
    expect(wrapper.text()).toContain('45 min');
    await wrapper.find('button').trigger('click');
    expect(wrapper.emitted('receipt')[0][0].id).toBe(7);
  });

  it('names each action after the vehicle for screen readers', () => {
    const wrapper = card({ status: 'reserved' });
    expect(wrapper.find('button').attributes('aria-label')).toBe('Park KA01AB1234');
  });
});

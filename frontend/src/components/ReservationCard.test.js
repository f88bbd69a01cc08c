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

  describe('a window booking', () => {
    const windowBooking = {
      starts_at: '2026-11-22T12:30:00+00:00', // 18:00 in Kolkata
      ends_at: '2026-11-22T15:00:00+00:00', // 20:30
      parking_opens_at: '2026-11-22T12:15:00+00:00',
      quoted_cost: '120.00',
    };

    it('shows the window, a countdown, when parking opens and the price while upcoming', () => {
      const wrapper = card({ status: 'reserved', ...windowBooking }, '2026-11-22T10:20:00+00:00');
      const text = wrapper.text();
      expect(text).toContain('Sun, 22 Nov, 18:00–20:30');
      expect(text).toContain('starts in 2 h 10 min');
      expect(text).toContain('Parking opens at 17:45');
      expect(text).toContain('₹120.00');
      expect(text).not.toContain('held until');
      expect(buttons(wrapper)).toEqual(['Park', 'Cancel']);
    });

    it('counts down as time passes', async () => {
      const wrapper = card({ status: 'reserved', ...windowBooking }, '2026-11-22T10:20:00+00:00');
      await wrapper.setProps({ now: new Date('2026-11-22T12:25:00+00:00') });
      expect(wrapper.text()).toContain('starts in 5 min');
      await wrapper.setProps({ now: new Date('2026-11-22T12:40:00+00:00') });
      expect(wrapper.text()).toContain('started, ends in 2 h 20 min');
    });

    it('shows the window end and the overstay rule while parked, not a drive-up cost', () => {
      const wrapper = card(
        { status: 'occupied', ...windowBooking, parked_at: '2026-11-22T12:20:00+00:00' },
        '2026-11-22T13:00:00+00:00',
      );
      const text = wrapper.text();
      expect(text).toContain('Window ends20:30');
      expect(text).toContain('in 2 h 00 min');
      expect(text).toContain('₹120.00');
      expect(text).toContain('Staying past 20:30 costs ₹40.00 for every started hour after it');
      expect(text).not.toContain('Cost so far');
      expect(buttons(wrapper)).toEqual(['Release']);
    });

    it("shows the server's cost, the window and a Receipt after release", () => {
      const wrapper = card({
        status: 'completed',
        ...windowBooking,
        parked_at: '2026-11-22T12:20:00+00:00',
        left_at: '2026-11-22T14:30:00+00:00',
        duration_minutes: 130,
        cost: '120.00',
      });
      expect(wrapper.text()).toContain('₹120.00');
      expect(wrapper.text()).toContain('Sun, 22 Nov, 18:00–20:30');
      expect(buttons(wrapper)).toContain('Receipt');
    });
  });

  it("counts the hold down from the server's hold_ends_at and asks for a refresh when it lapses", async () => {
    const wrapper = card(
      { status: 'reserved', hold_ends_at: '2026-11-22T10:17:04+00:00' },
      '2026-11-22T10:05:00+00:00',
    );
    expect(wrapper.text()).toContain('Hold ends in 12:04');
    expect(wrapper.emitted('lapsed')).toBeUndefined();
    await wrapper.setProps({ now: new Date('2026-11-22T10:17:05+00:00') });
    expect(wrapper.emitted('lapsed')).toHaveLength(1);
  });

  it('offers no Park before parking opens, says when, and enables it at that moment', async () => {
    const wrapper = card(
      {
        status: 'reserved',
        starts_at: '2026-11-23T03:30:00+00:00',
        ends_at: '2026-11-23T05:30:00+00:00',
        parking_opens_at: '2026-11-23T03:15:00+00:00',
        quoted_cost: '80.00',
      },
      '2026-11-22T10:05:00+00:00',
    );
    expect(wrapper.text()).toContain('Parking opens at 08:45 tomorrow');
    const park = () => wrapper.findAll('button').find((b) => b.text() === 'Park');
    expect(park().attributes('disabled')).toBeDefined();
    expect(park().classes()).not.toContain('btn-success');
    await wrapper.setProps({ now: new Date('2026-11-23T03:15:00+00:00') });
    expect(park().attributes('disabled')).toBeUndefined();
    expect(park().classes()).toContain('btn-success');
  });

  it('says why a booking ended', () => {
    expect(card({ status: 'cancelled', cancel_reason: 'expired' }).text()).toContain('Expired');
    expect(card({ status: 'cancelled', cancel_reason: 'no_show' }).text()).toContain('No-show');
    expect(card({ status: 'cancelled', cancel_reason: 'operator' }).text()).toContain(
      'Cancelled by the operator',
    );
    expect(
      card({
        status: 'completed',
        released_by_operator: true,
        parked_at: '2026-11-22T10:00:00+00:00',
        left_at: '2026-11-22T10:45:00+00:00',
        duration_minutes: 45,
        cost: '40.00',
      }).text(),
    ).toContain('Ended by the operator');
  });
});

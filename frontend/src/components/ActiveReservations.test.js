import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import ActiveReservations from './ActiveReservations.vue';

const held = {
  id: 1,
  status: 'reserved',
  lot_name: 'Brigade',
  spot_number: 2,
  vehicle_number: 'KA01AB1234',
  reserved_at: '2026-12-03T10:00:00Z',
  hold_ends_at: '2026-12-03T10:30:00Z',
};
const ahead = {
  ...held,
  id: 2,
  vehicle_number: 'KA02CD5678',
  starts_at: '2026-12-04T03:30:00Z',
  ends_at: '2026-12-04T05:30:00Z',
  parking_opens_at: '2026-12-04T03:15:00Z',
  hold_ends_at: null,
};

const mountList = (reservations) =>
  mount(ActiveReservations, {
    props: { reservations, timeZone: 'Asia/Kolkata', holdMinutes: 30, busy: new Set() },
    global: { stubs: { RouterLink: true } },
  });

describe('ActiveReservations on /lots', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-03T10:17:56Z'));
  });
  afterEach(() => vi.useRealTimers());

  it("counts the hold down, and asks for the server's word when it lapses", async () => {
    const wrapper = mountList([held]);
    expect(wrapper.text()).toContain('Hold ends in 12:04');
    await vi.advanceTimersByTimeAsync(12 * 60 * 1000 + 5000);
    expect(wrapper.emitted('lapsed')).toHaveLength(1);
  });

  it('offers Park for a window only from parking_opens_at, and says when', () => {
    const wrapper = mountList([ahead]);
    expect(wrapper.text()).toContain('parking opens at 08:45 tomorrow');
    expect(wrapper.find('button').attributes('disabled')).toBeDefined();
  });
});

import { describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { ApiError } from '@/api/client.js';
import BookingForm from './BookingForm.vue';

const lot = { id: 4, name: 'Brigade', price_per_hour: '40.00' };

function form(book, recentVehicles = [], extra = {}) {
  return mount(BookingForm, {
    props: { lot, currency: 'INR', holdMinutes: 30, recentVehicles, book, ...extra },
    attachTo: document.body,
  });
}

const booked = { starts_at: '2026-12-03T03:30:00+00:00', ends_at: '2026-12-03T06:00:00+00:00' };
const windowProps = { bookingWindow: booked, quotedCost: '120.00', timeZone: 'Asia/Kolkata' };

describe('BookingForm', () => {
  it('states the price per hour and the hold time before booking', () => {
    const wrapper = form(vi.fn());
    expect(wrapper.text()).toContain('₹40.00 per hour');
    expect(wrapper.text()).toContain('30 minutes');
    wrapper.unmount();
  });

  it('offers recent vehicles and books the normalized number with a key', async () => {
    const book = vi.fn().mockResolvedValue({ id: 1 });
    const wrapper = form(book, ['KA01AB1234', 'MH12XY0001']);
    expect(wrapper.findAll('datalist option').map((o) => o.attributes('value'))).toEqual([
      'KA01AB1234',
      'MH12XY0001',
    ]);
    await wrapper.find('input').setValue('mh 12-xy 0001');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(book).toHaveBeenCalledWith(4, 'MH12XY0001', expect.any(String));
    expect(wrapper.emitted('booked')[0][0]).toEqual({ id: 1 });
    wrapper.unmount();
  });

  it('refuses a bad number without asking the server', async () => {
    const book = vi.fn();
    const wrapper = form(book);
    await wrapper.find('input').setValue('A1');
    await wrapper.find('form').trigger('submit');
    expect(book).not.toHaveBeenCalled();
    expect(wrapper.text()).toContain('4 to 12 letters and digits');
    wrapper.unmount();
  });

  it("shows the server's refusal in an alert and retries with the same key", async () => {
    const book = vi
      .fn()
      .mockRejectedValueOnce(new ApiError('Lot is full', { status: 409 }))
      .mockResolvedValue({ id: 2 });
    const wrapper = form(book, ['KA01AB1234']);
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[role="alert"]').text()).toBe('Lot is full');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(book.mock.calls[1][2]).toBe(book.mock.calls[0][2]);
    wrapper.unmount();
  });

  it('states the window and its price from the server before "Confirm booking"', () => {
    const wrapper = form(vi.fn(), [], windowProps);
    const text = wrapper.text();
    expect(text).toContain('Thu, 3 Dec, 09:00–11:30');
    expect(text).toContain('₹120.00');
    expect(text).toContain('15 minutes before the start');
    expect(text).toContain('staying past 11:30 costs ₹40.00');
    expect(text.indexOf('₹120.00')).toBeLessThan(text.indexOf('Confirm booking'));
    expect(text).not.toContain('We hold');
    wrapper.unmount();
  });

  it('books the window', async () => {
    const book = vi.fn().mockResolvedValue({ id: 3 });
    const wrapper = form(book, ['KA01AB1234'], windowProps);
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(book).toHaveBeenCalledWith(4, 'KA01AB1234', expect.any(String), booked);
    wrapper.unmount();
  });

  it('says a refusal of the window in the words of the fields', async () => {
    const book = vi
      .fn()
      .mockRejectedValue(
        new ApiError('ends_at: the window must be at least 30 minutes', { status: 422 }),
      );
    const wrapper = form(book, ['KA01AB1234'], windowProps);
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[role="alert"]').text()).toBe(
      'Leave: the window must be at least 30 minutes',
    );
    wrapper.unmount();
  });

  it('uses a new key once the window changes', async () => {
    const book = vi.fn().mockRejectedValue(new ApiError('No advance spot', { status: 409 }));
    const wrapper = form(book, ['KA01AB1234'], windowProps);
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    await wrapper.setProps({ bookingWindow: { ...booked, ends_at: '2026-12-03T07:00:00+00:00' } });
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(book.mock.calls[1][2]).not.toBe(book.mock.calls[0][2]);
    wrapper.unmount();
  });

  it('says it books now when only one of the two times is filled', () => {
    const wrapper = form(vi.fn(), [], { windowIncomplete: true });
    expect(wrapper.text()).toContain('this books a spot now');
    expect(wrapper.text()).toContain('We hold');
    wrapper.unmount();
  });
});

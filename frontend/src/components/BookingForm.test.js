import { describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { ApiError } from '@/api/client.js';
import BookingForm from './BookingForm.vue';

const lot = { id: 4, name: 'Brigade', price_per_hour: '40.00' };

function form(book, recentVehicles = []) {
  return mount(BookingForm, {
    props: { lot, currency: 'INR', holdMinutes: 30, recentVehicles, book },
    attachTo: document.body,
  });
}

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
});

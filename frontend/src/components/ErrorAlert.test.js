import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { ApiError } from '@/api/client.js';
import ErrorAlert from './ErrorAlert.vue';

describe('ErrorAlert', () => {
  it('shows an error in words with its context', () => {
    const wrapper = mount(ErrorAlert, {
      props: { error: new ApiError('Lot is full', { status: 409 }), context: 'Not booked.' },
    });
    expect(wrapper.get('[role="alert"]').text()).toBe('Not booked. Lot is full');
  });

  it('leaves a refused session to the sign-in page, so it is said once', () => {
    const wrapper = mount(ErrorAlert, {
      props: { error: new ApiError('Your session has expired.', { status: 401 }) },
    });
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
  });
});

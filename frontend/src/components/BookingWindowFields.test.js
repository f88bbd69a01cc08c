import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { ApiError } from '@/api/client.js';
import BookingWindowFields from './BookingWindowFields.vue';

function fields(props = {}) {
  const wrapper = mount(BookingWindowFields, {
    props: {
      arrive: '',
      leave: '',
      timeZone: 'Asia/Kolkata',
      'onUpdate:arrive': (value) => wrapper.setProps({ arrive: value }),
      'onUpdate:leave': (value) => wrapper.setProps({ leave: value }),
      ...props,
    },
  });
  return wrapper;
}
/** The input the label with exactly `text` is for, as a screen reader finds it. */
function input(wrapper, text) {
  const label = wrapper.findAll('label').find((found) => found.text() === text);
  return wrapper.find(`[id="${label.attributes('for')}"]`);
}

describe('BookingWindowFields', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-02T08:32:10Z')); // 14:02 in Kolkata
  });
  afterEach(() => vi.useRealTimers());

  it('has "Arrive" and "Leave", empty, in quarter-hours, from the next quarter-hour', () => {
    const wrapper = fields();
    const arrive = input(wrapper, 'Arrive');
    const leave = input(wrapper, 'Leave');
    expect(arrive.attributes('type')).toBe('datetime-local');
    expect(arrive.attributes('step')).toBe('900');
    expect(arrive.element.value).toBe('');
    expect(leave.element.value).toBe('');
    expect(arrive.attributes('min')).toBe('2026-12-02T14:15');
    expect(wrapper.text()).toContain('India Standard Time');
  });

  it('offers the next quarter-hour, and an hour for Leave when empty', async () => {
    const wrapper = fields();
    const use = wrapper.findAll('button').find((b) => b.text().startsWith('Use 14:15'));
    await use.trigger('click');
    expect(wrapper.props('arrive')).toBe('2026-12-02T14:15');
    expect(wrapper.props('leave')).toBe('2026-12-02T15:15');
    expect(input(wrapper, 'Leave').attributes('min')).toBe('2026-12-02T14:45');
  });

  it('keeps a Leave already chosen after the start', async () => {
    const wrapper = fields({ leave: '2026-12-02T18:00' });
    await wrapper.findAll('button')[0].trigger('click');
    expect(wrapper.props('leave')).toBe('2026-12-02T18:00');
  });

  it('names the day when the next quarter-hour is tomorrow', () => {
    vi.setSystemTime(new Date('2026-12-02T18:20:00Z')); // 23:50 in Kolkata
    const wrapper = fields();
    expect(wrapper.findAll('button')[0].text()).toContain('Use 00:00 on 3 Dec');
  });

  it('"Clear" empties both, back to booking now', async () => {
    const wrapper = fields({ arrive: '2026-12-03T09:00', leave: '2026-12-03T11:30' });
    const clear = wrapper.findAll('button').find((b) => b.text().startsWith('Clear'));
    await clear.trigger('click');
    expect(wrapper.props('arrive')).toBe('');
    expect(wrapper.props('leave')).toBe('');
    expect(wrapper.findAll('button').some((b) => b.text().startsWith('Clear'))).toBe(false);
  });

  it("shows the server's refusal in words and marks the field it names", () => {
    const error = new ApiError('starts_at: more than 30 days ahead', { status: 422 });
    const wrapper = fields({ arrive: '2027-03-03T09:00', leave: '2027-03-03T11:30', error });
    expect(wrapper.find('[role="alert"]').text()).toBe('Arrive: more than 30 days ahead');
    expect(input(wrapper, 'Arrive').attributes('aria-invalid')).toBe('true');
    expect(input(wrapper, 'Leave').attributes('aria-invalid')).toBeUndefined();
  });
});

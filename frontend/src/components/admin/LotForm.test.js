import { beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import LotForm from './LotForm.vue';

const input = (form, name) => form.find(`#lot-form-new-${name}`);

describe('LotForm', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('shows every field’s messages beside it, tied to it, all at once', () => {
    const form = mount(LotForm, {
      props: {
        errors: {
          name: ['Must be at most 120 characters.'],
          price_per_hour: ['Must be more than 0.', 'Use at most 2 decimals.'],
          total_spots: ['Spots 3 and 4 are in use (reserved, occupied or booked ahead).'],
        },
      },
    });
    for (const name of ['name', 'price_per_hour', 'total_spots']) {
      const field = input(form, name);
      expect(field.classes()).toContain('is-invalid');
      expect(field.attributes('aria-invalid')).toBe('true');
      expect(field.attributes('aria-describedby')).toContain(`lot-form-new-${name}-error`);
    }
    expect(form.find('#lot-form-new-price_per_hour-error').text()).toContain(
      'Must be more than 0.',
    );
    expect(form.find('#lot-form-new-price_per_hour-error').text()).toContain(
      'Use at most 2 decimals.',
    );
    expect(form.find('#lot-form-new-total_spots-error').text()).toContain('Spots 3 and 4');
    expect(input(form, 'address').attributes('aria-invalid')).toBe('false');
  });

  it('shows the currency before the price and keeps the label', () => {
    const form = mount(LotForm);
    expect(form.find('label[for="lot-form-new-price_per_hour"]').text()).toBe('Price per hour');
    expect(form.find('.input-group-text').text()).toBe('₹');
  });

  it('says so at the field when the name reaches 120 characters', async () => {
    const form = mount(LotForm);
    expect(input(form, 'name').attributes('maxlength')).toBe('120');
    await input(form, 'name').setValue('x'.repeat(120));
    const limit = form.find('#lot-form-new-name-limit');
    expect(limit.text()).toMatch(/^At most 120 characters/);
    expect(input(form, 'name').attributes('aria-describedby')).toContain('lot-form-new-name-limit');
  });

  it('refuses a name longer than 120 characters without asking the server', async () => {
    const form = mount(LotForm);
    await input(form, 'name').setValue('x'.repeat(130));
    await form.find('form').trigger('submit');
    expect(form.emitted('save')).toBeUndefined();
    expect(form.find('#lot-form-new-name-error').text()).toBe(
      'Must be at most 120 characters; this name has 130.',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { freeConfirmation } from './spotActions.js';

const driver = { full_name: 'Asha Rao', email: 'asha@example.com' };

describe('freeConfirmation', () => {
  it('names the amount the driver is charged on a force release, and that they are told', () => {
    const question = freeConfirmation(
      { status: 'occupied', estimated_cost: '120.00', user: driver },
      { spotNumber: 3, lotName: 'Brigade Lot', currency: 'INR' },
    );
    expect(question.action).toBe('release');
    expect(question.title).toBe('Force release spot 3 of Brigade Lot?');
    expect(question.confirmLabel).toBe('Force release and charge ₹120.00');
    expect(question.body).toContain('Asha Rao');
    expect(question.body).toContain('will be charged ₹120.00');
    expect(question.body).toContain('is told');
    expect(question.cancelLabel).not.toMatch(/^Cancel/);
  });

  it('says nothing is charged when the stay so far costs nothing', () => {
    const question = freeConfirmation({ status: 'occupied', estimated_cost: '0.00', user: driver });
    expect(question.confirmLabel).toBe('Force release');
    expect(question.body).toContain('nothing is charged');
  });

  it('asks "Yes, cancel booking" for a hold: the driver is told, nothing is charged', () => {
    const question = freeConfirmation(
      { status: 'reserved', estimated_cost: null, user: driver },
      { spotNumber: 2 },
    );
    expect(question.action).toBe('cancel');
    expect(question.confirmLabel).toBe('Yes, cancel booking');
    expect(question.body).toContain('is told');
    expect(question.body).toContain('nothing is charged');
    expect(question.cancelLabel).not.toMatch(/^Cancel\b/);
  });

  it('reads a spot’s reservation (no status of its own) by whether the car is parked', () => {
    const question = freeConfirmation({ parked_at: '2026-12-04T02:00:00Z', estimated_cost: '40' });
    expect(question.action).toBe('release');
    expect(question.confirmLabel).toBe('Force release and charge ₹40.00');
  });
});

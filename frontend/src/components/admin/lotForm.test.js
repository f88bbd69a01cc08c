import { describe, expect, it } from 'vitest';
import { errorFromResponse } from '@/api/client.js';
import { fieldMessages, lotBody, lotValues, moneyString } from './lotForm.js';

describe('moneyString', () => {
  it('writes plain amounts with two decimals, as the API expects', () => {
    expect(moneyString('40')).toBe('40.00');
    expect(moneyString(' 7.5 ')).toBe('7.50');
    expect(moneyString('12.34')).toBe('12.34');
    expect(moneyString('12.')).toBe('12.00');
  });

  it('leaves anything else as typed, for the server to explain', () => {
    expect(moneyString('12.345')).toBe('12.345');
    expect(moneyString('-5')).toBe('-5');
    expect(moneyString('ten')).toBe('ten');
  });
});

describe('lotBody', () => {
  const lot = {
    id: 3,
    name: 'Brigade Lot',
    address: '1 Brigade Road',
    pincode: '560025',
    price_per_hour: '40.00',
    total_spots: 10,
    advance_spots: 0,
  };

  it('sends every field of a new lot, the count as a number', () => {
    const values = { ...lotValues(), name: ' A ', address: 'B', pincode: '560001' };
    expect(lotBody({ ...values, price_per_hour: '50', total_spots: '4' })).toEqual({
      name: 'A',
      address: 'B',
      pincode: '560001',
      price_per_hour: '50.00',
      total_spots: 4,
      advance_spots: 0,
    });
  });

  it('sends the advance spots typed, as a number', () => {
    const values = { ...lotValues(), name: 'A', address: 'B', pincode: '560001' };
    const body = lotBody({ ...values, price_per_hour: '40', total_spots: 10, advance_spots: '3' });
    expect(body.advance_spots).toBe(3);
    expect(lotBody({ ...lotValues(lot), advance_spots: 4 }, lot)).toEqual({ advance_spots: 4 });
  });

  it('starts a new lot with no advance spots', () => {
    expect(lotValues().advance_spots).toBe(0);
    expect(lotValues({ ...lot, advance_spots: 2 }).advance_spots).toBe(2);
  });

  it('sends only what changed on an edit', () => {
    const values = { ...lotValues(lot), price_per_hour: '40', total_spots: '12' };
    expect(lotBody(values, lot)).toEqual({ total_spots: 12 });
  });
});

describe('fieldMessages', () => {
  it('reads the 422 detail of the server', () => {
    const error = errorFromResponse(422, {
      message: 'pincode: Bad',
      detail: { json: { pincode: ['Bad'] } },
    });
    expect(fieldMessages(error)).toEqual({ pincode: 'Bad' });
  });

  it('puts a "field: message" conflict under its field', () => {
    const error = errorFromResponse(409, {
      message: 'total_spots: that would remove a spot in use',
      detail: {},
    });
    expect(fieldMessages(error)).toEqual({ total_spots: 'that would remove a spot in use' });
  });

  it('puts a conflict about advance spots under its field', () => {
    const error = errorFromResponse(409, {
      message: 'advance_spots: spot 9 has an upcoming booking',
      detail: {},
    });
    expect(fieldMessages(error)).toEqual({ advance_spots: 'spot 9 has an upcoming booking' });
  });

  it('gives nothing for an error about no field', () => {
    const error = errorFromResponse(409, { message: 'The lot has reserved spots', detail: {} });
    expect(fieldMessages(error)).toEqual({});
  });
});

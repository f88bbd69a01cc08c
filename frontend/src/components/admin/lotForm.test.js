import { describe, expect, it } from 'vitest';
import { errorFromResponse } from '@/api/client.js';
import {
  currencySymbol,
  errorSummary,
  fieldMessages,
  lengthMessage,
  LOT_FIELDS,
  lotBody,
  lotValues,
  moneyString,
} from './lotForm.js';

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
  it('gives every bad field with all its messages, in sentences', () => {
    const error = errorFromResponse(422, {
      message: 'name: Must be at most 120 characters.',
      detail: {
        json: {
          name: ['Must be at most 120 characters.'],
          price_per_hour: ['Must be more than 0', 'Use at most 2 decimals.'],
          pincode: ['Required.'],
        },
      },
    });
    expect(fieldMessages(error)).toEqual({
      name: ['Must be at most 120 characters.'],
      price_per_hour: ['Must be more than 0.', 'Use at most 2 decimals.'],
      pincode: ['Required.'],
    });
  });

  it('puts the shrink conflict, which names the spots in use, under Number of spots', () => {
    const message =
      'Spots 3 and 4 are in use (reserved, occupied or booked ahead): keep at least 4 spots, or wait until they are free.';
    const error = errorFromResponse(409, {
      message,
      detail: { json: { total_spots: [message] } },
    });
    expect(fieldMessages(error)).toEqual({ total_spots: [message] });
  });

  it('puts an older "field: message" conflict under its field', () => {
    const error = errorFromResponse(409, {
      message: 'advance_spots: spot 9 has an upcoming booking',
      detail: {},
    });
    expect(fieldMessages(error)).toEqual({ advance_spots: ['spot 9 has an upcoming booking.'] });
  });

  it('gives nothing for an error about no field', () => {
    const error = errorFromResponse(409, { message: 'The lot has reserved spots', detail: {} });
    expect(fieldMessages(error)).toEqual({});
  });
});

describe('errorSummary', () => {
  it('names every field to check, in the form’s words', () => {
    const messages = { price_per_hour: ['Must be more than 0.'], name: ['Required.'] };
    expect(errorSummary({ message: 'x' }, messages)).toBe(
      'Check Name and Price per hour: each says what is wrong beside it.',
    );
  });

  it('keeps the server’s words when no field is named', () => {
    expect(errorSummary({ message: 'The lot has reserved spots' }, {})).toBe(
      'The lot has reserved spots',
    );
  });
});

describe('lengthMessage and currencySymbol', () => {
  const name = LOT_FIELDS.find((field) => field.name === 'name');
  const pincode = LOT_FIELDS.find((field) => field.name === 'pincode');

  it('stops a name at 120 characters at the field, and says so', () => {
    expect(name.maxlength).toBe(120);
    expect(lengthMessage(name, 'x'.repeat(119))).toBe('');
    expect(lengthMessage(name, 'x'.repeat(120))).toMatch(/^At most 120 characters/);
    expect(lengthMessage(name, 'x'.repeat(130))).toBe(
      'Must be at most 120 characters; this name has 130.',
    );
  });

  it('says nothing of a PIN code at its usual length', () => {
    expect(lengthMessage(pincode, '560001')).toBe('');
  });

  it('writes the price’s currency as its symbol', () => {
    expect(currencySymbol('INR')).toBe('₹');
    expect(currencySymbol('EUR')).toBe('€');
  });
});

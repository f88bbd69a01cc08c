import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { matchLots, useLotsStore } from './lots.js';

const lots = [
  { id: 1, name: 'Brigade Road Lot', address: '12 Brigade Road, Bengaluru', pincode: '560001' },
  { id: 2, name: 'MG Road Metro', address: 'MG Road, Bengaluru', pincode: '560025' },
  { id: 3, name: 'Église Saint-Michel', address: 'Rue de la Paix', pincode: '110001' },
];
const ids = (found) => found.map((lot) => lot.id);

describe('lot search', () => {
  it('matches name or address, ignoring case', () => {
    expect(ids(matchLots(lots, 'brigade'))).toEqual([1]);
    expect(ids(matchLots(lots, 'ROAD'))).toEqual([1, 2]);
    expect(ids(matchLots(lots, 'église'))).toEqual([3]);
  });

  it('matches the PIN code, whole or begun', () => {
    expect(ids(matchLots(lots, '560025'))).toEqual([2]);
    expect(ids(matchLots(lots, '5600'))).toEqual([1, 2]);
  });

  it('wants every word somewhere', () => {
    expect(ids(matchLots(lots, 'road 560025'))).toEqual([2]);
    expect(ids(matchLots(lots, 'metro brigade'))).toEqual([]);
  });

  it('shows everything for an empty search', () => {
    expect(ids(matchLots(lots, '  '))).toEqual([1, 2, 3]);
  });
});

describe('lots store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response(JSON.stringify(lots))));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('filters the loaded lots as the query changes, without asking again', async () => {
    const store = useLotsStore();
    await store.load();
    expect(fetch).toHaveBeenCalledWith('/api/lots', expect.anything());
    store.query = 'metro';
    expect(ids(store.lots)).toEqual([2]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('keeps the list on screen when a refresh fails', async () => {
    const store = useLotsStore();
    await store.load();
    fetch.mockRejectedValue(new TypeError('offline'));
    await store.load({ refresh: true });
    expect(ids(store.lots)).toEqual([1, 2, 3]);
    expect(store.error.message).toMatch(/Cannot reach the server/);
  });
});

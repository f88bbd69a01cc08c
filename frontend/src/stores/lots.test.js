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

  it('asks for the window in UTC once both fields hold a time in the app zone', async () => {
    const store = useLotsStore();
    store.timeZone = 'Asia/Kolkata';
    store.arrive = '2026-12-03T09:00';
    expect(store.bookingWindow).toBeNull();
    store.leave = '2026-12-03T11:30';
    await store.load();
    const url = new URL(fetch.mock.calls[0][0], 'http://app');
    expect(url.pathname).toBe('/api/lots');
    expect(url.searchParams.get('starts_at')).toBe('2026-12-03T03:30:00+00:00');
    expect(url.searchParams.get('ends_at')).toBe('2026-12-03T06:00:00+00:00');
    expect(store.windowReady).toBe(true);
    store.leave = '2026-12-03T12:00';
    expect(store.windowReady).toBe(false); // the figures on screen are for the old window
  });

  it('keeps the refusal of a window apart, and Clear goes back to drive-up', async () => {
    const store = useLotsStore();
    store.arrive = '2026-12-03T09:00';
    store.leave = '2026-12-03T09:10';
    const refusal = { message: 'ends_at: at least 30 minutes', detail: {} };
    fetch.mockResolvedValue(new Response(JSON.stringify(refusal), { status: 422 }));
    await store.load();
    expect(store.windowError.message).toBe('ends_at: at least 30 minutes');
    expect(store.error).toBeNull();
    expect(store.windowReady).toBe(false);
    store.clearWindow();
    expect(store.bookingWindow).toBeNull();
    expect(store.windowError).toBeNull();
  });

  it('shows only the answer for the latest window', async () => {
    const store = useLotsStore();
    let answerFirst;
    fetch.mockImplementationOnce(
      () => new Promise((resolve) => (answerFirst = () => resolve(new Response('[]')))),
    );
    store.arrive = '2026-12-03T09:00';
    store.leave = '2026-12-03T10:00';
    const first = store.load();
    store.leave = '2026-12-03T11:00';
    await store.load();
    answerFirst();
    await first;
    expect(ids(store.lots)).toEqual([1, 2, 3]);
    expect(store.windowReady).toBe(true);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { PER_PAGE, useAdminReservationsStore } from './adminReservations.js';

const empty = { items: [], total: 0, page: 1, per_page: PER_PAGE };

describe('admin reservations store', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => vi.unstubAllGlobals());

  it('asks the server for one page with the chosen filters only', async () => {
    const fetch = vi.fn().mockResolvedValue(new Response(JSON.stringify(empty)));
    vi.stubGlobal('fetch', fetch);
    const store = useAdminReservationsStore();
    store.filters.status = 'occupied';
    store.filters.user_id = '7';
    await store.load(3);
    const url = new URL(fetch.mock.calls[0][0], 'http://app');
    expect(url.pathname).toBe('/api/reservations');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      status: 'occupied',
      user_id: '7',
      page: '3',
      per_page: String(PER_PAGE),
    });
  });

  it('searches by the start of a plate', async () => {
    const fetch = vi.fn().mockResolvedValue(new Response(JSON.stringify(empty)));
    vi.stubGlobal('fetch', fetch);
    const store = useAdminReservationsStore();
    store.filters.vehicle_number = 'KA01';
    await store.load(1);
    const url = new URL(fetch.mock.calls[0][0], 'http://app');
    expect(url.searchParams.get('vehicle_number')).toBe('KA01');
  });

  it('releases a parked car, cancels a hold, and reloads the page shown', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(empty)));
    vi.stubGlobal('fetch', fetch);
    const store = useAdminReservationsStore();
    await store.free({ id: 4, status: 'occupied' });
    await store.free({ id: 5, status: 'reserved' });
    const posts = fetch.mock.calls
      .filter(([, options]) => options?.method === 'POST')
      .map(([url]) => url);
    expect(posts).toEqual(['/api/reservations/4/release', '/api/reservations/5/cancel']);
  });

  it('shows only the answer to the latest request', async () => {
    let release;
    const slow = new Promise((resolve) => (release = resolve));
    const newer = { ...empty, items: [{ id: 2 }], total: 1 };
    vi.stubGlobal(
      'fetch',
      vi
        .fn()
        .mockImplementationOnce(() => slow)
        .mockResolvedValueOnce(new Response(JSON.stringify(newer))),
    );
    const store = useAdminReservationsStore();
    const first = store.load(1);
    await store.load(1);
    release(new Response(JSON.stringify({ ...empty, items: [{ id: 1 }], total: 1 })));
    await first;
    expect(store.page.items).toEqual([{ id: 2 }]);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useAdminLotsStore } from './adminLots.js';

const lot = (id, name, counts = {}) => ({
  id,
  name,
  total_spots: 2,
  available_spots: 2,
  reserved_spots: 0,
  occupied_spots: 0,
  ...counts,
});
const spot = (id, number, status = 'available', reservation = null) => ({
  id,
  number,
  status,
  reservation,
});

/** A fake server: answers by "METHOD /path", records every call. */
function serve(routes) {
  const calls = [];
  const fetch = vi.fn(async (url, options = {}) => {
    const key = `${options.method ?? 'GET'} ${new URL(url, 'http://app').pathname}`;
    calls.push(key);
    const [status, body] = routes[key] ?? [404, { message: 'Not found' }];
    return new Response(status === 204 ? null : JSON.stringify(body), { status });
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}

describe('admin lots store', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => vi.unstubAllGlobals());

  it('loads every lot, sorted by name, with its spot grid', async () => {
    serve({
      'GET /api/lots': [200, [lot(2, 'Whitefield'), lot(1, 'Brigade')]],
      'GET /api/lots/1/spots': [200, [spot(11, 1), spot(12, 2)]],
      'GET /api/lots/2/spots': [200, [spot(21, 1)]],
    });
    const store = useAdminLotsStore();
    await store.load();
    expect(store.lots.map((l) => l.name)).toEqual(['Brigade', 'Whitefield']);
    expect(store.spots[1].map((s) => s.number)).toEqual([1, 2]);
    expect(store.hasLoaded).toBe(true);
  });

  it('refreshes only the lot a live event names', async () => {
    const calls = serve({
      'GET /api/lots': [200, [lot(1, 'Brigade'), lot(2, 'Whitefield')]],
      'GET /api/lots/1/spots': [200, [spot(11, 1)]],
      'GET /api/lots/2/spots': [200, [spot(21, 1)]],
    });
    const store = useAdminLotsStore();
    await store.load();
    calls.length = 0;
    serve({
      'GET /api/lots/1': [200, lot(1, 'Brigade', { available_spots: 1, reserved_spots: 1 })],
      'GET /api/lots/1/spots': [200, [spot(11, 1, 'reserved')]],
    });
    await store.refreshLot(1);
    expect(store.lots[0].reserved_spots).toBe(1);
    expect(store.spots[1][0].status).toBe('reserved');
    expect(store.spots[2][0].status).toBe('available');
  });

  it('drops a lot deleted elsewhere when its refresh answers 404', async () => {
    serve({
      'GET /api/lots': [200, [lot(1, 'Brigade')]],
      'GET /api/lots/1/spots': [200, [spot(11, 1)]],
    });
    const store = useAdminLotsStore();
    await store.load();
    serve({});
    await store.refreshLot(1);
    expect(store.lots).toEqual([]);
    expect(store.spots[1]).toBeUndefined();
    expect(store.error).toBeNull();
  });

  it('keeps the lot and reports the 409 when deleting a lot in use', async () => {
    serve({
      'GET /api/lots': [200, [lot(1, 'Brigade')]],
      'GET /api/lots/1/spots': [200, [spot(11, 1, 'occupied')]],
      'DELETE /api/lots/1': [409, { message: 'The lot has reserved or occupied spots' }],
    });
    const store = useAdminLotsStore();
    await store.load();
    await expect(store.remove(1)).rejects.toMatchObject({
      status: 409,
      message: 'The lot has reserved or occupied spots',
    });
    expect(store.lots).toHaveLength(1);
  });

  it('releases a parked car and cancels a hold', async () => {
    const calls = serve({
      'POST /api/reservations/7/release': [200, { id: 7, status: 'completed' }],
      'POST /api/reservations/8/cancel': [200, { id: 8, status: 'cancelled' }],
      'GET /api/lots/1': [200, lot(1, 'Brigade')],
      'GET /api/lots/1/spots': [200, [spot(11, 1), spot(12, 2)]],
    });
    const store = useAdminLotsStore();
    await store.freeSpot(1, spot(11, 1, 'occupied', { id: 7 }));
    await store.freeSpot(1, spot(12, 2, 'reserved', { id: 8 }));
    expect(calls).toContain('POST /api/reservations/7/release');
    expect(calls).toContain('POST /api/reservations/8/cancel');
    expect(store.spots[1].every((s) => s.status === 'available')).toBe(true);
  });
});

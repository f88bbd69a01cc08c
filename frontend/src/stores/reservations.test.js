import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useReservationsStore } from './reservations.js';

const reservation = (id, status, extra = {}) => ({
  id,
  status,
  lot_id: 1,
  lot_name: 'Brigade',
  spot_number: id,
  vehicle_number: `KA01AB000${id}`,
  reserved_at: `2026-11-22T10:0${id}:00+00:00`,
  price_per_hour: '40.00',
  ...extra,
});
const page = (items) => ({ items, total: items.length, page: 1, per_page: 50 });
const json = (body, status = 200) => new Response(JSON.stringify(body), { status });

describe('reservations store', () => {
  let fetchMock;
  beforeEach(() => {
    setActivePinia(createPinia());
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists reserved and occupied ones together, newest first', async () => {
    fetchMock.mockImplementation(async (url) =>
      url.includes('status=reserved')
        ? json(page([reservation(1, 'reserved')]))
        : json(page([reservation(2, 'occupied')])),
    );
    const store = useReservationsStore();
    await store.loadActive();
    expect(store.active.map((r) => r.id)).toEqual([2, 1]);
  });

  it('books with an idempotency key and offers the vehicle next time', async () => {
    fetchMock.mockResolvedValue(json(reservation(3, 'reserved'), 201));
    const store = useReservationsStore();
    await store.book(1, 'KA01AB0003', 'key-1');
    const [, init] = fetchMock.mock.calls[0];
    expect(init.headers['Idempotency-Key']).toBe('key-1');
    expect(JSON.parse(init.body)).toEqual({ lot_id: 1, vehicle_number: 'KA01AB0003' });
    expect(store.active.map((r) => r.id)).toEqual([3]);
    expect(store.recentVehicles).toEqual(['KA01AB0003']);
  });

  it('books a window with its two times', async () => {
    fetchMock.mockResolvedValue(json(reservation(4, 'reserved'), 201));
    const store = useReservationsStore();
    const times = { starts_at: '2026-12-03T03:30:00+00:00', ends_at: '2026-12-03T06:00:00+00:00' };
    await store.book(1, 'KA01AB0004', 'key-2', times);
    expect(JSON.parse(fetchMock.mock.calls[0][1].body)).toEqual({
      lot_id: 1,
      vehicle_number: 'KA01AB0004',
      ...times,
    });
  });

  it('moves a released reservation, with its cost, out of the active list', async () => {
    const store = useReservationsStore();
    store.active = [reservation(1, 'occupied')];
    fetchMock.mockResolvedValue(json(reservation(1, 'completed', { cost: '80.00' })));
    await store.release(1);
    expect(store.active).toEqual([]);
    expect(store.finished[0]).toMatchObject({ id: 1, cost: '80.00' });
    expect(store.busy.has(1)).toBe(false);
  });

  it('keeps the reservation and reports the error when an action is refused', async () => {
    const store = useReservationsStore();
    store.active = [reservation(1, 'reserved')];
    fetchMock.mockResolvedValue(json({ message: 'Reservation is not occupied' }, 409));
    await expect(store.release(1)).rejects.toThrow('Reservation is not occupied');
    expect(store.active.map((r) => r.id)).toEqual([1]);
    expect(store.busy.size).toBe(0);
  });

  it('asks the server for one filtered page of history', async () => {
    fetchMock.mockResolvedValue(json({ items: [], total: 45, page: 3, per_page: 20 }));
    const store = useReservationsStore();
    store.historyFilters = { status: 'completed', lot_id: 4 };
    await store.loadHistory(3);
    expect(fetchMock.mock.calls[0][0]).toBe(
      '/api/reservations?status=completed&lot_id=4&page=3&per_page=20',
    );
    expect(store.history.total).toBe(45);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useLotsStore } from './lots.js';

const lot = (id, name) => ({ id, name, address: 'Road', pincode: '560001', available_spots: 1 });

describe('lots store', () => {
  let fetchMock;
  beforeEach(() => {
    setActivePinia(createPinia());
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('searches name and address with q', async () => {
    fetchMock.mockResolvedValue(new Response(JSON.stringify([lot(1, 'Brigade')])));
    const store = useLotsStore();
    store.query = ' brig ';
    await store.load();
    expect(fetchMock.mock.calls[0][0]).toBe('/api/lots?q=brig');
    expect(store.lots.map((l) => l.name)).toEqual(['Brigade']);
  });

  it('also asks by PIN code for a six-digit search, each lot once', async () => {
    fetchMock.mockImplementation(async (url) =>
      url.includes('pincode=')
        ? new Response(JSON.stringify([lot(1, 'Brigade'), lot(2, 'Anand')]))
        : new Response(JSON.stringify([lot(1, 'Brigade')])),
    );
    const store = useLotsStore();
    store.query = '560001';
    await store.load();
    expect(fetchMock.mock.calls.map((call) => call[0]).sort()).toEqual([
      '/api/lots?pincode=560001',
      '/api/lots?q=560001',
    ]);
    expect(store.lots.map((l) => l.id)).toEqual([2, 1]);
  });

  it('keeps the answer of the latest search when an older one arrives late', async () => {
    let releaseSlow;
    fetchMock.mockImplementation((url) =>
      url.includes('q=old')
        ? new Promise((resolve) => {
            releaseSlow = () => resolve(new Response(JSON.stringify([lot(9, 'Old')])));
          })
        : Promise.resolve(new Response(JSON.stringify([lot(1, 'New')]))),
    );
    const store = useLotsStore();
    store.query = 'old';
    const slow = store.load();
    store.query = 'new';
    await store.load();
    releaseSlow();
    await slow;
    expect(store.lots.map((l) => l.name)).toEqual(['New']);
  });
});

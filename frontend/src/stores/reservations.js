import { ref } from 'vue';
import { defineStore } from 'pinia';
import * as reservationsApi from '@/api/reservations.js';

const ACTIVE = ['reserved', 'occupied'];

/** A driver's reservations: the active ones (live), the ones finished here, and the history. */
export const useReservationsStore = defineStore('reservations', () => {
  const active = ref([]);
  /** Released or cancelled in this session: shown with their cost and receipt until dismissed. */
  const finished = ref([]);
  const recentVehicles = ref([]);
  const isLoading = ref(false);
  const hasLoaded = ref(false);
  const error = ref(null);
  /** Ids with an action under way, so their buttons wait instead of sending twice. */
  const busy = ref(new Set());

  const history = ref({ items: [], total: 0, page: 1, per_page: 20 });
  const historyFilters = ref({ status: '', lot_id: '' });
  const historyLoading = ref(false);
  const historyError = ref(null);

  async function loadActive({ refresh = false } = {}) {
    if (!refresh) isLoading.value = true;
    try {
      const pages = await Promise.all(
        ACTIVE.map((status) => reservationsApi.getReservations({ status, per_page: 50 })),
      );
      active.value = pages
        .flatMap((page) => page.items)
        .sort((a, b) => b.reserved_at.localeCompare(a.reserved_at));
      hasLoaded.value = true;
      error.value = null;
    } catch (failure) {
      error.value = failure;
    } finally {
      isLoading.value = false;
    }
  }

  /** Vehicle numbers of the driver's latest reservations, newest first, for the booking form. */
  async function loadRecentVehicles() {
    try {
      const page = await reservationsApi.getReservations({ per_page: 20 });
      recentVehicles.value = [...new Set(page.items.map((item) => item.vehicle_number))];
    } catch {
      // Only a convenience: the field works without suggestions.
    }
  }

  function replace(updated) {
    const stillActive = ACTIVE.includes(updated.status);
    active.value = stillActive
      ? active.value.map((item) => (item.id === updated.id ? updated : item))
      : active.value.filter((item) => item.id !== updated.id);
    if (!stillActive)
      finished.value = [updated, ...finished.value.filter((i) => i.id !== updated.id)];
  }

  async function act(id, action) {
    busy.value = new Set([...busy.value, id]);
    try {
      const updated = await action(id);
      replace(updated);
      return updated;
    } finally {
      const rest = new Set(busy.value);
      rest.delete(id);
      busy.value = rest;
    }
  }

  /**
   * Books the first free spot (with `window`, `{starts_at, ends_at}`, the first advance spot
   * free for it); the key makes a retried tap book only once.
   */
  async function book(lotId, vehicleNumber, idempotencyKey, window = null) {
    const created = await reservationsApi.book({ lotId, vehicleNumber, idempotencyKey, window });
    active.value = [created, ...active.value.filter((item) => item.id !== created.id)];
    if (!recentVehicles.value.includes(created.vehicle_number))
      recentVehicles.value = [created.vehicle_number, ...recentVehicles.value];
    return created;
  }

  const park = (id) => act(id, reservationsApi.park);
  const release = (id) => act(id, reservationsApi.release);
  const cancel = (id) => act(id, reservationsApi.cancel);

  /** One reservation as the server has it now (null when it cannot say), kept in the list. */
  async function fresh(id) {
    try {
      const current = await reservationsApi.getReservation(id);
      if (active.value.some((item) => item.id === id)) replace(current);
      return current;
    } catch {
      return null;
    }
  }

  /** The PDF receipt of a completed stay, as a blob (it needs the token, so no plain link). */
  const receipt = (id) => reservationsApi.getReceipt(id);

  function dismiss(id) {
    finished.value = finished.value.filter((item) => item.id !== id);
  }

  async function loadHistory(page = history.value.page) {
    historyLoading.value = true;
    try {
      history.value = await reservationsApi.getReservations({
        ...historyFilters.value,
        page,
        per_page: history.value.per_page,
      });
      historyError.value = null;
    } catch (failure) {
      historyError.value = failure;
    } finally {
      historyLoading.value = false;
    }
  }

  return {
    active,
    finished,
    recentVehicles,
    isLoading,
    hasLoaded,
    error,
    busy,
    history,
    historyFilters,
    historyLoading,
    historyError,
    loadActive,
    loadRecentVehicles,
    book,
    park,
    release,
    cancel,
    dismiss,
    receipt,
    fresh,
    loadHistory,
  };
});

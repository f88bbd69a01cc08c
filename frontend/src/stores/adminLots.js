import { ref } from 'vue';
import { defineStore } from 'pinia';
import * as adminLotsApi from '@/api/adminLots.js';
import { getLot, getLots } from '@/api/lots.js';
import * as reservationsApi from '@/api/reservations.js';

/** The operator's lots with their spot grids, kept fresh by live events. */
export const useAdminLotsStore = defineStore('adminLots', () => {
  const lots = ref([]);
  /** lot id -> that lot's spots, ordered by number */
  const spots = ref({});
  const isLoading = ref(false);
  const hasLoaded = ref(false);
  const error = ref(null);

  function putLot(lot) {
    const index = lots.value.findIndex((known) => known.id === lot.id);
    if (index === -1)
      lots.value = [...lots.value, lot].sort((a, b) => a.name.localeCompare(b.name));
    else lots.value.splice(index, 1, lot);
  }

  function dropLot(id) {
    lots.value = lots.value.filter((lot) => lot.id !== id);
    delete spots.value[id];
  }

  async function loadSpots(id) {
    spots.value[id] = await adminLotsApi.getSpots(id);
  }

  /** Every lot and its grid; a refresh (live update, poll) keeps the screen as it is meanwhile. */
  async function load({ refresh = false } = {}) {
    if (!refresh) isLoading.value = true;
    try {
      const found = await getLots();
      lots.value = [...found].sort((a, b) => a.name.localeCompare(b.name));
      const ids = new Set(found.map((lot) => lot.id));
      for (const id of Object.keys(spots.value)) if (!ids.has(Number(id))) delete spots.value[id];
      await Promise.all(found.map((lot) => loadSpots(lot.id)));
      hasLoaded.value = true;
      error.value = null;
    } catch (failure) {
      error.value = failure;
    } finally {
      isLoading.value = false;
    }
  }

  /** One lot changed somewhere (a live event): fetch its counts and grid again. */
  async function refreshLot(id) {
    try {
      const [lot] = await Promise.all([getLot(id), loadSpots(id)]);
      putLot(lot);
    } catch (failure) {
      if (failure.status === 404) dropLot(id);
      else error.value = failure;
    }
  }

  async function create(body) {
    const lot = await adminLotsApi.createLot(body);
    putLot(lot);
    await loadSpots(lot.id);
    return lot;
  }

  async function update(id, changes) {
    const lot = await adminLotsApi.updateLot(id, changes);
    putLot(lot);
    await loadSpots(id);
    return lot;
  }

  async function remove(id) {
    await adminLotsApi.deleteLot(id);
    dropLot(id);
  }

  /** Frees a spot for the operator: releases a parked car, or cancels a hold. */
  async function freeSpot(lotId, spot) {
    const free = spot.status === 'occupied' ? reservationsApi.release : reservationsApi.cancel;
    const reservation = await free(spot.reservation.id);
    await refreshLot(lotId);
    return reservation;
  }

  return {
    lots,
    spots,
    isLoading,
    hasLoaded,
    error,
    load,
    refreshLot,
    create,
    update,
    remove,
    freeSpot,
  };
});

import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import * as lotsApi from '@/api/lots.js';

/**
 * Lots whose name, address or PIN code contains `text`, ignoring case. The API lists lots
 * whole (not paginated), so the search runs here as the driver types: the list never lags
 * behind the search box, and a "Book" button never moves under a finger.
 */
export function matchLots(lots, text) {
  const words = text.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return lots;
  return lots.filter((lot) => {
    const haystack = `${lot.name} ${lot.address} ${lot.pincode}`.toLocaleLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** The lots a driver can book, with their live availability. */
export const useLotsStore = defineStore('lots', () => {
  const all = ref([]);
  const query = ref('');
  const isLoading = ref(false);
  const hasLoaded = ref(false);
  const error = ref(null);

  const lots = computed(() => matchLots(all.value, query.value));

  /** Loads every lot; a refresh (live update) keeps the list on screen meanwhile. */
  async function load({ refresh = false } = {}) {
    if (!refresh) isLoading.value = true;
    try {
      all.value = await lotsApi.getLots();
      hasLoaded.value = true;
      error.value = null;
    } catch (failure) {
      error.value = failure;
    } finally {
      isLoading.value = false;
    }
  }

  return { all, lots, query, isLoading, hasLoaded, error, load };
});

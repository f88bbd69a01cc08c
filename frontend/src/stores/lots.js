import { ref } from 'vue';
import { defineStore } from 'pinia';
import * as lotsApi from '@/api/lots.js';

/**
 * One search box for name, address or PIN code. The API's `q` matches name or address and
 * `pincode` the PIN code, so a six-digit search asks both and merges the answers.
 */
export async function searchLots(text) {
  const q = text.trim();
  if (!/^[0-9]{6}$/.test(q)) return lotsApi.getLots({ q });
  const [byText, byPincode] = await Promise.all([
    lotsApi.getLots({ q }),
    lotsApi.getLots({ pincode: q }),
  ]);
  const seen = new Set(byText.map((lot) => lot.id));
  return [...byText, ...byPincode.filter((lot) => !seen.has(lot.id))].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
}

/** The lots a driver can book, with their live availability. */
export const useLotsStore = defineStore('lots', () => {
  const lots = ref([]);
  const query = ref('');
  const isLoading = ref(false);
  const hasLoaded = ref(false);
  const error = ref(null);
  let latest = 0;

  /** Loads the lots matching `query`; a refresh (live update) keeps the list on screen meanwhile. */
  async function load({ refresh = false } = {}) {
    const ticket = ++latest;
    if (!refresh) isLoading.value = true;
    try {
      const found = await searchLots(query.value);
      if (ticket !== latest) return; // a newer search has answered, or will
      lots.value = found;
      hasLoaded.value = true;
      error.value = null;
    } catch (failure) {
      if (ticket === latest) error.value = failure;
    } finally {
      if (ticket === latest) isLoading.value = false;
    }
  }

  return { lots, query, isLoading, hasLoaded, error, load };
});

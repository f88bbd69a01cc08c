import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import * as lotsApi from '@/api/lots.js';
import { windowQuery } from '@/utils/bookingWindow.js';

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

/**
 * The lots a driver can book, with their live availability. With "Arrive" and "Leave" both
 * filled (wall times in APP_TIMEZONE), the list is asked for that window, and each lot comes
 * with `available_for_window` and `quoted_cost`.
 */
export const useLotsStore = defineStore('lots', () => {
  const all = ref([]);
  const query = ref('');
  const isLoading = ref(false);
  const hasLoaded = ref(false);
  const error = ref(null);

  /** "Arrive" and "Leave" as datetime-local values ("2026-12-03T09:00"), '' when empty. */
  const arrive = ref('');
  const leave = ref('');
  /** The zone the two fields are read in (APP_TIMEZONE from /api/meta). */
  const timeZone = ref('Asia/Kolkata');
  /** The server's refusal of the window (a 422 naming `starts_at` or `ends_at`). */
  const windowError = ref(null);
  /** The window the loaded figures are for ('' for none). */
  const loadedWindow = ref('');

  const lots = computed(() => matchLots(all.value, query.value));
  /** `{starts_at, ends_at}` for the API, or null: then "Book" is a drive-up booking. */
  const bookingWindow = computed(() => windowQuery(arrive.value, leave.value, timeZone.value));
  const windowKey = computed(() =>
    bookingWindow.value ? JSON.stringify(bookingWindow.value) : '',
  );
  /** True when the lots on screen carry the figures for the window in the fields. */
  const windowReady = computed(
    () => !!bookingWindow.value && loadedWindow.value === windowKey.value && !windowError.value,
  );

  let latest = 0;

  /** Loads every lot; a refresh (live update) keeps the list on screen meanwhile. */
  async function load({ refresh = false } = {}) {
    const asked = bookingWindow.value;
    const key = windowKey.value;
    const call = ++latest;
    if (!refresh) isLoading.value = true;
    try {
      const found = await lotsApi.getLots(asked ?? undefined);
      if (call !== latest) return; // the fields changed meanwhile: a newer answer is on its way
      all.value = found;
      loadedWindow.value = key;
      hasLoaded.value = true;
      error.value = null;
      windowError.value = null;
    } catch (failure) {
      if (call !== latest) return;
      if (asked && failure.status === 422) {
        windowError.value = failure;
        error.value = null;
      } else {
        error.value = failure;
      }
    } finally {
      if (call === latest) isLoading.value = false;
    }
  }

  /** Empties "Arrive" and "Leave": back to drive-up booking. */
  function clearWindow() {
    arrive.value = '';
    leave.value = '';
    windowError.value = null;
  }

  return {
    all,
    lots,
    query,
    isLoading,
    hasLoaded,
    error,
    arrive,
    leave,
    timeZone,
    bookingWindow,
    windowReady,
    windowError,
    load,
    clearWindow,
  };
});

import { reactive, ref } from 'vue';
import { defineStore } from 'pinia';
import * as reservationsApi from '@/api/reservations.js';

export const PER_PAGE = 25;

/** Every reservation for the operator: filters by status, lot, user and plate, one server page. */
export const useAdminReservationsStore = defineStore('adminReservations', () => {
  const filters = reactive({ status: '', lot_id: '', user_id: '', vehicle_number: '' });
  const page = ref({ items: [], total: 0, page: 1, per_page: PER_PAGE });
  const isLoading = ref(false);
  const hasLoaded = ref(false);
  const error = ref(null);
  let latest = 0;

  async function load(pageNumber = 1) {
    const ticket = ++latest;
    isLoading.value = true;
    try {
      const found = await reservationsApi.getReservations({
        ...filters,
        page: pageNumber,
        per_page: PER_PAGE,
      });
      if (ticket !== latest) return;
      page.value = found;
      hasLoaded.value = true;
      error.value = null;
    } catch (failure) {
      if (ticket === latest) error.value = failure;
    } finally {
      if (ticket === latest) isLoading.value = false;
    }
  }

  /** Releases or cancels a reservation for the operator, then reloads the page shown. */
  async function free(reservation) {
    const action = reservation.status === 'occupied' ? 'release' : 'cancel';
    await reservationsApi[action](reservation.id);
    await load(page.value.page);
  }

  return { filters, page, isLoading, hasLoaded, error, load, free };
});

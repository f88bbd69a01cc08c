import { ref } from 'vue';
import { defineStore } from 'pinia';
import * as adminApi from '@/api/admin.js';

export const PER_PAGE = 25;

/** The users table: a search and one server page of users with their counts and spend. */
export const useAdminUsersStore = defineStore('adminUsers', () => {
  const query = ref('');
  const page = ref({ items: [], total: 0, page: 1, per_page: PER_PAGE });
  const isLoading = ref(false);
  const hasLoaded = ref(false);
  const error = ref(null);
  let latest = 0;

  async function load(pageNumber = 1) {
    const ticket = ++latest;
    isLoading.value = true;
    try {
      const found = await adminApi.getUsers({
        q: query.value.trim(),
        page: pageNumber,
        per_page: PER_PAGE,
      });
      if (ticket !== latest) return; // a newer search has answered, or will
      page.value = found;
      hasLoaded.value = true;
      error.value = null;
    } catch (failure) {
      if (ticket === latest) error.value = failure;
    } finally {
      if (ticket === latest) isLoading.value = false;
    }
  }

  return { query, page, isLoading, hasLoaded, error, load };
});

import { ref } from 'vue';
import { defineStore } from 'pinia';
import * as adminApi from '@/api/admin.js';

/** The operator's totals and chart series, as the server computed them. */
export const useAdminSummaryStore = defineStore('adminSummary', () => {
  const summary = ref(null);
  const isLoading = ref(false);
  const error = ref(null);

  async function load() {
    isLoading.value = true;
    try {
      summary.value = await adminApi.getAdminSummary();
      error.value = null;
    } catch (failure) {
      error.value = failure;
    } finally {
      isLoading.value = false;
    }
  }

  return { summary, isLoading, error, load };
});

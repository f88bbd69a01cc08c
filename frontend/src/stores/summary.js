import { ref } from 'vue';
import { defineStore } from 'pinia';
import { getMySummary } from '@/api/summaries.js';

/** The driver's totals and series, computed by the server. */
export const useSummaryStore = defineStore('summary', () => {
  const summary = ref(null);
  const isLoading = ref(false);
  const error = ref(null);

  async function load() {
    isLoading.value = true;
    try {
      summary.value = await getMySummary();
      error.value = null;
    } catch (failure) {
      error.value = failure;
    } finally {
      isLoading.value = false;
    }
  }

  return { summary, isLoading, error, load };
});

import { ref } from 'vue';
import { defineStore } from 'pinia';
import * as exportsApi from '@/api/exports.js';

const POLL_MS = 1000;
const FINAL = ['done', 'failed'];

/** One CSV export at a time: queue it, follow its progress, then download it. */
export const useExportsStore = defineStore('exports', () => {
  const current = ref(null);
  const error = ref(null);
  const isStarting = ref(false);
  /** The export asked for by its link does not exist (or is not this user's). */
  const notFound = ref(false);
  let timer = null;

  function stopPolling() {
    clearTimeout(timer);
    timer = null;
  }

  async function poll() {
    try {
      current.value = await exportsApi.getExport(current.value.id);
      error.value = null;
    } catch (failure) {
      if (failure.status === 404) {
        // Nothing to wait for: no spinner, and "Export CSV" starts a new one.
        current.value = null;
        notFound.value = true;
        error.value = null;
        return;
      }
      error.value = failure;
    }
    if (current.value && !FINAL.includes(current.value.status)) timer = setTimeout(poll, POLL_MS);
  }

  async function start() {
    stopPolling();
    isStarting.value = true;
    error.value = null;
    notFound.value = false;
    try {
      current.value = await exportsApi.createExport();
      timer = setTimeout(poll, POLL_MS);
    } catch (failure) {
      error.value = failure;
    } finally {
      isStarting.value = false;
    }
  }

  /** Resumes following an export the user opened by its link (the e-mail points here). */
  async function follow(id) {
    stopPolling();
    notFound.value = false;
    current.value = { id, status: 'queued' };
    await poll();
  }

  /** The CSV needs the token, so it is fetched and handed to the browser as a blob. */
  const download = () => exportsApi.downloadExport(current.value.id);

  return { current, error, notFound, isStarting, start, follow, download, stopPolling };
});

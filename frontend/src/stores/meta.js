import { ref } from 'vue';
import { defineStore } from 'pinia';
import { getMeta } from '@/api/meta.js';

/** The server's settings the screens show; the defaults are the server's own defaults. */
export const useMetaStore = defineStore('meta', () => {
  const settings = ref({
    app_timezone: 'Asia/Kolkata',
    currency: 'INR',
    reservation_hold_minutes: 30,
    max_active_reservations: 3,
    early_arrival_minutes: 15,
    max_booking_hours: 24,
    booking_horizon_days: 30,
    webhook_allowed_hosts: ['chat.googleapis.com'],
  });
  const isLoaded = ref(false);

  async function load() {
    if (isLoaded.value) return;
    try {
      settings.value = { ...settings.value, ...(await getMeta()) };
      isLoaded.value = true;
    } catch {
      // The defaults stand in until the next page asks again.
    }
  }

  return { settings, isLoaded, load };
});

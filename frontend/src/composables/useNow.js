import { onBeforeUnmount, onMounted, ref } from 'vue';

/** The current time, ticking every `intervalMs`, for live clocks and running costs. */
export function useNow(intervalMs = 1000) {
  const now = ref(new Date());
  let timer = null;
  onMounted(() => {
    timer = setInterval(() => {
      now.value = new Date();
    }, intervalMs);
  });
  onBeforeUnmount(() => clearInterval(timer));
  return now;
}

import { ref, watch } from 'vue';

/**
 * A native `<dialog>` shown as a modal while `isOpen()` is true (focus and Esc come with it).
 * Bind the returned ref as the element's `ref`.
 */
export function useModalDialog(isOpen) {
  const dialog = ref(null);
  watch(
    isOpen,
    (open) => {
      if (open && !dialog.value.open) dialog.value.showModal();
      if (!open && dialog.value.open) dialog.value.close();
    },
    { flush: 'post' },
  );
  return dialog;
}

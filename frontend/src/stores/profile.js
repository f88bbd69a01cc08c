import { ref } from 'vue';
import { defineStore } from 'pinia';
import { changePassword as changePasswordApi, updateMe } from '@/api/auth.js';
import { useAuthStore } from './auth.js';

/** Saving the signed-in user's own settings. */
export const useProfileStore = defineStore('profile', () => {
  const isSaving = ref(false);
  const error = ref(null);
  const savedAt = ref(null);

  async function save(changes) {
    isSaving.value = true;
    error.value = null;
    try {
      const user = await updateMe(changes);
      useAuthStore().setUser(user);
      savedAt.value = new Date();
      return user;
    } catch (failure) {
      error.value = failure;
      return null;
    } finally {
      isSaving.value = false;
    }
  }

  const isChangingPassword = ref(false);

  /** Changes the password; resolves with the failure (an ApiError) or null when done. */
  async function changePassword(currentPassword, newPassword) {
    isChangingPassword.value = true;
    try {
      await changePasswordApi(currentPassword, newPassword);
      return null;
    } catch (failure) {
      return failure;
    } finally {
      isChangingPassword.value = false;
    }
  }

  return { isSaving, error, savedAt, save, isChangingPassword, changePassword };
});

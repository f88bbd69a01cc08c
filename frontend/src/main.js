import 'bootstrap/dist/css/bootstrap.min.css';
import './styles.css';
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { onUnauthorized } from './api/client.js';
import { createAppRouter } from './router/index.js';
import { useAuthStore } from './stores/auth.js';
import { watchOtherTabs } from './utils/crossTab.js';
import { applyTheme } from './utils/theme.js';

applyTheme();

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
const router = createAppRouter();
app.use(router);

// A 401 on a signed-in call: the session is gone. Sign in again and come back here.
onUnauthorized(() => {
  const current = router.currentRoute.value;
  const auth = useAuthStore(pinia);
  if (!auth.token && !auth.user) return; // a visitor's call: no session to end
  auth.expire();
  if (!current.matched.length) return; // the first navigation: its guard sends it to /login
  if (current.name !== 'login')
    router.push({ name: 'login', query: { redirect: current.fullPath } });
});

// Signing out in one tab signs out every tab; signing in elsewhere is followed too.
watchOtherTabs({
  onSignedOut: () => {
    if (!useAuthStore(pinia).signedOutElsewhere()) return;
    const current = router.currentRoute.value;
    if (current.meta.requiresAuth) router.push({ name: 'login' });
  },
  onSignedIn: async (token) => {
    const auth = useAuthStore(pinia);
    await auth.signedInElsewhere(token);
    const current = router.currentRoute.value;
    const wrongRole = current.meta.role && current.meta.role !== auth.user?.role;
    if (auth.isSignedIn && (current.meta.guestOnly || wrongRole)) {
      router.push(auth.homePath);
    }
  },
});

// After a new build the old lazy chunks are gone: load the new app at the page asked for.
router.onError((error, to) => {
  if (/dynamically imported module|Importing a module script failed/.test(error?.message ?? '')) {
    window.location.assign(to.fullPath);
  }
});

app.mount('#app');

import { createRouter, createWebHistory } from 'vue-router';
import { useAuthStore } from '@/stores/auth.js';

const driver = { requiresAuth: true, role: 'user' };
const admin = { requiresAuth: true, role: 'admin' };

export const routes = [
  { path: '/', name: 'home', redirect: () => useAuthStore().homePath },
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/LoginView.vue'),
    meta: { title: 'Sign in', guestOnly: true },
  },
  {
    path: '/register',
    name: 'register',
    component: () => import('@/views/RegisterView.vue'),
    meta: { title: 'Create an account', guestOnly: true },
  },
  // Reachable signed in or out: a reset link may be opened anywhere.
  {
    path: '/forgot-password',
    name: 'forgot-password',
    component: () => import('@/views/ForgotPasswordView.vue'),
    meta: { title: 'Forgot password' },
  },
  {
    path: '/reset-password',
    name: 'reset-password',
    component: () => import('@/views/ResetPasswordView.vue'),
    meta: { title: 'Set a new password' },
  },
  {
    path: '/lots',
    name: 'lots',
    component: () => import('@/views/user/LotsView.vue'),
    meta: { ...driver, title: 'Find a lot' },
  },
  {
    path: '/reservations',
    name: 'reservations',
    component: () => import('@/views/user/ReservationsView.vue'),
    meta: { ...driver, title: 'My reservations' },
  },
  {
    path: '/reservations/history',
    name: 'history',
    component: () => import('@/views/user/HistoryView.vue'),
    meta: { ...driver, title: 'History' },
  },
  {
    path: '/summary',
    name: 'summary',
    component: () => import('@/views/user/SummaryView.vue'),
    meta: { ...driver, title: 'Summary' },
  },
  {
    path: '/profile',
    name: 'profile',
    component: () => import('@/views/ProfileView.vue'),
    meta: { requiresAuth: true, title: 'Profile' },
  },
  {
    path: '/admin/lots',
    name: 'admin-lots',
    component: () => import('@/views/admin/AdminLotsView.vue'),
    meta: { ...admin, title: 'Lots' },
  },
  {
    path: '/admin/reservations',
    name: 'admin-reservations',
    component: () => import('@/views/admin/AdminReservationsView.vue'),
    meta: { ...admin, title: 'Reservations' },
  },
  {
    path: '/admin/users',
    name: 'admin-users',
    component: () => import('@/views/admin/AdminUsersView.vue'),
    meta: { ...admin, title: 'Users' },
  },
  {
    path: '/admin/summary',
    name: 'admin-summary',
    component: () => import('@/views/admin/AdminSummaryView.vue'),
    meta: { ...admin, title: 'Summary' },
  },
  {
    path: '/admin/jobs',
    name: 'admin-jobs',
    component: () => import('@/views/admin/AdminJobsView.vue'),
    meta: { ...admin, title: 'Jobs' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/NotFoundView.vue'),
    meta: { title: 'Page not found' },
  },
];

/**
 * The one guard: signed-in pages need a session (else /login, and back here afterwards), a
 * role page needs that role (else the user's own start page), and a signed-in user skips
 * the sign-in pages.
 */
export async function guard(to) {
  const auth = useAuthStore();
  await auth.restore();
  if (to.meta.guestOnly && auth.isSignedIn) return auth.homePath;
  if (to.meta.requiresAuth && !auth.isSignedIn) {
    return { name: 'login', query: { redirect: to.fullPath } };
  }
  if (to.meta.role && auth.user.role !== to.meta.role) return auth.homePath;
  return true;
}

export function createAppRouter(history = createWebHistory()) {
  const router = createRouter({ history, routes });
  router.beforeEach(guard);
  router.afterEach((to, from) => {
    document.title = to.meta.title ? `${to.meta.title} · Parking` : 'Parking';
    // Screen readers and keyboards start on the new page, not on the link that led there.
    if (from.matched.length) document.getElementById('main')?.focus({ preventScroll: true });
  });
  return router;
}

/**
 * Where to go after signing in: the page the user was sent away from, if it is an app path
 * (never another site) that their role may open.
 */
export function safeRedirect(target, role) {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) return null;
  if (target.startsWith('/login') || target.startsWith('/register')) return null;
  const adminPath = target === '/admin' || target.startsWith('/admin/');
  if (adminPath !== (role === 'admin') && !target.startsWith('/profile')) return null;
  return target;
}

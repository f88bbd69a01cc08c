import { http } from './client.js';

export const login = (email, password) => http.post('/auth/login', { email, password });
export const register = (fields) => http.post('/auth/register', fields);
export const logout = () => http.post('/auth/logout');
export const getMe = () => http.get('/auth/me');
export const updateMe = (changes) => http.patch('/auth/me', changes);

import { http, request } from './client.js';

export const createExport = () => http.post('/exports');
export const getExport = (id) => http.get(`/exports/${id}`);
export const downloadExport = (id) => request(`/exports/${id}/download`, { as: 'blob' });

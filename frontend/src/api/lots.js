import { http } from './client.js';

/** @param {{q?: string, pincode?: string}} [filters] */
export const getLots = (filters) => http.get('/lots', filters);
export const getLot = (id) => http.get(`/lots/${id}`);

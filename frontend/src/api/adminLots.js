import { http } from './client.js';

/** The operator's side of lots: create, change, delete, and each lot's spots. */
export const createLot = (lot) => http.post('/lots', lot);
export const updateLot = (id, changes) => http.patch(`/lots/${id}`, changes);
export const deleteLot = (id) => http.delete(`/lots/${id}`);
export const getSpots = (lotId) => http.get(`/lots/${lotId}/spots`);

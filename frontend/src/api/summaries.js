import { http } from './client.js';

export const getMySummary = () => http.get('/me/summary');

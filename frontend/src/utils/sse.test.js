import { describe, expect, it } from 'vitest';
import { createSseParser } from './sse.js';

describe('SSE frames', () => {
  it('reads JSON from data lines', () => {
    const parser = createSseParser();
    expect(parser.push('data: {"type": "lot", "lot_id": 3}\n\n')).toEqual([
      { event: 'message', data: { type: 'lot', lot_id: 3 }, id: null },
    ]);
  });

  it('joins frames split across chunks and several frames in one chunk', () => {
    const parser = createSseParser();
    expect(parser.push('event: lot\nid: 7\ndata: {"lot_')).toEqual([]);
    const events = parser.push('id": 1}\n\ndata: {"lot_id": 2}\r\n\r\n');
    expect(events.map((e) => e.data.lot_id)).toEqual([1, 2]);
    expect(events[0]).toMatchObject({ event: 'lot', id: '7' });
  });

  it('skips keep-alive comments and frames without data', () => {
    const parser = createSseParser();
    expect(parser.push(': ping\n\nretry: 1000\n\n')).toEqual([]);
  });

  it('joins multi-line data and keeps text that is not JSON', () => {
    const parser = createSseParser();
    expect(parser.push('data: hello\ndata: world\n\n')[0].data).toBe('hello\nworld');
  });
});

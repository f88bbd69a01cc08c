import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import SpotGrid from './SpotGrid.vue';

const spots = [
  { id: 1, number: 1, status: 'available', reservation: null },
  { id: 2, number: 2, status: 'reserved', reservation: { id: 5 } },
  { id: 3, number: 3, status: 'occupied', reservation: { id: 6 } },
];

describe('SpotGrid', () => {
  it('names each spot "Spot N, <status>" and shows the status in words', () => {
    const grid = mount(SpotGrid, { props: { spots } });
    const buttons = grid.findAll('button');
    expect(buttons.map((b) => b.attributes('aria-label'))).toEqual([
      'Spot 1, available',
      'Spot 2, reserved',
      'Spot 3, occupied',
    ]);
    expect(buttons.map((b) => b.text())).toEqual(['1○ Free', '2◐ Held', '3● Taken']);
  });

  it('marks advance spots with an "A" and a legend, and names their next booking', () => {
    const grid = mount(SpotGrid, {
      props: {
        timeZone: 'Asia/Kolkata',
        spots: [
          { id: 1, number: 1, status: 'available', kind: 'drive_up', next_booking: null },
          { id: 2, number: 2, status: 'available', kind: 'advance', next_booking: null },
          {
            id: 3,
            number: 3,
            status: 'reserved',
            kind: 'advance',
            next_booking: {
              id: 8,
              starts_at: '2026-12-03T03:30:00+00:00',
              ends_at: '2026-12-03T06:00:00+00:00',
              vehicle_number: 'KA01AB1234',
            },
          },
        ],
      },
    });
    expect(grid.findAll('button').map((b) => b.attributes('aria-label'))).toEqual([
      'Spot 1, available',
      'Spot 2, available, advance spot, no booking ahead',
      'Spot 3, reserved, advance spot, next booking 3 Dec 09:00–11:30',
    ]);
    expect(grid.findAll('.advance-mark').length).toBe(3); // two spots and the legend
    expect(grid.text()).toContain('Advance spot: kept for bookings made ahead');
    expect(grid.findAll('button')[2].text()).toContain('Next 3 Dec 09:00');
  });

  it('shows no legend for a lot without advance spots', () => {
    const grid = mount(SpotGrid, { props: { spots } });
    expect(grid.text()).not.toContain('Advance spot');
  });

  it('tells which spot was chosen', async () => {
    const grid = mount(SpotGrid, { props: { spots } });
    await grid.findAll('button')[2].trigger('click');
    expect(grid.emitted('select')).toEqual([[spots[2]]]);
  });

  it('shows when a hold ends, as the spot’s description, and keeps its name', () => {
    const held = {
      id: 7,
      number: 7,
      status: 'reserved',
      kind: 'drive_up',
      reservation: { id: 9, hold_ends_at: '2026-12-04T03:15:00Z' },
    };
    const grid = mount(SpotGrid, { props: { spots: [held], timeZone: 'Asia/Kolkata' } });
    const button = grid.find('button');
    expect(button.attributes('aria-label')).toBe('Spot 7, reserved');
    expect(button.text()).toContain('until 08:45');
    const described = grid.find(`#${button.attributes('aria-describedby')}`);
    expect(described.text()).toBe('until 08:45');
  });

  it('writes an advance spot’s next window in one short line on its tile', () => {
    const spot = {
      id: 8,
      number: 8,
      status: 'available',
      kind: 'advance',
      next_booking: { id: 3, starts_at: '2026-12-06T03:30:00Z', ends_at: '2026-12-06T06:00:00Z' },
    };
    const grid = mount(SpotGrid, { props: { spots: [spot], timeZone: 'Asia/Kolkata' } });
    expect(grid.findAll('.spot-line').map((line) => line.text())).toEqual(['Next 6 Dec 09:00']);
  });
});

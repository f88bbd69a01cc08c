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

  it('tells which spot was chosen', async () => {
    const grid = mount(SpotGrid, { props: { spots } });
    await grid.findAll('button')[2].trigger('click');
    expect(grid.emitted('select')).toEqual([[spots[2]]]);
  });
});

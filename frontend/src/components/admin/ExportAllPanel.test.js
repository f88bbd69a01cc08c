import { describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import ExportAllPanel from './ExportAllPanel.vue';

vi.mock('@/api/exports.js', () => ({
  getExport: vi.fn().mockResolvedValue({ id: 7, status: 'done', row_count: 12 }),
}));

async function panelAt(path) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/admin/reservations', component: { template: '<div />' } }],
  });
  await router.push(path);
  return mount(ExportAllPanel, { global: { plugins: [createPinia(), router] } });
}

describe('ExportAllPanel', () => {
  it('follows the export the ready e-mail links to, offering its download', async () => {
    const { getExport } = await import('@/api/exports.js');
    const wrapper = await panelAt('/admin/reservations?export=7');
    await flushPromises();
    expect(getExport).toHaveBeenCalledWith(7);
    expect(wrapper.text()).toContain('Export ready: 12 rows.');
    expect(wrapper.find('button.btn-success').text()).toBe('Download CSV');
    wrapper.unmount();
  });

  it('follows nothing without a valid export id', async () => {
    const { getExport } = await import('@/api/exports.js');
    getExport.mockClear();
    const wrapper = await panelAt('/admin/reservations?export=abc');
    await flushPromises();
    expect(getExport).not.toHaveBeenCalled();
    expect(wrapper.text()).not.toContain('Download CSV');
    wrapper.unmount();
  });
});

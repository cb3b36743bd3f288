/**
 * Stands in for the Electron preload in browser tests: the same makeBridge, with the transport
 * swapped for a Playwright binding that calls the real main-process handler table.
 */
import { makeBridge } from '../../../shared/ipc/api';

declare global {
  interface Window {
    __dondocInvoke: (channel: string, request: unknown) => Promise<unknown>;
  }
}

const bridge = makeBridge((channel, request) => window.__dondocInvoke(channel, request));
Object.defineProperty(window, 'api', { value: Object.freeze({ invoke: bridge.invoke }), writable: false });

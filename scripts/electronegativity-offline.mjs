/**
 * Preloaded into electronegativity by security-audit.mjs: its one remaining network call (a
 * translations download, tried on every run) fails at once instead of timing out. Under Node 24
 * the library's HTTP client schedules a retry after that time-out has already been handled and
 * crashes the scan ("The `onCancel` handler was attached after the promise settled").
 */
import Module from 'node:module';

const load = Module._load;
Module._load = function loadOffline(request, parent, ...rest) {
  if (request === 'got' && parent && /[\\/]@doyensec[\\/]electronegativity[\\/]/.test(parent.filename)) {
    const offline = () => Promise.reject(new Error('electronegativity runs offline in the security audit'));
    offline.head = offline;
    return offline;
  }
  return load.call(this, request, parent, ...rest);
};

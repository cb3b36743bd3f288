import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDialogFolderMemory } from './dialogPaths';

describe('dialog folder memory (Electron 43 opens dialogs in Downloads by default)', () => {
  it('passes nothing or the suggestion until a folder is known, then opens where the last pick was', () => {
    const m = createDialogFolderMemory();
    expect(m.defaultPath()).toBeUndefined();
    expect(m.defaultPath('goi.dondoc')).toBe('goi.dondoc');
    m.remember(join('/media', 'usb', 'goi-1.dondoc'));
    expect(m.defaultPath()).toBe(join('/media', 'usb'));
    expect(m.defaultPath('khoa.dondoc-key')).toBe(join('/media', 'usb', 'khoa.dondoc-key'));
    // An absolute suggestion (e.g. a chosen exchange folder) is kept as it is.
    expect(m.defaultPath(join('/srv', 'trao-doi'))).toBe(join('/srv', 'trao-doi'));
    m.remember(join('/home', 'vanthu', 'Trao đổi'), true);
    expect(m.defaultPath()).toBe(join('/home', 'vanthu', 'Trao đổi'));
    m.remember(null);
    expect(m.defaultPath()).toBe(join('/home', 'vanthu', 'Trao đổi'));
  });
});

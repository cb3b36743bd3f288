/**
 * File names main writes on Windows: names Windows reserves for devices, characters it forbids,
 * and the extension each kind of file must carry whatever the save dialog returned.
 */
import { basename, dirname, extname, join } from 'node:path';
import { AppError } from '@shared/errors';

// Characters Windows forbids in file names, plus controls.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f]/g;

/**
 * Device names: the part before the first dot decides ("NUL.docx", "com1.tar.gz"), case does not
 * matter, trailing spaces are ignored, and the superscript digits ¹ ² ³ count as digits.
 */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

export function isReservedName(name: string): boolean {
  const stem = name.normalize('NFC').split('.')[0].replace(/[ .]+$/, '');
  return RESERVED.test(stem);
}

/** A safe "<name>.<ext>" for a suggested name: no folders, no forbidden characters, never a device name. */
export function safeFileName(name: string, ext: string, fallback = 'van-ban'): string {
  const suffix = new RegExp(`\\.${ext}$`, 'i');
  let base = name.normalize('NFC').replace(suffix, '').replace(FORBIDDEN, '_').replace(/\s+/g, ' ').trim().replace(/[. ]+$/, '');
  if (!base) base = fallback;
  if (isReservedName(base)) base = `${fallback}-${base}`;
  return `${base.slice(0, 150)}.${ext}`;
}

/**
 * The path the user chose, with the required extension added when it lacks it. A device name is
 * refused (Windows would write to the device, not a file).
 */
export function savePathWithExtension(chosen: string, ext: string): string {
  const path = extname(chosen).toLowerCase() === `.${ext}` ? chosen : `${chosen}.${ext}`;
  const name = basename(path);
  if (isReservedName(name)) throw new AppError('invalid-input', `Tên tệp "${name}" là tên dành riêng của Windows (như CON, NUL, COM1); hãy chọn tên khác.`);
  return join(dirname(path), name);
}

/**
 * Attachment types that run code when "opened" on Windows: they are shown in their folder,
 * never launched.
 */
const EXECUTABLE = new Set([
  'exe', 'com', 'bat', 'cmd', 'msi', 'msp', 'mst', 'scr', 'pif', 'cpl', 'dll', 'sys', 'ocx', 'lnk', 'url', 'website', 'appref-ms', 'application',
  'ps1', 'psm1', 'psd1', 'ps1xml', 'psc1', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'wsh', 'wsc', 'hta', 'jar', 'reg', 'msc', 'inf', 'scf', 'gadget',
  'msix', 'msixbundle', 'appx', 'appxbundle', 'settingcontent-ms', 'library-ms', 'search-ms', 'chm', 'iso', 'img', 'vhd', 'vhdx', 'xll', 'docm', 'xlsm', 'pptm',
]);

export function isExecutableName(fileName: string): boolean {
  const name = fileName.normalize('NFC').toLowerCase().replace(/[ .]+$/, '');
  const ext = extname(name).slice(1);
  return ext !== '' && EXECUTABLE.has(ext);
}

/** dd/mm/yyyy (or yyyy-mm-dd) typed in a box → YYYY-MM-DD, or null when it is not a valid date. */
import { isValidDate } from '@shared/calendar';

export function parseVnDate(text: string): string | null {
  const s = text.trim();
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  const iso = vn ? `${vn[3]}-${vn[2].padStart(2, '0')}-${vn[1].padStart(2, '0')}` : s;
  return isValidDate(iso) ? iso : null;
}

export function toVnDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

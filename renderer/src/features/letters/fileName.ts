import type { Letter } from '@shared/letters/model';

/** "05-UBND-VP-2026" for an issued letter; "Du-thao-UBND-VP" before it has a number. */
export function letterFileStem(letter: Pick<Letter, 'number' | 'symbol' | 'date'>): string {
  if (letter.number === null || letter.date === null) return `Du-thao-${letter.symbol}`;
  return `${String(letter.number).padStart(2, '0')}-${letter.symbol}-${letter.date.slice(0, 4)}`;
}

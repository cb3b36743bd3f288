/**
 * Diacritics-insensitive search: "dun day" finds "đùn đẩy", "d" finds "đ".
 * Every search box uses this one helper.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when every word of the query appears in the text, ignoring case and diacritics. */
export function matchesSearch(text: string, query: string): boolean {
  const q = foldVietnamese(query);
  if (!q) return true;
  const t = foldVietnamese(text);
  return q.split(' ').every((word) => t.includes(word));
}

/** Precompute once for lists: fold the haystack, then test many queries cheaply. */
export function makeSearchIndex<T>(items: readonly T[], text: (item: T) => string): (query: string) => T[] {
  const folded = items.map((item) => foldVietnamese(text(item)));
  return (query: string) => {
    const words = foldVietnamese(query).split(' ').filter(Boolean);
    if (words.length === 0) return [...items];
    return items.filter((_, i) => words.every((w) => folded[i].includes(w)));
  };
}

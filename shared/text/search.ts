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

/** The words of a text after folding, split at anything not a letter or digit ("1041/UBND-NC" → 1041 ubnd nc). */
export function foldedWords(text: string): string[] {
  return foldVietnamese(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** A folded text laid out for whole-word tests: " w1 w2 … " (one space around every word). */
export function wordHaystack(text: string): string {
  return ` ${foldedWords(text).join(' ')} `;
}

/**
 * True when every query word is a whole word of one of the haystacks (wordHaystack), the last
 * query word also as the start of a word (it may still be being typed): "tram y te" finds
 * "Trạm Y tế", "y te" does not find "quy kinh tế".
 */
export function matchesWholeWords(haystacks: readonly string[], queryWords: readonly string[]): boolean {
  return queryWords.every((w, i) => {
    const needle = i === queryWords.length - 1 ? ` ${w}` : ` ${w} `;
    return haystacks.some((h) => h.includes(needle));
  });
}

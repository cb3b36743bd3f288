/**
 * The one option filter for every Mantine Select/MultiSelect where a unit or an official is
 * chosen: diacritics- and case-insensitive, every typed word must appear ("tram y te" finds
 * "Trạm Y tế").
 */
import type { ComboboxParsedItem, ComboboxParsedItemGroup, OptionsFilter } from '@mantine/core';
import { matchesSearch } from '@shared/text/search';

function isGroup(item: ComboboxParsedItem): item is ComboboxParsedItemGroup {
  return 'group' in item;
}

/** Options (and groups) whose label matches the search, in their order. */
export function filterFolded(options: readonly ComboboxParsedItem[], search: string, limit = Infinity): ComboboxParsedItem[] {
  const out: ComboboxParsedItem[] = [];
  let n = 0;
  for (const item of options) {
    if (n >= limit) break;
    if (isGroup(item)) {
      const items = item.items.filter((o) => matchesSearch(o.label, search)).slice(0, limit - n);
      n += items.length;
      if (items.length) out.push({ group: item.group, items });
    } else if (matchesSearch(item.label, search)) {
      out.push(item);
      n += 1;
    }
  }
  return out;
}

export const foldedFilter: OptionsFilter = ({ options, search, limit }) => filterFolded(options, search, limit);

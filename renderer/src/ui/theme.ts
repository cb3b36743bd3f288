import { createTheme, MultiSelect, Select } from '@mantine/core';
import { foldedFilter } from './selectFilter';

/** System fonts that carry full Vietnamese diacritics on Windows and Linux office PCs. */
export const theme = createTheme({
  fontFamily: '"Segoe UI", "Noto Sans", "Liberation Sans", Arial, sans-serif',
  primaryColor: 'blue',
  defaultRadius: 'sm',
  // Windows' "show animations" off (prefers-reduced-motion) turns Mantine's transitions off too.
  respectReducedMotion: true,
  headings: { fontFamily: '"Segoe UI", "Noto Sans", "Liberation Sans", Arial, sans-serif' },
  components: {
    // Every picker (units, officials, documents) matches typed words without diacritics: "tram y te" finds "Trạm Y tế".
    Select: Select.extend({ defaultProps: { filter: foldedFilter } }),
    MultiSelect: MultiSelect.extend({ defaultProps: { filter: foldedFilter } }),
  },
});

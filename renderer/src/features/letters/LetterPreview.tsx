import { useEffect, useState } from 'react';
import { Box } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';

/** A4 sheet width in CSS px (210 mm at 96 dpi) plus the preview's grey surround. */
const SHEET_PX = 860;
const FRAME_HEIGHT_PX = 1180;

/**
 * The letter as it will print: the HTML renderer's document in a sandboxed blob: frame (the CSP
 * allows blob: frames and inline styles, and the frame runs no script), scaled to the column.
 */
export function LetterPreview({ html, title }: { html: string; title: string }) {
  const { ref, width } = useElementSize();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const u = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [html]);
  const scale = width > 0 ? Math.min(1, width / SHEET_PX) : 0.5;
  return (
    <Box ref={ref} w="100%" h={FRAME_HEIGHT_PX * scale} style={{ overflow: 'hidden', borderRadius: 4, border: '1px solid var(--mantine-color-gray-4)' }}>
      {url && (
        <iframe
          title={title}
          src={url}
          sandbox=""
          style={{ width: SHEET_PX, height: FRAME_HEIGHT_PX, border: 0, transform: `scale(${scale})`, transformOrigin: '0 0', display: 'block' }}
        />
      )}
    </Box>
  );
}

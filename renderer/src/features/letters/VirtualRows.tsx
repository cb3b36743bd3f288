import { useRef, type ReactNode } from 'react';
import { Box, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';

export interface VirtualColumn<T> {
  header: string;
  /** CSS grid track, e.g. "90px" or "2fr". */
  width: string;
  cell(row: T): ReactNode;
}

/** A long list as a virtualised grid: only the visible rows are in the DOM. */
export function VirtualRows<T>(props: {
  rows: readonly T[];
  columns: VirtualColumn<T>[];
  rowKey(row: T): string;
  rowHeight: number;
  height: string;
  label: string;
  empty: string;
  onRowClick?(row: T): void;
  rowStyle?(row: T): React.CSSProperties | undefined;
}) {
  const { rows, columns, rowHeight } = props;
  const parentRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => parentRef.current, estimateSize: () => rowHeight, overscan: 12 });
  const template = columns.map((c) => c.width).join(' ');
  const cellStyle: React.CSSProperties = { padding: '4px 8px', overflow: 'hidden', display: 'flex', alignItems: 'center', minWidth: 0 };
  return (
    <Box role="table" aria-label={props.label} aria-rowcount={rows.length + 1} style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}>
      <div role="row" style={{ display: 'grid', gridTemplateColumns: template, background: 'var(--mantine-color-gray-0)', borderBottom: '1px solid var(--mantine-color-gray-3)', paddingRight: 12 }}>
        {columns.map((c) => (
          <div key={c.header} role="columnheader" style={{ ...cellStyle, fontWeight: 600, fontSize: 13, height: 34 }}>
            {c.header}
          </div>
        ))}
      </div>
      <div ref={parentRef} style={{ height: props.height, overflowY: 'scroll' }}>
        {rows.length === 0 && (
          <Text size="sm" c="dimmed" p="md">
            {props.empty}
          </Text>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[v.index];
            return (
              <div
                key={props.rowKey(row)}
                role="row"
                aria-rowindex={v.index + 2}
                onClick={props.onRowClick ? () => props.onRowClick?.(row) : undefined}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  width: '100%',
                  height: rowHeight,
                  transform: `translateY(${v.start}px)`,
                  display: 'grid',
                  gridTemplateColumns: template,
                  borderBottom: '1px solid var(--mantine-color-gray-2)',
                  cursor: props.onRowClick ? 'pointer' : undefined,
                  fontSize: 14,
                  ...props.rowStyle?.(row),
                }}
              >
                {columns.map((c) => (
                  <div key={c.header} role="cell" style={cellStyle}>
                    {c.cell(row)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </Box>
  );
}

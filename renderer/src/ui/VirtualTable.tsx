import { memo, useRef, type CSSProperties, type ReactNode } from 'react';
import { Box, Text, UnstyledButton } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';

export interface Column<T, K extends string = string> {
  header: string;
  /** CSS grid track, e.g. "96px" or "minmax(240px, 3fr)". */
  width: string;
  cell(row: T): ReactNode;
  /** Clicking the header sorts by this key. */
  sortKey?: K;
}

/**
 * Every long list of the app: a virtualised grid (only visible rows are in the DOM), so 50,000
 * rows scroll smoothly. Rows with `onRowClick` open their detail by click or Enter.
 */
function VirtualTableImpl<T, K extends string = string>(props: {
  rows: readonly T[];
  columns: Column<T, K>[];
  rowKey(row: T): string;
  rowHeight?: number;
  height: string;
  label: string;
  empty: ReactNode;
  onRowClick?(row: T): void;
  sort?: { key: K; direction: 'asc' | 'desc' };
  onSort?(key: K): void;
  /** A row's own look (e.g. the selected one), over the striping. */
  rowStyle?(row: T): CSSProperties | undefined;
}) {
  const { rows, columns } = props;
  const rowHeight = props.rowHeight ?? 52;
  const parentRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => parentRef.current, estimateSize: () => rowHeight, overscan: 10 });
  const template = columns.map((c) => c.width).join(' ');
  const cell: CSSProperties = { padding: '4px 8px', overflow: 'hidden', display: 'flex', alignItems: 'center', minWidth: 0 };
  return (
    <Box role="table" aria-label={props.label} aria-rowcount={rows.length + 1} style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}>
      <div role="row" style={{ display: 'grid', gridTemplateColumns: template, background: 'var(--mantine-color-gray-0)', borderBottom: '1px solid var(--mantine-color-gray-3)', paddingRight: 12 }}>
        {columns.map((c) => {
          const active = props.sort && c.sortKey === props.sort.key;
          const arrow = active ? (props.sort!.direction === 'asc' ? ' ▲' : ' ▼') : '';
          return (
            <div key={c.header} role="columnheader" aria-sort={active ? (props.sort!.direction === 'asc' ? 'ascending' : 'descending') : undefined} style={{ ...cell, fontWeight: 600, fontSize: 13, minHeight: 34 }}>
              {c.sortKey && props.onSort ? (
                <UnstyledButton onClick={() => props.onSort!(c.sortKey!)} style={{ fontWeight: 600, fontSize: 13 }} title="Bấm để sắp xếp">
                  {c.header}
                  {arrow}
                </UnstyledButton>
              ) : (
                c.header
              )}
            </div>
          );
        })}
      </div>
      <div ref={parentRef} style={{ height: props.height, overflowY: 'scroll' }}>
        {rows.length === 0 && (
          <Text size="sm" c="dimmed" p="md" component="div">
            {props.empty}
          </Text>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[v.index];
            const open = props.onRowClick ? () => props.onRowClick!(row) : undefined;
            return (
              <div
                key={props.rowKey(row)}
                role="row"
                aria-rowindex={v.index + 2}
                tabIndex={open ? 0 : undefined}
                onClick={open}
                onKeyDown={open ? (e) => e.key === 'Enter' && open() : undefined}
                className="dd-vrow"
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
                  cursor: open ? 'pointer' : undefined,
                  fontSize: 13,
                  background: v.index % 2 ? 'var(--mantine-color-gray-0)' : undefined,
                  ...props.rowStyle?.(row),
                }}
              >
                {columns.map((c) => (
                  <div key={c.header} role="cell" style={cell}>
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

/** Memoised: typing in a search box above the table does not re-render its rows until the rows change. */
export const VirtualTable = memo(VirtualTableImpl) as typeof VirtualTableImpl;

import { Table, VisuallyHidden, type TableThProps } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Column<T> {
  /** The column's name; for an actions column it is read by screen readers only. */
  header: string;
  cell: (item: T) => ReactNode;
  align?: 'right';
  isHeaderHidden?: boolean;
  width?: TableThProps['w'];
}

/**
 * A glass table that scrolls sideways on a narrow screen. Columns are given as data, so each page
 * writes only its cells; `false` leaves a column out (one the viewer may not use).
 */
export function DataTable<T>({
  items,
  rowKey,
  columns,
  minWidth,
  label,
  visibleFrom,
  isKeyboardScrollable = false,
}: {
  items: T[];
  rowKey: (item: T) => string;
  columns: Array<Column<T> | false>;
  minWidth: number;
  label?: string;
  /** A breakpoint below which the page shows its phone layout instead. */
  visibleFrom?: 'xs' | 'sm' | 'md';
  /**
   * For a table that stays on phones and scrolls sideways there: the scroller takes the keyboard's
   * focus (arrow keys scroll it) and is named by `label`.
   */
  isKeyboardScrollable?: boolean;
}) {
  const shown = columns.filter((column): column is Column<T> => column !== false);
  return (
    <Table.ScrollContainer
      minWidth={minWidth}
      visibleFrom={visibleFrom}
      scrollAreaProps={
        isKeyboardScrollable
          ? { viewportProps: { tabIndex: 0, role: 'region', 'aria-label': label } }
          : undefined
      }
    >
      <Table verticalSpacing="sm" highlightOnHover className="ze-table-glass" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {shown.map((column) => (
              <Table.Th key={column.header} ta={column.align} w={column.width}>
                {column.isHeaderHidden ? <VisuallyHidden>{column.header}</VisuallyHidden> : column.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={rowKey(item)}>
              {shown.map((column) => (
                <Table.Td key={column.header} ta={column.align}>
                  {column.cell(item)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

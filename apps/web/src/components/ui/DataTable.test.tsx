import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { DataTable } from './DataTable';

describe('DataTable', () => {
  it('gives every column header a name, an actions column one read by screen readers only', () => {
    renderWithProviders(
      <DataTable
        label="Orders"
        items={[{ id: 'o-1', buyer: 'Ada Lovelace' }]}
        rowKey={(order) => order.id}
        minWidth={400}
        columns={[
          { header: 'Buyer', cell: (order) => order.buyer },
          { header: 'Actions', isHeaderHidden: true, cell: () => <button type="button">Refund</button> },
        ]}
      />,
    );
    const headers = screen.getAllByRole('columnheader');
    expect(headers.map((header) => header.textContent)).toEqual(['Buyer', 'Actions']);
    expect(screen.getByRole('columnheader', { name: 'Actions' })).toBeInTheDocument();
  });
});

import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { RefundProgress } from './RefundProgress';

describe('RefundProgress', () => {
  it('shows how many refunds of a cancelled event are done, as an accessible progress bar', () => {
    renderWithProviders(
      <RefundProgress event={{ status: 'cancelled', refundsPending: 28, refundsDone: 12 }} />,
    );
    expect(screen.getByText('Refunding orders: 12 of 40 done')).toBeInTheDocument();
    const bar = screen.getByRole('progressbar', { name: 'Refunding orders: 12 of 40 done' });
    expect(bar).toHaveAttribute('aria-valuenow', '30');
  });

  it('says when every refund went through', () => {
    renderWithProviders(
      <RefundProgress event={{ status: 'cancelled', refundsPending: 0, refundsDone: 40 }} />,
    );
    expect(screen.getByRole('progressbar', { name: 'All 40 orders refunded' })).toHaveAttribute(
      'aria-valuenow',
      '100',
    );
  });

  it('speaks of one order as one', () => {
    renderWithProviders(
      <RefundProgress event={{ status: 'cancelled', refundsPending: 0, refundsDone: 1 }} />,
    );
    expect(screen.getByRole('progressbar', { name: 'The paid order is refunded' })).toBeInTheDocument();
  });

  it('shows nothing when there is nothing to refund', () => {
    const { container } = renderWithProviders(
      <RefundProgress event={{ status: 'cancelled', refundsPending: 0, refundsDone: 0 }} />,
    );
    expect(container.querySelector('[data-testid="refund-progress"]')).toBeNull();
    renderWithProviders(<RefundProgress event={{ status: 'published', refundsPending: 0 }} />);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});

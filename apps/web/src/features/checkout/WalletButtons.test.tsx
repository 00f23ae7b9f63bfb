import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, serveApi } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { WalletButtons } from './WalletButtons';

const TICKET_ID = '5d0c1d9e-7a8b-4c3d-9e2f-1a2b3c4d5e6f';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('WalletButtons', () => {
  it('shows nothing when the server has no wallet set up', async () => {
    const fetchMock = serveApi({
      'GET /api/public/wallet-config': () => json(200, { apple: false, google: false }),
    });
    renderWithProviders(<WalletButtons ticketId={TICKET_ID} code="AB12-CD34" token="t" />);
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('links the Apple pass with the token and opens the Google link fetched on the click', async () => {
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    serveApi({
      'GET /api/public/wallet-config': () => json(200, { apple: true, google: true }),
      [`GET /api/tickets/${TICKET_ID}/google-wallet?token=a%2Fb`]: () =>
        json(200, { url: 'https://pay.google.com/gp/v/save/jwt' }),
    });
    renderWithProviders(<WalletButtons ticketId={TICKET_ID} code="AB12-CD34" token="a/b" />);
    expect(
      await screen.findByRole('link', { name: 'Add to Apple Wallet: ticket AB12-CD34' }),
    ).toHaveAttribute('href', `/api/tickets/${TICKET_ID}/pass.pkpass?token=a%2Fb`);
    await userEvent.click(screen.getByRole('button', { name: 'Save to Google Wallet: ticket AB12-CD34' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('https://pay.google.com/gp/v/save/jwt'));
  });
});

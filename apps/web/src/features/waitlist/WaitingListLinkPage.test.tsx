import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, serveApi } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import WaitingListLinkPage from './WaitingListLinkPage';

const ENTRY = '4f7c2d3e-0000-4000-8000-000000000001';
const LEAVE = `DELETE /api/public/waiting-list/${ENTRY}?token=t0k`;
const DECLINE = `POST /api/public/waiting-list/${ENTRY}/decline?token=t0k`;

function renderPage(action: string, routes: Record<string, () => Response>) {
  const fetchMock = serveApi(routes);
  renderWithProviders(
    <Routes>
      <Route path="/waiting-list/:entryId" element={<WaitingListLinkPage />} />
    </Routes>,
    { route: `/waiting-list/${ENTRY}?token=t0k&action=${action}` },
  );
  return { fetchMock, user: userEvent.setup({ delay: null }) };
}

afterEach(() => vi.unstubAllGlobals());

describe('WaitingListLinkPage', { timeout: 20_000 }, () => {
  it('leaves the list only once the person confirms', async () => {
    const { fetchMock, user } = renderPage('leave', { [LEAVE]: () => json(204, null) });
    expect(fetchMock).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Leave the waiting list' }));
    expect(await screen.findByRole('heading', { name: 'You left the waiting list' })).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('declines an offer', async () => {
    const { user } = renderPage('decline', { [DECLINE]: () => json(204, null) });
    await user.click(screen.getByRole('button', { name: 'Decline the offer' }));
    expect(
      await screen.findByRole('heading', { name: 'Offer declined: the tickets go to the next person' }),
    ).toBeInTheDocument();
  });

  it('says when the link is no longer valid', async () => {
    const { user } = renderPage('leave', {
      [LEAVE]: () => json(404, { code: 'NOT_FOUND', detail: 'Waiting list entry not found' }),
    });
    await user.click(screen.getByRole('button', { name: 'Leave the waiting list' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This link is no longer valid');
  });

  it('says when there is no offer left to decline', async () => {
    const { user } = renderPage('decline', {
      [DECLINE]: () => json(409, { code: 'ORDER_NOT_CANCELLABLE', detail: 'No open offer' }),
    });
    await user.click(screen.getByRole('button', { name: 'Decline the offer' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('There is no open offer to decline any more');
  });

  it('refuses a link without a known action', () => {
    renderPage('explode', {});
    expect(screen.getByRole('heading', { name: 'This link is no longer valid' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /leave|decline/i })).not.toBeInTheDocument();
  });
});

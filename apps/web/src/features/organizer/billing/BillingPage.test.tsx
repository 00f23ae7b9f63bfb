import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MemberRole } from '@zevents/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, serveApi } from '../../../test/fake-api';
import { renderWithProviders } from '../../../test/render';
import { CurrentOrganizationProvider } from '../layout/current-organization';
import { browserTimeZone } from '../lib/zoned-time';
import { emptyBillingProfile, taxRateFixture } from './billing-fixtures';
import BillingPage from './BillingPage';

const RATES = '/api/organizations/org-1/tax-rates';
const PROFILE = '/api/organizations/org-1/billing';

const inUse = taxRateFixture({ id: 'rate-1', name: 'VAT 19%', inUse: true });
const salesTax = taxRateFixture({ id: 'rate-2', name: 'Sales tax', rateBasisPoints: 725, inclusive: false });

function renderPage(role: MemberRole = 'owner') {
  renderWithProviders(
    <CurrentOrganizationProvider
      organizations={[{ id: 'org-1', name: 'Nightfall Events', slug: 'nightfall-events', role }]}
    >
      <BillingPage />
    </CurrentOrganizationProvider>,
  );
  return userEvent.setup({ delay: null });
}

const rowOf = async (name: string) =>
  within(await screen.findByRole('table', { name: 'Tax rates' }))
    .getAllByRole('row')
    .find((row) => row.textContent?.includes(name)) as HTMLElement;

afterEach(() => vi.unstubAllGlobals());

describe('BillingPage', { timeout: 20_000 }, () => {
  it('lists the rates as percentages with how they apply, their status and whether orders used them', async () => {
    serveApi({
      [`GET ${RATES}`]: () =>
        json(200, {
          items: [
            inUse,
            salesTax,
            taxRateFixture({ id: 'r3', name: 'Old VAT', retiredAt: '2030-01-02T00:00:00Z' }),
          ],
        }),
      [`GET ${PROFILE}`]: () => json(200, emptyBillingProfile()),
    });
    renderPage();
    const vat = await rowOf('VAT 19%');
    expect(vat).toHaveTextContent('19%');
    expect(vat).toHaveTextContent('Included in price');
    expect(within(vat).getByText('Active')).toBeInTheDocument();
    expect(within(vat).getByText('In use')).toBeInTheDocument();
    const sales = await rowOf('Sales tax');
    expect(sales).toHaveTextContent('7.25%');
    expect(sales).toHaveTextContent('Added on top');
    expect(within(sales).queryByText('In use')).not.toBeInTheDocument();
    expect(within(await rowOf('Old VAT')).getByText('Retired')).toBeInTheDocument();
  });

  it('adds a rate typed as a percentage, sent in exact basis points', async () => {
    const fetchMock = serveApi({
      [`GET ${RATES}`]: () => json(200, { items: [] }),
      [`GET ${PROFILE}`]: () => json(200, emptyBillingProfile()),
      [`POST ${RATES}`]: () => json(201, salesTax),
    });
    const user = renderPage();
    const form = await screen.findByRole('form', { name: 'Add a tax rate' });
    await user.type(within(form).getByLabelText(/^Name/), 'Sales tax');
    await user.type(within(form).getByLabelText(/^Rate/), '7.29');
    await user.click(within(form).getByRole('radio', { name: 'Added on top' }));
    await user.click(within(form).getByRole('button', { name: 'Add rate' }));
    await waitFor(() =>
      expect(fetchMock).toHaveBeenCalledWith(
        RATES,
        expect.objectContaining({
          method: 'POST',
          body: JSON.stringify({ name: 'Sales tax', rateBasisPoints: 729, inclusive: false }),
        }),
      ),
    );
  });

  it('locks the rate of a rate in use, and sends only the new name', async () => {
    const fetchMock = serveApi({
      [`GET ${RATES}`]: () => json(200, { items: [inUse] }),
      [`GET ${PROFILE}`]: () => json(200, emptyBillingProfile()),
      ['PATCH /api/tax-rates/rate-1']: () => json(200, { ...inUse, name: 'VAT standard' }),
    });
    const user = renderPage();
    await user.click(within(await rowOf('VAT 19%')).getByRole('button', { name: 'Edit VAT 19%' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit VAT 19%' });
    expect(within(dialog).getByLabelText(/^Rate/)).toBeDisabled();
    expect(within(dialog).getByRole('radio', { name: 'Added on top' })).toBeDisabled();
    expect(dialog).toHaveTextContent('Orders were priced with it: retire it and add a new rate');
    const name = within(dialog).getByLabelText(/^Name/);
    await user.clear(name);
    await user.type(name, 'VAT standard');
    await user.click(within(dialog).getByRole('button', { name: 'Save rate' }));
    await waitFor(() =>
      expect(fetchMock).toHaveBeenCalledWith(
        '/api/tax-rates/rate-1',
        expect.objectContaining({ method: 'PATCH', body: JSON.stringify({ name: 'VAT standard' }) }),
      ),
    );
  });

  it('shows the problem’s detail when the rate turned out to be in use meanwhile', async () => {
    serveApi({
      [`GET ${RATES}`]: () => json(200, { items: [salesTax] }),
      [`GET ${PROFILE}`]: () => json(200, emptyBillingProfile()),
      ['PATCH /api/tax-rates/rate-2']: () =>
        json(409, {
          status: 409,
          code: 'TAX_RATE_IN_USE',
          detail: 'Orders were priced with this rate: retire it and create a new one instead of changing it',
        }),
    });
    const user = renderPage();
    await user.click(within(await rowOf('Sales tax')).getByRole('button', { name: 'Edit Sales tax' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Sales tax' });
    const rate = within(dialog).getByLabelText(/^Rate/);
    await user.clear(rate);
    await user.type(rate, '8');
    await user.click(within(dialog).getByRole('button', { name: 'Save rate' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Orders were priced with this rate: retire it and create a new one instead of changing it',
    );
  });

  it('words the delete confirmation by whether orders used the rate', async () => {
    const fetchMock = serveApi({
      [`GET ${RATES}`]: () => json(200, { items: [inUse, salesTax] }),
      [`GET ${PROFILE}`]: () => json(200, emptyBillingProfile()),
      ['DELETE /api/tax-rates/rate-1']: () => json(204, null),
    });
    const user = renderPage();
    await user.click(within(await rowOf('Sales tax')).getByRole('button', { name: 'Delete Sales tax' }));
    const unused = await screen.findByRole('dialog', { name: 'Delete Sales tax?' });
    expect(unused).toHaveTextContent('deleted for good');
    await user.click(within(unused).getByRole('button', { name: 'Keep as is' }));

    await user.click(within(await rowOf('VAT 19%')).getByRole('button', { name: 'Delete VAT 19%' }));
    const used = await screen.findByRole('dialog', { name: 'Retire VAT 19% instead?' });
    expect(used).toHaveTextContent('cannot be deleted');
    expect(fetchMock).not.toHaveBeenCalledWith('/api/tax-rates/rate-1', expect.anything());
    await user.click(within(used).getByRole('button', { name: 'Retire rate' }));
    await waitFor(() =>
      expect(fetchMock).toHaveBeenCalledWith(
        '/api/tax-rates/rate-1',
        expect.objectContaining({ method: 'DELETE' }),
      ),
    );
  });

  it('previews the invoice number and puts the API’s field errors on the fields', async () => {
    const fetchMock = serveApi({
      [`GET ${RATES}`]: () => json(200, { items: [] }),
      [`GET ${PROFILE}`]: () => json(200, emptyBillingProfile()),
      [`PUT ${PROFILE}`]: () =>
        json(422, {
          status: 422,
          code: 'VALIDATION_FAILED',
          detail: 'Invalid request',
          errors: [{ path: 'taxId', message: 'not a VAT number this country issues' }],
        }),
    });
    const user = renderPage();
    const form = await screen.findByRole('form', { name: 'Billing profile' });
    await user.type(within(form).getByLabelText(/^Legal name/), 'Nightfall Events Ltd');
    await user.type(within(form).getByLabelText(/^Address/), '1 Quay Street{enter}Bristol');
    await user.type(within(form).getByLabelText(/^Tax id/), 'XX1');
    await user.type(within(form).getByLabelText(/^Invoice prefix/), 'nf');
    expect(within(form).getByLabelText(/^Invoice prefix/)).toHaveValue('NF');
    expect(within(form).getByText(`NF-${new Date().getFullYear()}-000123`)).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Save billing profile' }));
    expect(await within(form).findByText('Not a VAT number this country issues')).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledWith(
      PROFILE,
      expect.objectContaining({
        method: 'PUT',
        body: JSON.stringify({
          legalName: 'Nightfall Events Ltd',
          address: '1 Quay Street\nBristol',
          taxId: 'XX1',
          invoicePrefix: 'NF',
          footer: null,
          // An unsaved profile offers the browser's zone rather than the API's UTC.
          timezone: browserTimeZone(),
        }),
      }),
    );
  });

  it('refuses a prefix the API would, before sending', async () => {
    const fetchMock = serveApi({
      [`GET ${RATES}`]: () => json(200, { items: [] }),
      [`GET ${PROFILE}`]: () => json(200, emptyBillingProfile()),
    });
    const user = renderPage();
    const form = await screen.findByRole('form', { name: 'Billing profile' });
    await user.type(within(form).getByLabelText(/^Invoice prefix/), 'N-F');
    await user.click(within(form).getByRole('button', { name: 'Save billing profile' }));
    expect(await within(form).findByText('1 to 12 capital letters or digits, e.g. NF')).toBeInTheDocument();
    expect(within(form).getByText('Enter the name you trade under, as registered')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalledWith(PROFILE, expect.objectContaining({ method: 'PUT' }));
  });

  it('shows staff the rates and the profile to read, with nothing to change', async () => {
    serveApi({
      [`GET ${RATES}`]: () => json(200, { items: [inUse] }),
      [`GET ${PROFILE}`]: () =>
        json(200, {
          ...emptyBillingProfile(),
          configured: true,
          legalName: 'Nightfall Events Ltd',
          address: '1 Quay Street\nBristol',
          invoicePrefix: 'NF',
          timezone: 'America/New_York',
          updatedAt: '2030-01-01T10:00:00Z',
        }),
    });
    renderPage('staff');
    expect(await screen.findByText(/you can read these settings/)).toBeInTheDocument();
    const vat = await rowOf('VAT 19%');
    expect(within(vat).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(await screen.findByText('Nightfall Events Ltd')).toBeInTheDocument();
    expect(screen.getByText(/^NF-\d{4}-000123$/)).toBeInTheDocument();
    expect(screen.getByText('America/New York')).toBeInTheDocument();
  });
});

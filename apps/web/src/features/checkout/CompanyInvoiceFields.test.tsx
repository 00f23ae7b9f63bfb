import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { OrderDetails } from '@zevents/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, serveApi } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { billingOf, CompanyInvoiceFields } from './CompanyInvoiceFields';

const ORDER_ID = '5b1c8f0e-2a3d-4e5f-8a9b-0c1d2e3f4a5b';

const details = (billing: OrderDetails['billing']): OrderDetails => ({
  orderId: ORDER_ID,
  buyer: { name: 'Ada', email: 'ada@example.com' },
  answers: {},
  attendees: [],
  questions: [],
  attendeeFields: { names: false, emails: false },
  billing,
  complete: true,
  missing: [],
});

afterEach(() => vi.unstubAllGlobals());

describe('CompanyInvoiceFields', () => {
  it('asks for the company only when wanted, refuses it empty and saves what was typed', async () => {
    const company = { companyName: 'Analytical Engines Ltd', address: '12 St James Sq', taxId: 'GB999' };
    const fetchMock = serveApi({
      [`PUT /api/orders/${ORDER_ID}/details?token=tok`]: () => json(200, details(company)),
    });
    const user = userEvent.setup();
    renderWithProviders(<CompanyInvoiceFields orderId={ORDER_ID} token="tok" details={details(null)} />);
    expect(screen.queryByLabelText(/Company name/)).not.toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'I need an invoice for a company' }));
    await user.click(screen.getByRole('button', { name: 'Save invoice details' }));
    expect(await screen.findByText('Enter the company name the invoice should show')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText(/Company name/), company.companyName);
    await user.type(screen.getByLabelText('Company address'), company.address);
    await user.type(screen.getByLabelText('VAT or tax ID'), company.taxId);
    await user.click(screen.getByRole('button', { name: 'Save invoice details' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const init = fetchMock.mock.calls[0]?.[1];
    expect(JSON.parse(String(init?.body))).toEqual({ billing: company });
  });

  it('leaves out the parts left empty; unticked, it invoices the buyer', () => {
    expect(billingOf({ wanted: true, companyName: ' Acme ', address: ' ', taxId: '' })).toEqual({
      companyName: 'Acme',
    });
    expect(billingOf({ wanted: false, companyName: 'Acme', address: '', taxId: '' })).toBeNull();
  });
});

describe('CompanyInvoiceFields, saved', () => {
  it('says whom the invoice names, whatever order the server lists the fields in', () => {
    serveApi({});
    renderWithProviders(
      <CompanyInvoiceFields
        orderId={ORDER_ID}
        token="tok"
        details={details({ taxId: 'GB999', address: '12 St James Sq', companyName: 'Acme Ltd' })}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('The invoice will name Acme Ltd');
    expect(screen.getByRole('button', { name: 'Save invoice details' })).toBeDisabled();
  });
});

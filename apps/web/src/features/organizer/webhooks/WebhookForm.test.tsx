import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WEBHOOK_EVENT_TYPES, type CreateWebhookBody, type UpdateWebhookBody } from '@zevents/contracts';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/client';
import { renderWithProviders } from '../../../test/render';
import { webhookFixture } from './webhook-fixtures';
import { WebhookForm } from './WebhookForm';

const urlField = () => screen.getByRole('textbox', { name: /Endpoint URL/ });
const events = () => screen.getByRole('group', { name: /Events/ });
const eventBox = (type: string) => within(events()).getByRole('checkbox', { name: new RegExp(`^${type}`) });

function renderCreate(onSubmit = vi.fn<(body: CreateWebhookBody) => Promise<unknown>>()) {
  onSubmit.mockResolvedValue(undefined);
  renderWithProviders(<WebhookForm onSubmit={onSubmit} />);
  return { onSubmit, user: userEvent.setup({ delay: null }) };
}

function renderEdit(
  existing = webhookFixture(),
  onSubmit = vi.fn<(body: UpdateWebhookBody) => Promise<unknown>>().mockResolvedValue(undefined),
) {
  renderWithProviders(<WebhookForm webhook={existing} onSubmit={onSubmit} />);
  return { onSubmit, user: userEvent.setup({ delay: null }) };
}

describe('WebhookForm, adding', { timeout: 20_000 }, () => {
  it('offers every event type of the contract, each with what it means', () => {
    renderCreate();
    for (const type of WEBHOOK_EVENT_TYPES) expect(eventBox(type)).not.toBeChecked();
    expect(within(events()).getAllByRole('checkbox')).toHaveLength(WEBHOOK_EVENT_TYPES.length + 1);
    expect(screen.getByText('A ticket was scanned in at the door (its first scan)')).toBeInTheDocument();
  });

  it('says what is missing before sending anything', async () => {
    const { onSubmit, user } = renderCreate();
    await user.click(screen.getByRole('button', { name: 'Add webhook' }));
    expect(await screen.findByText('Enter the address that receives the events')).toBeInTheDocument();
    expect(screen.getByText('Pick at least one event')).toBeInTheDocument();
    expect(urlField()).toHaveAttribute('aria-invalid', 'true');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('refuses an address that is not a full http(s) URL', async () => {
    const { onSubmit, user } = renderCreate();
    await user.type(urlField(), 'crm.example.com/hooks');
    await user.click(eventBox('order.paid'));
    await user.click(screen.getByRole('button', { name: 'Add webhook' }));
    expect(
      await screen.findByText('A full web address, starting with https:// (or http://)'),
    ).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends the URL, the ticked types in the API’s order, and the description', async () => {
    const { onSubmit, user } = renderCreate();
    await user.type(urlField(), '  https://crm.example.com/hooks ');
    await user.type(screen.getByRole('textbox', { name: /Description/ }), 'CRM sync');
    await user.click(eventBox('ticket.checked_in'));
    await user.click(eventBox('order.paid'));
    await user.click(screen.getByRole('button', { name: 'Add webhook' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        url: 'https://crm.example.com/hooks',
        events: ['order.paid', 'ticket.checked_in'],
        active: true,
        description: 'CRM sync',
      }),
    );
  });

  it('"Select all" ticks every type (and clears them again); without a description none is sent', async () => {
    const { onSubmit, user } = renderCreate();
    const selectAll = within(events()).getByRole('checkbox', { name: 'Select all' });
    await user.click(eventBox('order.paid'));
    expect(selectAll).not.toBeChecked();
    expect(selectAll).toHaveAttribute('data-indeterminate', 'true');
    await user.click(selectAll);
    for (const type of WEBHOOK_EVENT_TYPES) expect(eventBox(type)).toBeChecked();
    await user.click(selectAll);
    expect(eventBox('order.paid')).not.toBeChecked();
    await user.click(selectAll);
    await user.type(urlField(), 'https://books.example.com/in');
    await user.click(screen.getByRole('button', { name: 'Add webhook' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        url: 'https://books.example.com/in',
        events: [...WEBHOOK_EVENT_TYPES],
        active: true,
      }),
    );
  });

  it('puts the API’s problem+json field errors on the fields, and other refusals above the buttons', async () => {
    const onSubmit = vi
      .fn<(body: CreateWebhookBody) => Promise<unknown>>()
      .mockRejectedValueOnce(
        new ApiError(422, {
          status: 422,
          code: 'VALIDATION_FAILED',
          detail: 'The request body is invalid',
          errors: [
            { path: 'url', message: 'must be http or https' },
            { path: 'events.0', message: 'unknown event type' },
          ],
        }),
      )
      .mockRejectedValueOnce(
        new ApiError(422, {
          status: 422,
          code: 'WEBHOOK_LIMIT_REACHED',
          detail: 'An organization has at most 20 webhooks; delete one first',
        }),
      );
    const { user } = renderCreate(onSubmit);
    await user.type(urlField(), 'https://crm.example.com/hooks');
    await user.click(eventBox('order.paid'));
    await user.click(screen.getByRole('button', { name: 'Add webhook' }));
    expect(await screen.findByText('Must be http or https')).toBeInTheDocument();
    expect(urlField()).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Unknown event type')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add webhook' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'An organization has at most 20 webhooks; delete one first',
    );
  });
});

describe('WebhookForm, editing', { timeout: 20_000 }, () => {
  it('shows the endpoint as it is', () => {
    renderEdit();
    expect(urlField()).toHaveValue('https://crm.example.com/hooks');
    expect(eventBox('order.created')).toBeChecked();
    expect(eventBox('order.paid')).toBeChecked();
    expect(eventBox('order.refunded')).not.toBeChecked();
  });

  it('sends only what changed; an emptied description is removed (null)', async () => {
    const { onSubmit, user } = renderEdit();
    await user.clear(screen.getByRole('textbox', { name: /Description/ }));
    await user.click(eventBox('order.refunded'));
    await user.click(screen.getByRole('button', { name: 'Save webhook' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        events: ['order.created', 'order.paid', 'order.refunded'],
        description: null,
      }),
    );
  });

  it('refuses an edit that leaves no event type', async () => {
    const { onSubmit, user } = renderEdit();
    await user.click(eventBox('order.created'));
    await user.click(eventBox('order.paid'));
    await user.click(screen.getByRole('button', { name: 'Save webhook' }));
    expect(await screen.findByText('Pick at least one event')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});

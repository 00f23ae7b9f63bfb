import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CreateCapacityPoolBody, ErrorCode } from '@zevents/contracts';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/client';
import { renderWithProviders } from '../../../test/render';
import { CapacityPoolForm } from './CapacityPoolForm';
import { capacityPool, EARLY_ID, REGULAR_ID, ticketType } from './catalogue-fixtures';

const TYPES = [
  ticketType({ id: EARLY_ID, name: 'Early bird', capacity: 200, sold: 30, held: 5, available: 165 }),
  ticketType({ id: REGULAR_ID, name: 'Regular', capacity: 400, sold: 10, available: 390 }),
];

const field = (label: RegExp) => screen.getByRole('textbox', { name: label });
const typesGroup = () => screen.getByRole('group', { name: /Ticket types/ });

function renderForm(
  props: Partial<Parameters<typeof CapacityPoolForm>[0]> = {},
  onSubmit = vi.fn<(body: CreateCapacityPoolBody) => Promise<unknown>>().mockResolvedValue(undefined),
) {
  renderWithProviders(<CapacityPoolForm ticketTypes={TYPES} onSubmit={onSubmit} {...props} />);
  return { onSubmit, user: userEvent.setup({ delay: null }) };
}

const refusal = (code: ErrorCode, detail: string, errors: Array<{ path: string; message: string }>) =>
  vi.fn().mockRejectedValue(new ApiError(422, { status: 422, code, detail, errors }));

describe('CapacityPoolForm, adding', { timeout: 20_000 }, () => {
  it('asks for a name, a capacity and at least one ticket type before sending anything', async () => {
    const { onSubmit, user } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Add shared capacity' }));
    expect(await screen.findByText('Name the pool, e.g. "Main hall"')).toBeInTheDocument();
    expect(screen.getByText('Enter how many tickets the chosen types can sell together')).toBeInTheDocument();
    expect(screen.getByText('Pick at least one ticket type')).toBeInTheDocument();
    expect(typesGroup()).toHaveAccessibleDescription(/Pick at least one ticket type/);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends the trimmed name, the capacity as a number and the checked types', async () => {
    const { onSubmit, user } = renderForm();
    await user.type(field(/Name/), '  Main hall ');
    await user.type(field(/Capacity/), '500');
    await user.click(within(typesGroup()).getByRole('checkbox', { name: 'Early bird' }));
    await user.click(within(typesGroup()).getByRole('checkbox', { name: 'Regular' }));
    await user.click(screen.getByRole('button', { name: 'Add shared capacity' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        name: 'Main hall',
        capacity: 500,
        ticketTypeIds: [EARLY_ID, REGULAR_ID],
      }),
    );
  });

  it('refuses a capacity below what the checked types already sold or hold', async () => {
    const { onSubmit, user } = renderForm();
    await user.type(field(/Name/), 'Main hall');
    await user.type(field(/Capacity/), '40');
    await user.click(screen.getByRole('checkbox', { name: 'Early bird' }));
    await user.click(screen.getByRole('checkbox', { name: 'Regular' }));
    expect(field(/Capacity/)).toHaveAccessibleDescription('The chosen types already have 45 sold or held');
    await user.click(screen.getByRole('button', { name: 'Add shared capacity' }));
    expect(
      await screen.findByText('At least 45: the chosen types already have that many sold or held'),
    ).toBeInTheDocument();
    expect(field(/Capacity/)).toHaveAttribute('aria-invalid', 'true');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('puts the API’s field errors on their fields', async () => {
    const { user } = renderForm(
      {},
      refusal('VALIDATION_FAILED', 'The request is invalid', [{ path: 'name', message: 'already used' }]),
    );
    await user.type(field(/Name/), 'Main hall');
    await user.type(field(/Capacity/), '500');
    await user.click(screen.getByRole('checkbox', { name: 'Regular' }));
    await user.click(screen.getByRole('button', { name: 'Add shared capacity' }));
    expect(await screen.findByText('Already used')).toBeInTheDocument();
    expect(field(/Name/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says a ticket type of another event on the ticket types', async () => {
    const { user } = renderForm(
      {},
      refusal('TICKET_TYPE_NOT_IN_EVENT', 'A ticket type does not belong to this event', [
        { path: 'ticketTypeIds', message: 'every id must be a ticket type of this event' },
      ]),
    );
    await user.type(field(/Name/), 'Main hall');
    await user.type(field(/Capacity/), '500');
    await user.click(screen.getByRole('checkbox', { name: 'Regular' }));
    await user.click(screen.getByRole('button', { name: 'Add shared capacity' }));
    expect(await screen.findByText('Every id must be a ticket type of this event')).toBeInTheDocument();
    expect(typesGroup()).toHaveAccessibleDescription(/Every id must be a ticket type of this event/);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('CapacityPoolForm, editing', { timeout: 20_000 }, () => {
  const pool = capacityPool({ capacity: 300, ticketTypeIds: [EARLY_ID], sold: 30, held: 5, available: 265 });

  it('shows the pool as stored and sends it whole', async () => {
    const { onSubmit, user } = renderForm({ pool });
    expect(field(/Name/)).toHaveValue('Main hall');
    expect(field(/Capacity/)).toHaveValue('300');
    expect(screen.getByRole('checkbox', { name: 'Early bird' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Regular' })).not.toBeChecked();
    await user.click(screen.getByRole('checkbox', { name: 'Regular' }));
    await user.click(screen.getByRole('button', { name: 'Save shared capacity' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        name: 'Main hall',
        capacity: 300,
        ticketTypeIds: [EARLY_ID, REGULAR_ID],
      }),
    );
  });

  it('says the server’s CAPACITY_BELOW_SOLD sentence on the capacity (sales grew meanwhile)', async () => {
    const { user } = renderForm(
      { pool },
      refusal(
        'CAPACITY_BELOW_SOLD',
        'These ticket types already have 52 tickets sold and held: the capacity cannot be lower',
        [{ path: 'capacity', message: 'at least 52' }],
      ),
    );
    await user.clear(field(/Capacity/));
    await user.type(field(/Capacity/), '50');
    await user.click(screen.getByRole('button', { name: 'Save shared capacity' }));
    expect(
      await screen.findByText(
        'These ticket types already have 52 tickets sold and held: the capacity cannot be lower',
      ),
    ).toBeInTheDocument();
    expect(field(/Capacity/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CreatePromoCodeBody, UpdatePromoCodeBody } from '@zevents/contracts';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/client';
import { renderWithProviders } from '../../../test/render';
import { promoCode, ticketType } from './catalogue-fixtures';
import { PromoCodeForm } from './PromoCodeForm';

const field = (label: RegExp) => screen.getByRole('textbox', { name: label });

function renderEdit(
  onSubmit = vi.fn<(body: UpdatePromoCodeBody) => Promise<unknown>>().mockResolvedValue(undefined),
) {
  renderWithProviders(
    <PromoCodeForm
      currency="EUR"
      timeZone="Europe/Paris"
      ticketTypes={[ticketType()]}
      promoCode={promoCode({ percentOff: null, amountOffCents: 500, uses: 4, maxUses: 10 })}
      onSubmit={onSubmit}
    />,
  );
  return { onSubmit, user: userEvent.setup({ delay: null }) };
}

describe('PromoCodeForm, creating', { timeout: 20_000 }, () => {
  it('says the form’s sentence on the code when the contract refuses it', async () => {
    const onSubmit = vi.fn<(body: CreatePromoCodeBody) => Promise<unknown>>().mockResolvedValue(undefined);
    renderWithProviders(
      <PromoCodeForm currency="EUR" timeZone="Europe/Paris" ticketTypes={[]} onSubmit={onSubmit} />,
    );
    const user = userEvent.setup({ delay: null });
    await user.type(field(/Code/), 'TEN OFF');
    await user.type(field(/Percent off/), '10');
    await user.click(screen.getByRole('button', { name: 'Create promo code' }));
    expect(await screen.findByText('Letters, digits, dash and underscore only')).toBeInTheDocument();
    expect(field(/Code/)).toHaveAttribute('aria-invalid', 'true');
    expect(onSubmit).not.toHaveBeenCalled();
  });
});

describe('PromoCodeForm, editing', { timeout: 20_000 }, () => {
  it('shows the stored code, locked, with its amount in currency units', () => {
    renderEdit();
    expect(field(/Code/)).toHaveValue('EARLY');
    expect(field(/Code/)).toBeDisabled();
    expect(field(/Amount off/)).toHaveValue('5');
  });

  it('sends nothing but an empty edit when nothing changed', async () => {
    const { onSubmit, user } = renderEdit();
    await user.click(screen.getByRole('button', { name: 'Save promo code' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({}));
  });

  it('refuses maximum uses below the uses so far before sending', async () => {
    const { onSubmit, user } = renderEdit();
    await user.clear(field(/Maximum uses/));
    await user.type(field(/Maximum uses/), '3');
    await user.click(screen.getByRole('button', { name: 'Save promo code' }));
    expect(await screen.findByText('At least 4: it was already used that many times')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('clearing maximum uses sends null (unlimited); a new discount kind replaces the old', async () => {
    const { onSubmit, user } = renderEdit();
    await user.clear(field(/Maximum uses/));
    await user.click(screen.getByRole('radio', { name: 'Percent off' }));
    await user.type(field(/Percent off/), '15');
    await user.click(screen.getByRole('button', { name: 'Save promo code' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ percentOff: 15, maxUses: null }));
  });

  it('puts a refusal of the server (uses grew meanwhile) on the maximum uses field', async () => {
    const { user } = renderEdit(
      vi.fn().mockRejectedValue(
        new ApiError(422, {
          status: 422,
          code: 'MAX_USES_BELOW_USES',
          detail: 'EARLY is already used 6 times',
          errors: [{ path: 'maxUses', message: 'must be at least 6 (uses so far)' }],
        }),
      ),
    );
    await user.clear(field(/Maximum uses/));
    await user.type(field(/Maximum uses/), '5');
    await user.click(screen.getByRole('button', { name: 'Save promo code' }));
    expect(await screen.findByText('Must be at least 6 (uses so far)')).toBeInTheDocument();
    expect(field(/Maximum uses/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

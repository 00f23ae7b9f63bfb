import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CreateEventBody, UpdateEventBody } from '@zevents/contracts';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { event } from './catalogue-fixtures';
import { EventDetailsForm } from './EventDetailsForm';

function renderForm(overrides: Parameters<typeof event>[0] = {}) {
  const onSubmit = vi
    .fn<(body: CreateEventBody | UpdateEventBody) => Promise<unknown>>()
    .mockResolvedValue(undefined);
  renderWithProviders(<EventDetailsForm event={event(overrides)} submitLabel="Save" onSubmit={onSubmit} />);
  return { onSubmit, user: userEvent.setup({ delay: null }) };
}

describe('EventDetailsForm', { timeout: 20_000 }, () => {
  it('says the form’s sentence on the title when the contract refuses it', async () => {
    const { onSubmit, user } = renderForm();
    const title = screen.getByRole('textbox', { name: /Title/ });
    await user.clear(title);
    await user.type(title, '   ');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Give the event a title')).toBeInTheDocument();
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('says the form’s sentence on the end when the event lasts longer than the contract allows', async () => {
    const { onSubmit, user } = renderForm({
      startsAt: '2027-03-14T18:00:00.000Z',
      endsAt: '2028-06-14T18:00:00.000Z',
      timezone: 'Europe/Paris',
    });
    await user.type(screen.getByRole('textbox', { name: /Title/ }), ' II');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('An event lasts at most 366 days')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends only what changed', async () => {
    const { onSubmit, user } = renderForm({ title: 'Night Jazz' });
    await user.type(screen.getByRole('textbox', { name: /Title/ }), ' II');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ title: 'Night Jazz II' }));
  });

  it('asks the join link of an online event, hides the venue, and sends the discovery fields', async () => {
    const { onSubmit, user } = renderForm({ venue: null });
    expect(screen.queryByRole('textbox', { name: /Online link/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Online' }));
    const link = await screen.findByRole('textbox', { name: /Online link/ });
    expect(screen.getByText(/Shown only to ticket holders/)).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: /Venue/ })).not.toBeInTheDocument();
    await user.type(link, 'https://meet.example.com/jazz');
    await user.type(screen.getByRole('textbox', { name: /City/ }), '  Lyon ');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        kind: 'online',
        onlineUrl: 'https://meet.example.com/jazz',
        city: 'Lyon',
      }),
    );
  });

  it('says what a join link must look like', async () => {
    const { onSubmit, user } = renderForm({ kind: 'hybrid' });
    await user.type(screen.getByRole('textbox', { name: /Online link/ }), 'meet me at the bar');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText('A web address starting with https://, up to 500 characters'),
    ).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('drops the link of an event turned in person, and offers the four languages', async () => {
    const { onSubmit, user } = renderForm({ kind: 'online', onlineUrl: 'https://meet.example.com/a' });
    await user.click(screen.getByRole('radio', { name: 'In person' }));
    await user.click(screen.getByRole('combobox', { name: /Language of emails and tickets/ }));
    for (const name of ['English', 'Deutsch', 'Français', 'Español'])
      expect(await screen.findByRole('option', { name, hidden: true })).toBeInTheDocument();
    await user.click(screen.getByRole('option', { name: 'Deutsch', hidden: true }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({ kind: 'in_person', onlineUrl: null, language: 'de' }),
    );
  });
});

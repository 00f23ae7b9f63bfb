import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, serveApi } from '../../../test/fake-api';
import { renderWithProviders } from '../../../test/render';
import { EVENT_ID, event } from './catalogue-fixtures';
import { RemindersSection } from './RemindersSection';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('RemindersSection', { timeout: 20_000 }, () => {
  it('says the form’s sentence when the contract refuses the offset in minutes', async () => {
    const fetchMock = serveApi({
      [`GET /api/events/${EVENT_ID}/reminders`]: () => json(200, { items: [], nextCursor: null }),
    });
    renderWithProviders(<RemindersSection event={event()} editable />);
    const user = userEvent.setup({ delay: null });
    const amount = await screen.findByRole('textbox', { name: 'Remind' });
    await user.clear(amount);
    // 1,500 hours is 90,000 minutes: more than the 60 days CreateReminderBody allows.
    await user.type(amount, '1500');
    await user.click(screen.getByRole('button', { name: 'Add reminder' }));
    expect(await screen.findByText('At most 60 days before')).toBeInTheDocument();
    expect(amount).toHaveAttribute('aria-invalid', 'true');
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST')).toHaveLength(0);
  });

  it('labels a reminder by its state: sent once its time has passed, scheduled before', async () => {
    // Starts in 3 hours: the day-before reminder went out, the 2-hours-before one has not yet.
    const startsAt = new Date(Date.now() + 3 * 3_600_000).toISOString();
    serveApi({
      [`GET /api/events/${EVENT_ID}/reminders`]: () =>
        json(200, {
          items: [
            { eventId: EVENT_ID, offsetMinutes: 120 },
            { eventId: EVENT_ID, offsetMinutes: 1440 },
          ],
          nextCursor: null,
        }),
    });
    renderWithProviders(<RemindersSection event={event({ startsAt })} editable={false} />);
    const items = await screen.findAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^1 day beforeSent /),
      expect.stringMatching(/^2 hours beforeScheduled for /),
    ]);
  });
});

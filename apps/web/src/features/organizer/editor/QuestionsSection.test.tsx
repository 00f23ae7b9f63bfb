import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Question } from '@zevents/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, serveApi } from '../../../test/fake-api';
import { renderWithProviders } from '../../../test/render';
import { EVENT_ID, event } from './catalogue-fixtures';
import { QuestionsSection } from './QuestionsSection';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const question = (id: string, label: string, position: number): Question => ({
  id,
  eventId: EVENT_ID,
  label,
  description: null,
  type: 'text',
  options: [],
  required: false,
  appliesTo: 'order',
  ticketTypeIds: [],
  position,
  condition: null,
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
});

describe('QuestionsSection', { timeout: 20_000 }, () => {
  it('moves a question by swapping its place with its neighbour’s', async () => {
    const fetchMock = serveApi({
      [`GET /api/events/${EVENT_ID}/questions`]: () =>
        json(200, { items: [question('q1', 'Company', 10), question('q2', 'Diet', 20)], nextCursor: null }),
      'PATCH /api/questions/q2': () => json(200, question('q2', 'Diet', 10)),
      'PATCH /api/questions/q1': () => json(200, question('q1', 'Company', 20)),
    });
    renderWithProviders(<QuestionsSection event={event()} editable />);
    const user = userEvent.setup({ delay: null });
    expect(await screen.findByRole('button', { name: 'Move Company up' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Move Diet down' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Move Diet up' }));
    await waitFor(() =>
      expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'PATCH')).toHaveLength(2),
    );
    const patches = fetchMock.mock.calls
      .filter(([, init]) => init?.method === 'PATCH')
      .map(([url, init]) => [String(url), JSON.parse(String(init?.body))]);
    expect(patches).toEqual([
      ['/api/questions/q2', { position: 10 }],
      ['/api/questions/q1', { position: 20 }],
    ]);
  });
});

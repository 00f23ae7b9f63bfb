import { screen } from '@testing-library/react';
import type { Question } from '@zevents/contracts';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { AnswerList } from './AnswerList';

const question = (id: string, label: string, type: Question['type']): Question => ({
  id,
  eventId: 'e1',
  label,
  description: null,
  type,
  options: [],
  required: false,
  appliesTo: 'attendee',
  ticketTypeIds: [],
  position: 0,
  condition: null,
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
});

describe('AnswerList', () => {
  it('says each given answer beside its question, in the questions’ order, and skips the rest', () => {
    renderWithProviders(
      <AnswerList
        questions={[
          question('q1', 'Diet', 'select'),
          question('q2', 'Workshops', 'multiselect'),
          question('q3', 'Newsletter', 'checkbox'),
          question('q4', 'Company', 'text'),
        ]}
        answers={{ q3: true, q2: ['Rust', 'SQL'], q1: 'vegan' }}
      />,
    );
    const lines = screen.getAllByRole('term').map((term) => term.parentElement?.textContent);
    expect(lines).toEqual(['Diet: vegan', 'Workshops: Rust; SQL', 'Newsletter: yes']);
    expect(screen.queryByText(/Company/)).toBeNull();
  });

  it('renders nothing without answers', () => {
    const { container } = renderWithProviders(
      <AnswerList questions={[question('q1', 'Diet', 'text')]} answers={{}} />,
    );
    expect(container.querySelector('dl')).toBeNull();
  });
});

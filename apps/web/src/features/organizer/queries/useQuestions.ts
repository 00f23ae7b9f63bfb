import { useQuery } from '@tanstack/react-query';
import type { QuestionList } from '@zevents/contracts';
import { api } from '../../../api/client';

export const questionsQueryKey = (eventId: string) => ['events', eventId, 'questions'] as const;

/** The event's checkout questions, in the order buyers see them. */
export function useQuestions(eventId: string) {
  return useQuery({
    queryKey: questionsQueryKey(eventId),
    queryFn: ({ signal }) =>
      api<QuestionList>(`/api/events/${encodeURIComponent(eventId)}/questions`, { signal }),
  });
}

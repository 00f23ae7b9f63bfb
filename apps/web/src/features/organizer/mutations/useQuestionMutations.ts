import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateQuestionBody, Question, UpdateQuestionBody } from '@zevents/contracts';
import { api } from '../../../api/client';
import { questionsQueryKey } from '../queries/useQuestions';

/** Creating, editing and deleting a question only change the event's question list. */
export function useQuestionMutations(eventId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: questionsQueryKey(eventId) });
  const path = (questionId: string) => `/api/questions/${encodeURIComponent(questionId)}`;
  return {
    create: useMutation({
      mutationFn: (body: CreateQuestionBody) =>
        api<Question>(`/api/events/${encodeURIComponent(eventId)}/questions`, { method: 'POST', body }),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ questionId, body }: { questionId: string; body: UpdateQuestionBody }) =>
        api<Question>(path(questionId), { method: 'PATCH', body }),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (questionId: string) => api<void>(path(questionId), { method: 'DELETE' }),
      onSuccess: refresh,
    }),
  };
}

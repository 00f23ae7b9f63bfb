import { Alert, Badge, Button, Divider, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconUser } from '@tabler/icons-react';
import {
  type AnswerValue,
  type Answers,
  answerProblem,
  attendeeQuestionsFor,
  isShown,
  missingDetails,
  type OrderDetails,
  type OrderDetailsBody,
  orderQuestionsFor,
  type Question,
} from '@zevents/contracts';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useSaveOrderDetails } from '../../api/useOrderDetails';
import { describeApiError } from '../../components/ui/useFormErrorResponseHandler';
import { i18n } from '../../i18n/i18n';
import { QuestionField } from './QuestionField';

interface AttendeeDraft {
  ticketTypeId: string;
  ticketId: string | null;
  name: string;
  email: string;
  answers: Answers;
}

interface Draft {
  buyerName: string;
  answers: Answers;
  attendees: AttendeeDraft[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The shared rules' answer problems (contracts), each with its words in the buyer's language. */
const ANSWER_PROBLEM_KEY: Record<string, string> = {
  'must be text of at most 1,000 characters': 'web.checkout.details.problem.textTooLong',
  'must be text': 'web.checkout.details.problem.text',
  'must be one of the options': 'web.checkout.details.problem.option',
  'must be distinct options of the list': 'web.checkout.details.problem.options',
  'must be true or false': 'web.checkout.details.problem.boolean',
  'must be an email address': 'web.checkout.details.problem.email',
  'must be a phone number': 'web.checkout.details.problem.phone',
  'must be a date (YYYY-MM-DD)': 'web.checkout.details.problem.date',
  'must be a number': 'web.checkout.details.problem.number',
};

function describeAnswerProblem(problem: string): string {
  const key = ANSWER_PROBLEM_KEY[problem];
  return key ? i18n.t(key) : problem.charAt(0).toUpperCase() + problem.slice(1);
}

function draftOf(details: OrderDetails): Draft {
  return {
    buyerName: details.buyer.name,
    answers: details.answers,
    attendees: details.attendees.map((attendee, index) => ({
      ticketTypeId: attendee.ticketTypeId,
      ticketId: attendee.ticketId,
      // Before anyone typed a name the first ticket is most likely the buyer's own.
      name: attendee.name || (index === 0 && details.attendeeFields.names ? details.buyer.name : ''),
      email: attendee.email ?? '',
      answers: attendee.answers,
    })),
  };
}

/** Only the answers of questions shown right now (a hidden question's old answer is not sent). */
function shownAnswers(questions: readonly Question[], answers: Answers, orderAnswers: Answers = {}): Answers {
  const kept: Answers = {};
  for (const question of questions) {
    const value = answers[question.id];
    if (value !== undefined && isShown(question, answers, orderAnswers)) kept[question.id] = value;
  }
  return kept;
}

function bodyOf(details: OrderDetails, draft: Draft): OrderDetailsBody {
  const types = draft.attendees.map((attendee) => attendee.ticketTypeId);
  const answers = shownAnswers(orderQuestionsFor(details.questions, types), draft.answers);
  return {
    buyer: { name: draft.buyerName.trim() },
    answers,
    attendees: draft.attendees.map((attendee) => ({
      ticketTypeId: attendee.ticketTypeId,
      ...(attendee.ticketId ? { ticketId: attendee.ticketId } : {}),
      name: attendee.name.trim(),
      ...(attendee.email.trim() ? { email: attendee.email.trim() } : {}),
      answers: shownAnswers(
        attendeeQuestionsFor(details.questions, attendee.ticketTypeId),
        attendee.answers,
        answers,
      ),
    })),
  };
}

/** Field errors by path, from the same rules the API applies (contracts). */
function validate(details: OrderDetails, draft: Draft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.buyerName.trim()) errors['buyer.name'] = i18n.t('web.checkout.details.enterName');
  const body = bodyOf(details, draft);
  const check = (questions: readonly Question[], answers: Answers, path: string) => {
    for (const question of questions) {
      const value = answers[question.id];
      const problem = value === undefined ? undefined : answerProblem(question, value);
      if (problem) errors[`${path}.${question.id}`] = describeAnswerProblem(problem);
    }
  };
  const types = draft.attendees.map((attendee) => attendee.ticketTypeId);
  check(orderQuestionsFor(details.questions, types), body.answers ?? {}, 'answers');
  (body.attendees ?? []).forEach((attendee, index) => {
    if (attendee.email && !EMAIL.test(attendee.email))
      errors[`attendees.${index}.email`] = i18n.t('web.checkout.details.enterEmail');
    check(
      attendeeQuestionsFor(details.questions, attendee.ticketTypeId),
      attendee.answers ?? {},
      `attendees.${index}.answers`,
    );
  });
  const missing = missingDetails(details.questions, details.attendeeFields, {
    answers: body.answers ?? {},
    attendees: (body.attendees ?? []).map((attendee) => ({
      ticketTypeId: attendee.ticketTypeId,
      name: attendee.name ?? '',
      email: attendee.email ?? null,
      answers: attendee.answers ?? {},
    })),
  });
  for (const { path } of missing) errors[path] ??= i18n.t('web.checkout.details.required');
  return errors;
}

interface OrderDetailsFormProps {
  details: OrderDetails;
  orderId: string;
  token: string | null;
  /** Ticket type names, for the heading of each attendee. */
  ticketTypeNames: Record<string, string>;
  /** Called after a save that left nothing missing. */
  onComplete: () => void;
  submitLabel?: string;
}

/**
 * The checkout's details step: the buyer's name, the order's questions and one card per ticket with
 * its attendee's name (and email) and per-ticket questions. Conditional questions appear as soon as
 * the answer they wait for is given; the same rules as the API say what is missing.
 */
export function OrderDetailsForm({
  details,
  orderId,
  token,
  ticketTypeNames,
  onComplete,
  submitLabel,
}: OrderDetailsFormProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(details));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useSaveOrderDetails(orderId, token);
  const types = draft.attendees.map((attendee) => attendee.ticketTypeId);
  const orderQuestions = orderQuestionsFor(details.questions, types).filter((question) =>
    isShown(question, draft.answers),
  );

  // A field's error goes as soon as the buyer changes it; the next save judges it again.
  const clearError = (path: string) =>
    setErrors((current) => {
      if (!(path in current)) return current;
      const { [path]: _cleared, ...rest } = current;
      return rest;
    });
  const setOrderAnswer = (questionId: string, value: AnswerValue | undefined) => {
    clearError(`answers.${questionId}`);
    setDraft((current) => ({ ...current, answers: withAnswer(current.answers, questionId, value) }));
  };
  const setAttendee = (index: number, change: Partial<AttendeeDraft>, path: string) => {
    clearError(`attendees.${index}.${path}`);
    setDraft((current) => ({
      ...current,
      attendees: current.attendees.map((attendee, at) =>
        at === index ? { ...attendee, ...change } : attendee,
      ),
    }));
  };

  const submit = () => {
    const found = validate(details, draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // Take the buyer to the first field that needs them, once the errors are drawn.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    save.mutate(bodyOf(details, draft), {
      onSuccess: (saved) => {
        if (saved.complete) onComplete();
        else
          setErrors(
            Object.fromEntries(saved.missing.map(({ path }) => [path, t('web.checkout.details.required')])),
          );
      },
      onError: (error) => {
        if (error instanceof ApiError)
          setErrors(Object.fromEntries(error.fieldErrors.map(({ path, message }) => [path, message])));
      },
    });
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="lg">
        <Stack gap="sm">
          <TextInput
            label={t('web.checkout.details.yourName')}
            required
            autoComplete="name"
            value={draft.buyerName}
            error={errors['buyer.name']}
            onChange={(e) => {
              const buyerName = e.currentTarget.value;
              clearError('buyer.name');
              setDraft((current) => ({ ...current, buyerName }));
            }}
          />
          <Text size="sm" c="dimmed">
            <Trans
              i18nKey="web.checkout.details.ticketsGoTo"
              values={{ email: details.buyer.email }}
              components={{ b: <strong /> }}
            />
          </Text>
          {orderQuestions.map((question) => (
            <QuestionField
              key={question.id}
              idPrefix="order"
              question={question}
              value={draft.answers[question.id]}
              onChange={(value) => setOrderAnswer(question.id, value)}
              error={errors[`answers.${question.id}`]}
            />
          ))}
        </Stack>

        {draft.attendees.map((attendee, index) => {
          const asked = attendeeQuestionsFor(details.questions, attendee.ticketTypeId).filter((question) =>
            isShown(question, attendee.answers, draft.answers),
          );
          const { names, emails } = details.attendeeFields;
          if (!names && !emails && asked.length === 0) return null;
          const headingId = `attendee-${index}-title`;
          return (
            <section
              key={attendee.ticketId ?? `${attendee.ticketTypeId}-${index}`}
              aria-labelledby={headingId}
            >
              <Divider mb="md" />
              <Group gap="xs" mb="sm">
                <IconUser size={18} aria-hidden />
                <Title order={3} size="h5" id={headingId}>
                  {t('web.checkout.details.ticketNumber', { number: index + 1 })}
                </Title>
                <Badge variant="light">
                  {ticketTypeNames[attendee.ticketTypeId] ?? t('web.checkout.details.ticket')}
                </Badge>
              </Group>
              <Stack gap="sm">
                {names && (
                  <TextInput
                    id={`attendee-${index}-name`}
                    label={t('web.checkout.details.attendeeName')}
                    required
                    value={attendee.name}
                    error={errors[`attendees.${index}.name`]}
                    onChange={(e) => setAttendee(index, { name: e.currentTarget.value }, 'name')}
                  />
                )}
                {emails && (
                  <TextInput
                    id={`attendee-${index}-email`}
                    label={t('web.checkout.details.attendeeEmail')}
                    type="email"
                    required
                    value={attendee.email}
                    error={errors[`attendees.${index}.email`]}
                    onChange={(e) => setAttendee(index, { email: e.currentTarget.value }, 'email')}
                  />
                )}
                {asked.map((question) => (
                  <QuestionField
                    key={question.id}
                    idPrefix={`attendee-${index}`}
                    question={question}
                    value={attendee.answers[question.id]}
                    onChange={(value) =>
                      setAttendee(
                        index,
                        { answers: withAnswer(attendee.answers, question.id, value) },
                        `answers.${question.id}`,
                      )
                    }
                    error={errors[`attendees.${index}.answers.${question.id}`]}
                  />
                ))}
              </Stack>
            </section>
          );
        })}

        {save.isError && !(save.error instanceof ApiError && save.error.fieldErrors.length > 0) && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {describeApiError(save.error)}
          </Alert>
        )}
        <Button type="submit" size="md" loading={save.isPending}>
          {submitLabel ?? t('web.checkout.details.saveAndContinue')}
        </Button>
      </Stack>
    </form>
  );
}

function withAnswer(answers: Answers, questionId: string, value: AnswerValue | undefined): Answers {
  const next = { ...answers };
  if (value === undefined) delete next[questionId];
  else next[questionId] = value;
  return next;
}

import { Alert, Button, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconBellRinging, IconCircleCheck } from '@tabler/icons-react';
import { JoinWaitlistBody, type PublicTicketType, type WaitlistJoined } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../i18n/i18n';
import { useJoinWaitingList } from '../../api/useJoinWaitingList';
import { schemaValidator } from '../../components/ui/schema-validation';
import { useFormErrorResponseHandler } from '../../components/ui/useFormErrorResponseHandler';
import { describeJoinError, type JoinProblem } from './waitlist-errors';

interface JoinValues {
  name: string;
  email: string;
  quantity: number | string;
}

interface WaitingListJoinProps {
  eventId: string;
  type: Pick<PublicTicketType, 'id' | 'name' | 'minPerOrder' | 'maxPerOrder'>;
  /** Tickets came back while the buyer was typing: fetch the event again so they can buy. */
  onTicketsAvailable?: () => void;
  /** The date waited for, on an event with dates (each date has its own list). */
  dateId?: string;
}

function JoinedMessage({ entry }: { entry: WaitlistJoined }) {
  const { t } = useTranslation();
  return (
    <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
      {t('web.store.waitlist.joined', { position: entry.position })}
    </Alert>
  );
}

/**
 * "Join the waiting list" under a sold-out ticket type: a button that opens a small form (name,
 * email, how many) and, once joined, the buyer's place in line.
 */
export function WaitingListJoin({ eventId, type, onTicketsAvailable, dateId }: WaitingListJoinProps) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  // How to word the problem, not the words: a language switch rewords it.
  const [describeProblem, setProblem] = useState<(() => JoinProblem) | null>(null);
  const problem = describeProblem ? describeProblem() : null;
  const join = useJoinWaitingList(eventId);

  const form = useForm<JoinValues>({
    initialValues: { name: '', email: '', quantity: type.minPerOrder },
    validate: schemaValidator<JoinValues>(JoinWaitlistBody, {
      toBody: (values) => ({
        ticketTypeId: type.id,
        quantity: Number(values.quantity),
        name: values.name.trim(),
        email: values.email.trim(),
      }),
      // Read when validating, so they are in the language of that moment.
      messages: {
        name: () => i18n.t('web.auth.signup.enterName'),
        email: () => i18n.t('web.store.waitlist.enterEmail'),
        quantity: () =>
          i18n.t('web.store.waitlist.quantityRange', { min: type.minPerOrder, max: type.maxPerOrder }),
      },
      // The contract allows up to 100; this type's own limits are narrower and the API enforces them too.
      extraChecks: (values) => {
        const quantity = Number(values.quantity);
        const isInRange =
          Number.isInteger(quantity) && quantity >= type.minPerOrder && quantity <= type.maxPerOrder;
        return {
          quantity: isInRange
            ? null
            : i18n.t('web.store.waitlist.quantityRange', { min: type.minPerOrder, max: type.maxPerOrder }),
        };
      },
    }),
  });
  const handleFormError = useFormErrorResponseHandler(form);

  if (join.data) return <JoinedMessage entry={join.data} />;

  if (!isOpen) {
    return (
      <Button
        variant="light"
        size="sm"
        leftSection={<IconBellRinging size={16} aria-hidden />}
        onClick={() => setIsOpen(true)}
      >
        {t('web.store.waitlist.join')}
      </Button>
    );
  }

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    const email = values.email.trim();
    try {
      await join.mutateAsync({
        ticketTypeId: type.id,
        quantity: Number(values.quantity),
        name: values.name.trim(),
        email,
        ...(dateId ? { dateId } : {}),
      });
    } catch (error) {
      handleFormError(error);
      const described = describeJoinError(error, type.name, email);
      setProblem(() => () => describeJoinError(error, type.name, email));
      if (described.shouldRefetch) onTicketsAvailable?.();
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={t('web.store.waitlist.formLabel', { name: type.name })}>
      <Stack gap="sm">
        <Text size="sm">{t('web.store.waitlist.intro')}</Text>
        <TextInput
          label={t('web.store.reserve.fullName')}
          autoComplete="name"
          required
          // The button that opened the form is gone; the first field takes its focus.
          autoFocus
          {...form.getInputProps('name')}
        />
        <TextInput
          label={t('web.auth.email')}
          type="email"
          autoComplete="email"
          required
          {...form.getInputProps('email')}
        />
        <NumberInput
          label={t('web.store.reserve.title')}
          description={t('web.store.waitlist.between', { min: type.minPerOrder, max: type.maxPerOrder })}
          min={type.minPerOrder}
          max={type.maxPerOrder}
          allowDecimal={false}
          allowNegative={false}
          required
          {...form.getInputProps('quantity')}
        />
        {problem && (
          <Alert
            color={problem.shouldRefetch ? 'blue' : 'red'}
            variant="light"
            icon={<IconAlertTriangle aria-hidden />}
            title={problem.title}
            role="alert"
          >
            {problem.message}
          </Alert>
        )}
        <Group gap="sm" wrap="wrap">
          <Button type="submit" loading={join.isPending}>
            {t('web.store.waitlist.join')}
          </Button>
          <Button variant="default" onClick={() => setIsOpen(false)} disabled={join.isPending}>
            {t('web.store.waitlist.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

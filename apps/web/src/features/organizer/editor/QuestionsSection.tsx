import { ActionIcon, Badge, Button, Group, Modal, Stack, Switch, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import type { Event, Question } from '@zevents/contracts';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { DataTable } from '../../../components/ui/DataTable';
import { ListStates } from '../../../components/ui/PagedList';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { useQuestionMutations } from '../mutations/useQuestionMutations';
import { useUpdateEvent } from '../mutations/useUpdateEvent';
import { useQuestions } from '../queries/useQuestions';
import { QUESTION_TYPE_LABELS, QuestionForm } from './QuestionForm';

/** The built-in per-ticket fields: a name (and an email) on every ticket, asked before payment. */
function AttendeeFieldSwitches({ event, editable }: { event: Event; editable: boolean }) {
  const update = useUpdateEvent(event.id);
  const toggle = (field: 'attendeeNames' | 'attendeeEmails', on: boolean) =>
    update.mutate(
      { [field]: on },
      {
        onSuccess: () =>
          notifications.show({
            color: 'teal',
            message: `${field === 'attendeeNames' ? 'Attendee names' : 'Attendee emails'} ${on ? 'asked' : 'no longer asked'}`,
          }),
        onError: (error) => notifications.show({ color: 'red', message: describeApiError(error) }),
      },
    );
  return (
    <Stack gap="xs">
      <Switch
        label="Ask a name for every ticket"
        description="Each ticket then carries its attendee's name: on the PDF, at the door and in the exports."
        checked={event.attendeeNames}
        disabled={!editable || update.isPending}
        onChange={(e) => toggle('attendeeNames', e.currentTarget.checked)}
      />
      <Switch
        label="Ask an email for every ticket"
        checked={event.attendeeEmails}
        disabled={!editable || update.isPending}
        onChange={(e) => toggle('attendeeEmails', e.currentTarget.checked)}
      />
    </Stack>
  );
}

/** What buyers are asked between reserving and paying, once per order or for each ticket. */
export function QuestionsSection({ event, editable }: { event: Event; editable: boolean }) {
  const questions = useQuestions(event.id);
  const { create, update, remove } = useQuestionMutations(event.id);
  const [opened, { open, close }] = useDisclosure(false);
  const [editing, setEditing] = useState<Question | undefined>();
  const [deleting, setDeleting] = useState<Question | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const items = questions.data?.items ?? [];
  const typeName = new Map((event.ticketTypes ?? []).map((type) => [type.id, type.name]));
  const labelOf = new Map(items.map((question) => [question.id, question.label]));

  const openForm = (question?: Question) => {
    setEditing(question);
    open();
  };
  // Buyers see the questions in this order: moving one swaps its place with its neighbour's.
  const [isMoving, setMoving] = useState(false);
  const move = async (index: number, by: -1 | 1) => {
    const question = items[index];
    const neighbour = items[index + by];
    if (!question || !neighbour) return;
    const target =
      neighbour.position === question.position ? Math.max(0, neighbour.position + by) : neighbour.position;
    setMoving(true);
    try {
      await update.mutateAsync({ questionId: question.id, body: { position: target } });
      await update.mutateAsync({ questionId: neighbour.id, body: { position: question.position } });
    } catch (error) {
      notifications.show({ color: 'red', message: describeApiError(error) });
    } finally {
      setMoving(false);
    }
  };
  const closeDelete = () => {
    setDeleting(null);
    setDialogError(null);
  };

  return (
    <Stack gap="lg">
      <AttendeeFieldSwitches event={event} editable={editable} />
      <Group justify="space-between">
        <div>
          <Title order={3} size="h5">
            Checkout questions
          </Title>
          <Text c="dimmed" size="sm">
            Asked after the tickets are held and before payment. Required answers must be given to pay.
          </Text>
        </div>
        {editable && (
          <Button leftSection={<IconPlus size={16} />} variant="light" onClick={() => openForm(undefined)}>
            New question
          </Button>
        )}
      </Group>
      <ListStates
        query={questions}
        isEmpty={items.length === 0}
        loadingLabel="Loading questions…"
        emptyTitle="No questions"
        emptyText="Ask for dietary needs, T-shirt sizes, a company name for the invoice…"
      >
        <DataTable
          items={items}
          rowKey={(question) => question.id}
          minWidth={640}
          label="Checkout questions"
          columns={[
            {
              header: 'Question',
              cell: (question) => (
                <Stack gap={2}>
                  <Text fw={600}>{question.label}</Text>
                  {question.condition && (
                    <Text size="xs" c="dimmed">
                      Only when “{labelOf.get(question.condition.questionId) ?? 'another question'}”
                      {question.condition.value ? ` is ${question.condition.value}` : ' is answered'}
                    </Text>
                  )}
                </Stack>
              ),
            },
            {
              header: 'Answer',
              cell: (question) =>
                `${QUESTION_TYPE_LABELS[question.type]}${question.options.length > 0 ? `: ${question.options.join(', ')}` : ''}`,
            },
            {
              header: 'Asked',
              cell: (question) =>
                `${question.appliesTo === 'attendee' ? 'Each ticket' : 'Once per order'}${
                  question.ticketTypeIds.length > 0
                    ? ` · ${question.ticketTypeIds.map((id) => typeName.get(id) ?? 'Removed type').join(', ')}`
                    : ''
                }`,
            },
            {
              header: 'Required',
              cell: (question) =>
                question.required ? (
                  <Badge variant="light" color="indigo" radius="sm">
                    Required
                  </Badge>
                ) : (
                  <Text size="sm" c="dimmed">
                    Optional
                  </Text>
                ),
            },
            editable && {
              header: 'Actions',
              isHeaderHidden: true,
              cell: (question) => {
                const index = items.indexOf(question);
                return (
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Tooltip label="Move up">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Move ${question.label} up`}
                        disabled={index === 0 || isMoving}
                        onClick={() => void move(index, -1)}
                      >
                        <IconArrowUp size={18} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label="Move down">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Move ${question.label} down`}
                        disabled={index === items.length - 1 || isMoving}
                        onClick={() => void move(index, 1)}
                      >
                        <IconArrowDown size={18} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label="Edit">
                      <ActionIcon
                        variant="subtle"
                        aria-label={`Edit ${question.label}`}
                        onClick={() => openForm(question)}
                      >
                        <IconPencil size={18} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label="Delete">
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Delete ${question.label}`}
                        onClick={() => setDeleting(question)}
                      >
                        <IconTrash size={18} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                );
              },
            },
          ]}
        />
      </ListStates>
      <Modal
        opened={opened}
        onClose={close}
        title={editing ? 'Edit question' : 'New question'}
        size="lg"
        centered
        radius="xl"
      >
        <QuestionForm
          key={editing?.id ?? 'new'}
          question={editing}
          others={items}
          ticketTypes={event.ticketTypes ?? []}
          onCancel={close}
          onSubmit={async (body) => {
            if (editing) await update.mutateAsync({ questionId: editing.id, body });
            else await create.mutateAsync(body);
            notifications.show({ color: 'teal', message: `“${body.label}” ${editing ? 'saved' : 'added'}` });
            close();
          }}
        />
      </Modal>
      <ConfirmDialog
        opened={deleting !== null}
        onClose={closeDelete}
        onConfirm={() => {
          if (!deleting) return;
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: `“${deleting.label}” deleted` });
              closeDelete();
            },
            onError: (error) => setDialogError(describeApiError(error)),
          });
        }}
        loading={remove.isPending}
        error={dialogError}
        danger
        title={`Delete “${deleting?.label ?? ''}”?`}
        confirmLabel="Delete question"
      >
        New buyers are no longer asked. Answers already given stay with their orders and in the exports.
      </ConfirmDialog>
    </Stack>
  );
}

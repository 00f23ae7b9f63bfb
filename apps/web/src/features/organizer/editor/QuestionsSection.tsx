import { ActionIcon, Badge, Button, Group, Modal, Stack, Switch, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import type { Event, Question } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { DataTable } from '../../../components/ui/DataTable';
import { ListStates } from '../../../components/ui/PagedList';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { useQuestionMutations } from '../mutations/useQuestionMutations';
import { useUpdateEvent } from '../mutations/useUpdateEvent';
import { useQuestions } from '../queries/useQuestions';
import { QuestionForm, questionTypeLabel } from './QuestionForm';

/** The built-in per-ticket fields: a name (and an email) on every ticket, asked before payment. */
function AttendeeFieldSwitches({ event, editable }: { event: Event; editable: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateEvent(event.id);
  const toggle = (field: 'attendeeNames' | 'attendeeEmails', on: boolean) =>
    update.mutate(
      { [field]: on },
      {
        onSuccess: () =>
          notifications.show({
            color: 'teal',
            message:
              field === 'attendeeNames'
                ? on
                  ? t('web.org.editor.questions.namesAsked')
                  : t('web.org.editor.questions.namesNotAsked')
                : on
                  ? t('web.org.editor.questions.emailsAsked')
                  : t('web.org.editor.questions.emailsNotAsked'),
          }),
        onError: (error) => notifications.show({ color: 'red', message: describeApiError(error) }),
      },
    );
  return (
    <Stack gap="xs">
      <Switch
        label={t('web.org.editor.questions.askName')}
        description={t('web.org.editor.questions.askNameHint')}
        checked={event.attendeeNames}
        disabled={!editable || update.isPending}
        onChange={(e) => toggle('attendeeNames', e.currentTarget.checked)}
      />
      <Switch
        label={t('web.org.editor.questions.askEmail')}
        checked={event.attendeeEmails}
        disabled={!editable || update.isPending}
        onChange={(e) => toggle('attendeeEmails', e.currentTarget.checked)}
      />
    </Stack>
  );
}

/** What buyers are asked between reserving and paying, once per order or for each ticket. */
export function QuestionsSection({ event, editable }: { event: Event; editable: boolean }) {
  const { t } = useTranslation();
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
            {t('web.org.editor.questions.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('web.org.editor.questions.intro')}
          </Text>
        </div>
        {editable && (
          <Button leftSection={<IconPlus size={16} />} variant="light" onClick={() => openForm(undefined)}>
            {t('web.org.editor.questions.new')}
          </Button>
        )}
      </Group>
      <ListStates
        query={questions}
        isEmpty={items.length === 0}
        loadingLabel={t('web.org.editor.questions.loading')}
        emptyTitle={t('web.org.editor.questions.emptyTitle')}
        emptyText={t('web.org.editor.questions.emptyText')}
      >
        <DataTable
          items={items}
          rowKey={(question) => question.id}
          minWidth={640}
          label={t('web.org.editor.questions.title')}
          columns={[
            {
              header: t('web.org.editor.questions.colQuestion'),
              cell: (question) => (
                <Stack gap={2}>
                  <Text fw={600}>{question.label}</Text>
                  {question.condition && (
                    <Text size="xs" c="dimmed">
                      {question.condition.value
                        ? t('web.org.editor.questions.onlyWhenIs', {
                            question:
                              labelOf.get(question.condition.questionId) ??
                              t('web.org.editor.questions.anotherQuestion'),
                            value: question.condition.value,
                          })
                        : t('web.org.editor.questions.onlyWhenAnswered', {
                            question:
                              labelOf.get(question.condition.questionId) ??
                              t('web.org.editor.questions.anotherQuestion'),
                          })}
                    </Text>
                  )}
                </Stack>
              ),
            },
            {
              header: t('web.org.editor.questions.colAnswer'),
              cell: (question) =>
                `${questionTypeLabel(question.type)}${question.options.length > 0 ? `: ${question.options.join(', ')}` : ''}`,
            },
            {
              header: t('web.org.editor.questions.colAsked'),
              cell: (question) =>
                `${
                  question.appliesTo === 'attendee'
                    ? t('web.org.editor.questions.eachTicket')
                    : t('web.org.editor.questions.oncePerOrder')
                }${
                  question.ticketTypeIds.length > 0
                    ? ` · ${question.ticketTypeIds
                        .map((id) => typeName.get(id) ?? t('web.org.editor.promo.removedType'))
                        .join(', ')}`
                    : ''
                }`,
            },
            {
              header: t('web.org.editor.questions.required'),
              cell: (question) =>
                question.required ? (
                  <Badge variant="light" color="indigo" radius="sm">
                    {t('web.org.editor.questions.required')}
                  </Badge>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('web.org.editor.questions.optional')}
                  </Text>
                ),
            },
            editable && {
              header: t('web.org.editor.promo.colActions'),
              isHeaderHidden: true,
              cell: (question) => {
                const index = items.indexOf(question);
                return (
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Tooltip label={t('web.org.editor.questions.moveUp')}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t('web.org.editor.questions.moveUpLabel', { label: question.label })}
                        disabled={index === 0 || isMoving}
                        onClick={() => void move(index, -1)}
                      >
                        <IconArrowUp size={18} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('web.org.editor.questions.moveDown')}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t('web.org.editor.questions.moveDownLabel', { label: question.label })}
                        disabled={index === items.length - 1 || isMoving}
                        onClick={() => void move(index, 1)}
                      >
                        <IconArrowDown size={18} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('web.org.editor.ticketTypes.edit')}>
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('web.org.editor.ticketTypes.editLabel', { name: question.label })}
                        onClick={() => openForm(question)}
                      >
                        <IconPencil size={18} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('web.org.editor.ticketTypes.delete')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('web.org.editor.ticketTypes.deleteLabel', { name: question.label })}
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
        title={editing ? t('web.org.editor.questions.editTitle') : t('web.org.editor.questions.new')}
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
            notifications.show({
              color: 'teal',
              message: editing
                ? t('web.org.editor.questions.saved', { label: body.label })
                : t('web.org.editor.questions.added', { label: body.label }),
            });
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
              notifications.show({
                color: 'teal',
                message: t('web.org.editor.questions.deleted', { label: deleting.label }),
              });
              closeDelete();
            },
            onError: (error) => setDialogError(describeApiError(error)),
          });
        }}
        loading={remove.isPending}
        error={dialogError}
        danger
        title={t('web.org.editor.ticketTypes.deleteTitle', { name: deleting?.label ?? '' })}
        confirmLabel={t('web.org.editor.questions.deleteConfirm')}
      >
        {t('web.org.editor.questions.deleteBody')}
      </ConfirmDialog>
    </Stack>
  );
}

import {
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  CreateQuestionBody,
  type Question,
  type QuestionAppliesTo,
  type QuestionType,
  type TicketType,
} from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import { FormActions } from '../../../components/ui/FormActions';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';

const QUESTION_TYPE_KEYS = {
  text: 'web.org.editor.questionForm.typeText',
  longtext: 'web.org.editor.questionForm.typeLongtext',
  select: 'web.org.editor.questionForm.typeSelect',
  multiselect: 'web.org.editor.questionForm.typeMultiselect',
  checkbox: 'web.org.editor.questionForm.typeCheckbox',
  email: 'web.org.editor.questionForm.typeEmail',
  phone: 'web.org.editor.questionForm.typePhone',
  date: 'web.org.editor.questionForm.typeDate',
  number: 'web.org.editor.questionForm.typeNumber',
} as const satisfies Record<QuestionType, string>;

/** How a kind of answer is named to the organizer ("Short text"). */
export function questionTypeLabel(type: QuestionType): string {
  return i18n.t(QUESTION_TYPE_KEYS[type]);
}

const CHOICE_TYPES: readonly QuestionType[] = ['select', 'multiselect'];

interface QuestionValues {
  label: string;
  description: string;
  type: QuestionType;
  options: string[];
  required: boolean;
  appliesTo: QuestionAppliesTo;
  ticketTypeIds: string[];
  conditionQuestionId: string | null;
  conditionValue: string | null;
}

function initialValues(question: Question | undefined): QuestionValues {
  return {
    label: question?.label ?? '',
    description: question?.description ?? '',
    type: question?.type ?? 'text',
    options: question?.options ?? [],
    required: question?.required ?? false,
    appliesTo: question?.appliesTo ?? 'attendee',
    ticketTypeIds: question?.ticketTypeIds ?? [],
    conditionQuestionId: question?.condition?.questionId ?? null,
    conditionValue: question?.condition?.value ?? null,
  };
}

/** The whole question as the API takes it (PATCH with every field is the same shape). */
function bodyOf(values: QuestionValues): CreateQuestionBody {
  return {
    label: values.label.trim(),
    description: values.description.trim() || null,
    type: values.type,
    options: CHOICE_TYPES.includes(values.type) ? values.options.map((option) => option.trim()) : [],
    required: values.required,
    appliesTo: values.appliesTo,
    ticketTypeIds: values.ticketTypeIds,
    condition: values.conditionQuestionId
      ? {
          questionId: values.conditionQuestionId,
          ...(values.conditionValue ? { value: values.conditionValue } : {}),
        }
      : null,
  };
}

const validate = schemaValidator<QuestionValues>(CreateQuestionBody, {
  toBody: bodyOf,
  messages: {
    label: () => i18n.t('web.org.editor.questionForm.labelRequired'),
    options: (issue) =>
      issue.message.includes('distinct')
        ? i18n.t('web.org.editor.questionForm.choicesDistinct')
        : i18n.t('web.org.editor.questionForm.choicesRequired'),
  },
});

const mapping = () => ({
  fields: { 'condition.questionId': 'conditionQuestionId', 'condition.value': 'conditionValue' },
  labels: { ticketTypeIds: i18n.t('web.org.editor.poolForm.labelTypes') },
  codes: { TICKET_TYPE_NOT_IN_EVENT: 'ticketTypeIds' },
});

interface QuestionFormProps {
  question?: Question;
  /** The event's other questions, for "show only when". */
  others: readonly Question[];
  ticketTypes: readonly TicketType[];
  onSubmit: (body: CreateQuestionBody) => Promise<unknown>;
  onCancel?: () => void;
}

/** A checkout question: what to ask, how to answer, of whom, and when it shows. */
export function QuestionForm({ question, others, ticketTypes, onSubmit, onCancel }: QuestionFormProps) {
  const { t } = useTranslation();
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useForm<QuestionValues>({ initialValues: initialValues(question), validate });
  const values = form.values;
  // An order question can only wait on another order question (which ticket's answer would it be?).
  const triggers = others.filter(
    (other) => other.id !== question?.id && (values.appliesTo === 'attendee' || other.appliesTo === 'order'),
  );
  const trigger = triggers.find((other) => other.id === values.conditionQuestionId);

  const submit = form.onSubmit(async (submitted) => {
    setFormError(null);
    setSaving(true);
    try {
      await onSubmit(bodyOf(submitted));
    } catch (error) {
      setFormError(applyFormErrors(form, error, mapping()));
    } finally {
      setSaving(false);
    }
  });

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={
        question
          ? t('web.org.editor.ticketTypes.editLabel', { name: question.label })
          : t('web.org.editor.questions.new')
      }
    >
      <Stack gap="md">
        <TextInput
          label={t('web.org.editor.questions.colQuestion')}
          required
          placeholder={t('web.org.editor.questionForm.labelPlaceholder')}
          {...form.getInputProps('label')}
        />
        <TextInput
          label={t('web.org.editor.questionForm.help')}
          description={t('web.org.editor.questionForm.helpHint')}
          {...form.getInputProps('description')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('web.org.editor.questions.colAnswer')}
            data={(Object.keys(QUESTION_TYPE_KEYS) as QuestionType[]).map((value) => ({
              value,
              label: questionTypeLabel(value),
            }))}
            allowDeselect={false}
            {...form.getInputProps('type')}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="applies-to-label">
              {t('web.org.editor.questions.colAsked')}
            </Text>
            <SegmentedControl
              aria-labelledby="applies-to-label"
              data={[
                { value: 'attendee', label: t('web.org.editor.questionForm.forEachTicket') },
                { value: 'order', label: t('web.org.editor.questions.oncePerOrder') },
              ]}
              {...form.getInputProps('appliesTo')}
            />
          </Stack>
        </SimpleGrid>
        {CHOICE_TYPES.includes(values.type) && (
          <TagsInput
            label={t('web.org.editor.questionForm.choices')}
            description={t('web.org.editor.questionForm.choicesHint')}
            required
            {...form.getInputProps('options')}
          />
        )}
        <MultiSelect
          label={t('web.org.editor.tabs.tickets')}
          description={t('web.org.editor.promoForm.appliesHint')}
          data={ticketTypes.map((type) => ({ value: type.id, label: type.name }))}
          {...form.getInputProps('ticketTypeIds')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('web.org.editor.questionForm.showWhen')}
            description={t('web.org.editor.questionForm.showWhenHint')}
            placeholder={t('web.org.editor.questionForm.alwaysShown')}
            clearable
            data={triggers.map((other) => ({ value: other.id, label: other.label }))}
            {...form.getInputProps('conditionQuestionId')}
          />
          {trigger && CHOICE_TYPES.includes(trigger.type) && (
            <Select
              label={t('web.org.editor.questionForm.conditionIs')}
              placeholder={t('web.org.editor.questionForm.anyChoice')}
              clearable
              data={trigger.options}
              {...form.getInputProps('conditionValue')}
            />
          )}
        </SimpleGrid>
        <Switch
          label={t('web.org.editor.questions.required')}
          {...form.getInputProps('required', { type: 'checkbox' })}
        />
        <FormActions
          error={formError}
          saving={saving}
          submitLabel={
            question ? t('web.org.editor.questionForm.save') : t('web.org.editor.questionForm.add')
          }
          onCancel={onCancel}
        />
      </Stack>
    </form>
  );
}

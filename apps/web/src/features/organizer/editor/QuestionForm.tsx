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
import { FormActions } from '../../../components/ui/FormActions';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  text: 'Short text',
  longtext: 'Long text',
  select: 'One choice',
  multiselect: 'Several choices',
  checkbox: 'Tick box',
  email: 'Email',
  phone: 'Phone',
  date: 'Date',
  number: 'Number',
};

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
    label: 'Enter the question, up to 300 characters',
    options: (issue) =>
      issue.message.includes('distinct') ? 'Each choice only once' : 'Add the choices buyers pick from',
  },
});

const MAPPING = {
  fields: { 'condition.questionId': 'conditionQuestionId', 'condition.value': 'conditionValue' },
  labels: { ticketTypeIds: 'ticket types' },
  codes: { TICKET_TYPE_NOT_IN_EVENT: 'ticketTypeIds' },
};

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
      setFormError(applyFormErrors(form, error, MAPPING));
    } finally {
      setSaving(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={question ? `Edit ${question.label}` : 'New question'}>
      <Stack gap="md">
        <TextInput
          label="Question"
          required
          placeholder="Dietary requirements"
          {...form.getInputProps('label')}
        />
        <TextInput
          label="Help text"
          description="Shown under the question (optional)"
          {...form.getInputProps('description')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Answer"
            data={Object.entries(QUESTION_TYPE_LABELS).map(([value, label]) => ({ value, label }))}
            allowDeselect={false}
            {...form.getInputProps('type')}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="applies-to-label">
              Asked
            </Text>
            <SegmentedControl
              aria-labelledby="applies-to-label"
              data={[
                { value: 'attendee', label: 'For each ticket' },
                { value: 'order', label: 'Once per order' },
              ]}
              {...form.getInputProps('appliesTo')}
            />
          </Stack>
        </SimpleGrid>
        {CHOICE_TYPES.includes(values.type) && (
          <TagsInput
            label="Choices"
            description="Type a choice and press Enter"
            required
            {...form.getInputProps('options')}
          />
        )}
        <MultiSelect
          label="Ticket types"
          description="Empty: every ticket type"
          data={ticketTypes.map((type) => ({ value: type.id, label: type.name }))}
          {...form.getInputProps('ticketTypeIds')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Show only when"
            description="Another answer is given (optional)"
            placeholder="Always shown"
            clearable
            data={triggers.map((other) => ({ value: other.id, label: other.label }))}
            {...form.getInputProps('conditionQuestionId')}
          />
          {trigger && CHOICE_TYPES.includes(trigger.type) && (
            <Select
              label="…is"
              placeholder="Any choice"
              clearable
              data={trigger.options}
              {...form.getInputProps('conditionValue')}
            />
          )}
        </SimpleGrid>
        <Switch label="Required" {...form.getInputProps('required', { type: 'checkbox' })} />
        <FormActions
          error={formError}
          saving={saving}
          submitLabel={question ? 'Save question' : 'Add question'}
          onCancel={onCancel}
        />
      </Stack>
    </form>
  );
}

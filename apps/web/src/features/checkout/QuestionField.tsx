import { Checkbox, MultiSelect, Select, Textarea, TextInput } from '@mantine/core';
import type { AnswerValue, Question } from '@zevents/contracts';

interface QuestionFieldProps {
  question: Question;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue | undefined) => void;
  error?: string;
  /** Makes the field's id unique when the same question is asked once per ticket. */
  idPrefix: string;
}

const text = (value: AnswerValue | undefined): string =>
  value === undefined || Array.isArray(value) || typeof value === 'boolean' ? '' : String(value);

/** One checkout question as the input its type calls for, labelled, with its error under it. */
export function QuestionField({ question, value, onChange, error, idPrefix }: QuestionFieldProps) {
  const common = {
    id: `${idPrefix}-${question.id}`,
    label: question.label,
    description: question.description ?? undefined,
    required: question.required,
    error,
  };
  switch (question.type) {
    case 'longtext':
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          value={text(value)}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          data={question.options}
          value={text(value) || null}
          onChange={(choice) => onChange(choice ?? undefined)}
          clearable={!question.required}
          allowDeselect={!question.required}
          comboboxProps={{ withinPortal: true }}
        />
      );
    case 'multiselect':
      return (
        <MultiSelect
          {...common}
          data={question.options}
          value={Array.isArray(value) ? value : []}
          onChange={(choices) => onChange(choices)}
          comboboxProps={{ withinPortal: true }}
        />
      );
    case 'checkbox':
      return (
        <Checkbox
          id={common.id}
          label={question.label}
          description={common.description}
          error={error}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          aria-required={question.required || undefined}
        />
      );
    case 'email':
      return (
        <TextInput
          {...common}
          type="email"
          autoComplete="email"
          value={text(value)}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'phone':
      return (
        <TextInput
          {...common}
          type="tel"
          autoComplete="tel"
          value={text(value)}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={text(value)}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'number':
      return (
        <TextInput
          {...common}
          inputMode="decimal"
          value={text(value)}
          // Kept as typed ("1." on the way to "1.5"); the shared rules read a numeric string as a number.
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    default:
      return <TextInput {...common} value={text(value)} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}

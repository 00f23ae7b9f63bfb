import { Text } from '@mantine/core';
import { answerText, type AnswerValue, type Question } from '@zevents/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../components/ui/format';
import { currentIntlLocale } from '../../../i18n/i18n';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An answer as the reader's language writes it: ticked boxes, dates and numbers included. */
function shownAnswer(question: Question, value: AnswerValue, t: TFunction): string {
  if (typeof value === 'boolean') return value ? t('web.org.core.answers.yes') : t('web.org.core.answers.no');
  // A date question's answer is a calendar day, the same wherever it is read: UTC keeps it that day.
  if (question.type === 'date' && typeof value === 'string' && DAY.test(value))
    return formatDate(value, 'UTC', currentIntlLocale());
  // No grouping: a number answer may be a year or a membership number as much as an amount.
  if (typeof value === 'number')
    return new Intl.NumberFormat(currentIntlLocale(), {
      useGrouping: false,
      maximumFractionDigits: 10,
    }).format(value);
  return String(answerText(value));
}

/** The answers given to these questions, one "Question: answer" line each, in the questions' order. */
export function AnswerList({
  questions,
  answers,
  size = 'xs',
}: {
  questions: readonly Question[];
  answers: Record<string, AnswerValue>;
  size?: 'xs' | 'sm';
}) {
  const { t } = useTranslation();
  const given = questions.filter((question) => answers[question.id] !== undefined);
  if (given.length === 0) return null;
  return (
    <dl style={{ margin: 0 }}>
      {given.map((question) => {
        const value = answers[question.id];
        return (
          <Text key={question.id} size={size} c="dimmed" component="div">
            <Text span inherit component="dt" style={{ display: 'inline' }}>
              {question.label}:{' '}
            </Text>
            <Text
              span
              inherit
              c="var(--mantine-color-text)"
              component="dd"
              style={{ display: 'inline', margin: 0 }}
            >
              {value === undefined ? '' : shownAnswer(question, value, t)}
            </Text>
          </Text>
        );
      })}
    </dl>
  );
}

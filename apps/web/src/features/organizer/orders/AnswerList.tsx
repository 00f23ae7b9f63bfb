import { Text } from '@mantine/core';
import { answerText, type AnswerValue, type Question } from '@zevents/contracts';

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
              {value === undefined ? '' : String(answerText(value))}
            </Text>
          </Text>
        );
      })}
    </dl>
  );
}

import { createTheme, type MantineColorsTuple } from '@mantine/core';
import type { CalendarAriaLabels, CalendarProps, DateTimePickerProps } from '@mantine/dates';

const indigo: MantineColorsTuple = [
  '#eef0ff',
  '#dcdefa',
  '#b5b9ef',
  '#8c92e5',
  '#6a70dc',
  '#545bd7',
  '#4850d5',
  '#3a41bd',
  '#3239a9',
  '#272f96',
];

/**
 * Mantine's calendar arrows are bare icons: without these a screen reader announces "button". The
 * level controls (the "March 2027" header) keep their visible text as their name, so none is set here.
 */
export const CALENDAR_ARIA_LABELS = {
  previousMonth: 'Previous month',
  nextMonth: 'Next month',
  previousYear: 'Previous year',
  nextYear: 'Next year',
  previousDecade: 'Previous decade',
  nextDecade: 'Next decade',
} as const satisfies CalendarAriaLabels;

/** One theme for every page: calm indigo, generous radius and spacing, glass surfaces over a soft gradient. */
export const theme = createTheme({
  primaryColor: 'indigo',
  colors: { indigo },
  primaryShade: { light: 6, dark: 4 },
  fontFamily: 'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  headings: { fontFamily: 'Inter, ui-sans-serif, system-ui, sans-serif', fontWeight: '700' },
  defaultRadius: 'lg',
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    Button: { defaultProps: { radius: 'xl' } },
    Card: { defaultProps: { radius: 'xl', padding: 'lg' } },
    Paper: { defaultProps: { radius: 'xl' } },
    TextInput: { defaultProps: { radius: 'md' } },
    PasswordInput: { defaultProps: { radius: 'md' } },
    // Every toast (notifications.show) renders one; its ✕ has no text of its own.
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } } },
    // Plain objects and type-only imports, so @mantine/dates stays in the lazy chunks that use it.
    // Every picker (DateTimePicker, DatePickerInput, ...) renders a Calendar, which reads these.
    Calendar: { defaultProps: { ariaLabels: CALENDAR_ARIA_LABELS } satisfies Partial<CalendarProps> },
    DateTimePicker: {
      // The dropdown's time fields and its check-mark button have no visible label either.
      defaultProps: {
        timePickerProps: {
          hoursInputLabel: 'Hours',
          minutesInputLabel: 'Minutes',
          secondsInputLabel: 'Seconds',
        },
        submitButtonProps: { 'aria-label': 'Confirm date and time' },
      } satisfies Partial<DateTimePickerProps>,
    },
  },
});

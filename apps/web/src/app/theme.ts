import {
  createTheme,
  defaultVariantColorsResolver,
  type MantineColorsTuple,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core';
import type { CalendarAriaLabels, CalendarProps, DateTimePickerProps } from '@mantine/dates';
import { AA_CONTRAST, contrastRatio } from './contrast';

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

// Mantine fills with shade 6 of a colour in the light scheme (the primary shade below).
const FILLED_SHADE = 6;

/**
 * Filled badges and buttons put white text on shade 6 of their colour, which for Mantine's bright
 * palettes is under WCAG AA: white on red.6 is 3.3:1 (the "REFUNDED" badge), on teal.6 2.5:1. Such a
 * colour fills with its first darker shade that reaches 4.5:1 instead (indigo.6 already does), and
 * one with no such shade (green, orange, yellow) keeps its shade 6 with black text.
 */
export const accessibleVariantColors: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color, theme: input.theme });
  const isWhiteOnDefaultShade =
    input.variant === 'filled' &&
    parsed.isThemeColor &&
    parsed.shade === undefined &&
    colors.color === 'var(--mantine-color-white)';
  if (!isWhiteOnDefaultShade) return colors;
  const palette = input.theme.colors[parsed.color] ?? [];
  if (contrastRatio(palette[FILLED_SHADE] ?? '', input.theme.white) >= AA_CONTRAST) return colors;
  const shade = palette.findIndex(
    (value, index) => index > FILLED_SHADE && contrastRatio(value, input.theme.white) >= AA_CONTRAST,
  );
  if (shade < 0) {
    const isBlackReadable = contrastRatio(palette[FILLED_SHADE] ?? '', input.theme.black) >= AA_CONTRAST;
    return isBlackReadable ? { ...colors, color: 'var(--mantine-color-black)' } : colors;
  }
  return {
    ...colors,
    background: `var(--mantine-color-${parsed.color}-${shade})`,
    hover: `var(--mantine-color-${parsed.color}-${Math.min(shade + 1, 9)})`,
  };
};

/** One theme for every page: calm indigo, generous radius and spacing, glass surfaces over a soft gradient. */
export const theme = createTheme({
  primaryColor: 'indigo',
  colors: { indigo },
  primaryShade: { light: FILLED_SHADE, dark: 4 },
  variantColorResolver: accessibleVariantColors,
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
    // A dialog's ✕ is a bare icon: without a name a screen reader announces "button".
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
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

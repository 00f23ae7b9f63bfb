import type { SchemaIssue } from '../../../components/ui/schema-validation';
import { currentIntlLocale, i18n } from '../../../i18n/i18n';
import { fromWallTime, isWallTime } from '../lib/zoned-time';

/**
 * A NumberInput's value as the number a request body carries. Empty ('') becomes NaN, not 0, so the
 * contract's schema refuses a field left empty instead of reading it as zero.
 */
export function numberOrNaN(value: number | string): number {
  return value === '' ? Number.NaN : Number(value);
}

/**
 * A picked wall time as an ISO instant of the given zone; null when nothing was picked. A zone the
 * browser does not know is the time zone field's problem, so the instant is then read in UTC rather
 * than also failing the date fields.
 */
export function wallTimeToIso(wall: string | null, timeZone: string): string | null {
  if (!isWallTime(wall)) return null;
  try {
    return fromWallTime(wall, timeZone);
  } catch {
    return fromWallTime(wall, 'UTC');
  }
}

/** A date the contracts refuse for being out of the years events may happen in. */
export function outOfYears(): string {
  return i18n.t('web.org.editor.form.outOfYears', { from: 2000, to: 2099 });
}

/** A text field's length limit, said in the reader's language. */
export function maxChars(max: number): string {
  return i18n.t('web.org.editor.form.maxChars', { max: max.toLocaleString(currentIntlLocale()) });
}

/**
 * The sentence for the end of a window (sales, validity) the contract refuses: before its start, or
 * out of the years. Said from the values, as the schema's wording is for developers.
 */
export function windowEndMessage<Values>(
  afterStart: string | (() => string),
  window: (values: Values) => { start: string | null; end: string | null },
) {
  return (issue: SchemaIssue, values: Values): string => {
    const { start, end } = window(values);
    return issue.code === 'custom' && isWallTime(start) && isWallTime(end) && end <= start
      ? typeof afterStart === 'function'
        ? afterStart()
        : afterStart
      : outOfYears();
  };
}

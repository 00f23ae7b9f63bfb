import 'dayjs/locale/de';
import 'dayjs/locale/es';
import 'dayjs/locale/fr';
import { isLanguage } from '@zevents/i18n';
import { i18n } from '../../i18n/i18n';

/**
 * The dayjs locale Mantine's calendars name months and weekdays in: the current language (its
 * locale is loaded above), English when the language is unknown.
 */
export function datesLocale(): string {
  return isLanguage(i18n.language) ? i18n.language : 'en';
}

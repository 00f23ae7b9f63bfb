import { NativeSelect } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from '@zevents/i18n';
import { useTranslation } from 'react-i18next';
import { chooseLanguage } from './i18n';

const OPTIONS = LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }));

/**
 * The language of the pages, each language named in itself. A native select: on a phone it opens the
 * system picker, and screen readers announce it as what it is.
 */
export function LanguageSwitcher({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      size={size}
      aria-label={t('web.language.label')}
      leftSection={<IconLanguage size={16} aria-hidden />}
      data={OPTIONS}
      value={i18n.resolvedLanguage ?? 'en'}
      onChange={(event) => {
        if (isLanguage(event.currentTarget.value)) chooseLanguage(event.currentTarget.value);
      }}
      w={size === 'xs' ? 130 : '100%'}
    />
  );
}

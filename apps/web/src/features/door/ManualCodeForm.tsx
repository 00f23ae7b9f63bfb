import { Button, Group, TextInput } from '@mantine/core';
import { IconKeyboard } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** For a QR that will not scan: the short code printed under it. */
export function ManualCodeForm({
  onSubmit,
  pending,
}: {
  onSubmit: (code: string) => void;
  pending: boolean;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const value = code.trim();
        if (!value) return;
        onSubmit(value);
        setCode('');
      }}
      aria-label={t('web.door.manual.form')}
    >
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          label={t('web.door.manual.label')}
          placeholder="ABCD-1234"
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          size="md"
          leftSection={<IconKeyboard size={18} />}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.06em' } }}
          style={{ flex: 1 }}
        />
        <Button type="submit" size="md" loading={pending} disabled={!code.trim()}>
          {t('web.door.manual.submit')}
        </Button>
      </Group>
    </form>
  );
}

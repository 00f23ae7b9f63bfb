import { Alert, Anchor, Button, Group, TextInput } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { AccessCodeString, type PublicEvent } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface AccessCodePanelProps {
  event: PublicEvent;
  /** Tries a code (it becomes the page's `?code=`); an empty string drops it. */
  onApply: (code: string) => void;
  isChecking: boolean;
}

/**
 * Hidden tickets (guest lists, sponsors, presales) behind an access code: says what the code in the
 * link unlocked, and lets a buyer type one. Collapsed to a link until asked for.
 */
export function AccessCodePanel({ event, onApply, isChecking }: AccessCodePanelProps) {
  const { t } = useTranslation();
  const applied = event.accessCode;
  const [isOpen, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  // A flag, not the words: the message follows a language switch.
  const [isInvalid, setInvalid] = useState(false);
  const unlocked = event.ticketTypes.filter((type) => type.hidden).length;

  function apply() {
    const code = draft.trim();
    if (!AccessCodeString.safeParse(code).success) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    onApply(code);
    setOpen(false);
  }

  return (
    <>
      {applied?.accepted && (
        <Alert
          color="teal"
          variant="light"
          icon={<IconKey aria-hidden />}
          title={t('web.store.accessCode.applied')}
        >
          {t('web.store.accessCode.unlocked', { code: applied.code, count: unlocked })}
        </Alert>
      )}
      {applied && !applied.accepted && (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconKey aria-hidden />}
          title={t('web.store.accessCode.notRecognised')}
          role="status"
        >
          {t('web.store.accessCode.notRecognisedBody', { code: applied.code })}
        </Alert>
      )}
      {isOpen ? (
        <Group align="flex-start" gap="xs" wrap="nowrap">
          <TextInput
            label={t('web.store.accessCode.label')}
            autoComplete="off"
            autoCapitalize="characters"
            style={{ flex: 1 }}
            value={draft}
            error={isInvalid ? t('web.store.accessCode.invalid') : null}
            onChange={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                apply();
              }
            }}
          />
          <Button mt={25} variant="light" onClick={apply} loading={isChecking}>
            {t('web.store.accessCode.apply')}
          </Button>
        </Group>
      ) : (
        <Anchor component="button" type="button" size="sm" onClick={() => setOpen(true)}>
          {applied?.accepted ? t('web.store.accessCode.another') : t('web.store.accessCode.have')}
        </Anchor>
      )}
    </>
  );
}

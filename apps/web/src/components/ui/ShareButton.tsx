import { Button } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';
import { IconCheck, IconShare } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Opens the system share sheet where there is one (phones), else copies the link. */
export function ShareButton({ title, url, text }: { title: string; url: string; text?: string }) {
  const { t } = useTranslation();
  const clipboard = useClipboard({ timeout: 2500 });

  async function share() {
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title, text, url });
        return;
      } catch (error) {
        // The buyer closed the sheet: nothing to do. Any other failure falls back to copying.
        if (error instanceof DOMException && error.name === 'AbortError') return;
      }
    }
    clipboard.copy(url);
  }

  return (
    <Button
      variant="default"
      leftSection={
        clipboard.copied ? <IconCheck size={16} aria-hidden /> : <IconShare size={16} aria-hidden />
      }
      onClick={() => void share()}
    >
      <span aria-live="polite">
        {clipboard.copied ? t('web.org.core.shared.linkCopied') : t('web.org.core.shared.share')}
      </span>
    </Button>
  );
}

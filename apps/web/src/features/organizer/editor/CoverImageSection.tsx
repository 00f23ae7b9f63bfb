import { Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPhoto } from '@tabler/icons-react';
import { type Event, IMAGE_ALT_MAX_LENGTH } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResponsiveImage } from '../../../components/ui/ResponsiveImage';
import { ImageUploader } from '../media/ImageUploader';
import { useRemoveEventCover, useUploadEventCover } from '../mutations/useEventCover';
import classes from './CoverImageSection.module.css';

function NoCoverYet() {
  const { t } = useTranslation();
  return (
    <div className={classes.empty}>
      <Stack gap={4} align="center">
        <IconPhoto size={32} aria-hidden color="var(--mantine-color-indigo-5)" />
        <Text fw={600}>{t('web.org.editor.cover.none')}</Text>
        <Text size="sm" c="dimmed">
          {t('web.org.editor.cover.noneBody')}
        </Text>
      </Stack>
    </div>
  );
}

/** The picture at the top of the event page and on its storefront card, with its alt text. */
export function CoverImageSection({ event, editable }: { event: Event; editable: boolean }) {
  const { t } = useTranslation();
  const upload = useUploadEventCover(event.id);
  const remove = useRemoveEventCover(event.id);
  const [alt, setAlt] = useState(event.cover?.alt ?? '');
  const cover = event.cover;

  return (
    <section aria-labelledby="cover-image-title">
      <Stack gap="md">
        <div>
          <Title order={2} size="h4" id="cover-image-title">
            {t('web.org.editor.cover.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('web.org.editor.cover.intro')}
          </Text>
        </div>
        <ImageUploader
          noun={t('web.org.editor.cover.noun')}
          preview={
            cover ? (
              <ResponsiveImage
                image={cover}
                sizes="(min-width: 48em) 640px, 100vw"
                fallbackAlt={t('web.org.editor.cover.currentAlt')}
                className={classes.preview}
              />
            ) : null
          }
          emptyPreview={<NoCoverYet />}
          hint={t('web.org.editor.cover.hint')}
          disabled={!editable}
          onUpload={async (file, onProgress) => {
            await upload.mutateAsync({ file, alt, onProgress });
            notifications.show({ color: 'teal', message: t('web.org.editor.cover.saved') });
          }}
          onRemove={async () => {
            await remove.mutateAsync();
            setAlt('');
            notifications.show({ color: 'teal', message: t('web.org.editor.cover.removed') });
          }}
        >
          <TextInput
            label={t('web.org.editor.cover.alt')}
            description={t('web.org.editor.cover.altHint')}
            placeholder={t('web.org.editor.cover.altPlaceholder')}
            maxLength={IMAGE_ALT_MAX_LENGTH}
            value={alt}
            onChange={(change) => setAlt(change.currentTarget.value)}
            disabled={!editable}
          />
        </ImageUploader>
      </Stack>
    </section>
  );
}

import { Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPhoto } from '@tabler/icons-react';
import { type Event, IMAGE_ALT_MAX_LENGTH } from '@zevents/contracts';
import { useState } from 'react';
import { ResponsiveImage } from '../../../components/ui/ResponsiveImage';
import { ImageUploader } from '../media/ImageUploader';
import { useRemoveEventCover, useUploadEventCover } from '../mutations/useEventCover';
import classes from './CoverImageSection.module.css';

function NoCoverYet() {
  return (
    <div className={classes.empty}>
      <Stack gap={4} align="center">
        <IconPhoto size={32} aria-hidden color="var(--mantine-color-indigo-5)" />
        <Text fw={600}>No cover yet</Text>
        <Text size="sm" c="dimmed">
          The storefront and the event page show their usual colours until you add one.
        </Text>
      </Stack>
    </div>
  );
}

/** The picture at the top of the event page and on its storefront card, with its alt text. */
export function CoverImageSection({ event, editable }: { event: Event; editable: boolean }) {
  const upload = useUploadEventCover(event.id);
  const remove = useRemoveEventCover(event.id);
  const [alt, setAlt] = useState(event.cover?.alt ?? '');
  const cover = event.cover;

  return (
    <section aria-labelledby="cover-image-title">
      <Stack gap="md">
        <div>
          <Title order={2} size="h4" id="cover-image-title">
            Cover image
          </Title>
          <Text size="sm" c="dimmed">
            A wide picture (16:9 works best, at least 1600 px wide) shown on the storefront and at the top of
            the event page.
          </Text>
        </div>
        <ImageUploader
          noun="cover"
          preview={
            cover ? (
              <ResponsiveImage
                image={cover}
                sizes="(min-width: 48em) 640px, 100vw"
                fallbackAlt="The current cover"
                className={classes.preview}
              />
            ) : null
          }
          emptyPreview={<NoCoverYet />}
          hint="JPEG, PNG or WebP, up to 10 MB"
          disabled={!editable}
          onUpload={async (file, onProgress) => {
            await upload.mutateAsync({ file, alt, onProgress });
            notifications.show({ color: 'teal', message: 'Cover image saved' });
          }}
          onRemove={async () => {
            await remove.mutateAsync();
            setAlt('');
            notifications.show({ color: 'teal', message: 'Cover image removed' });
          }}
        >
          <TextInput
            label="Alt text"
            description="What the picture shows, for people who cannot see it; sent with the upload."
            placeholder="A crowd dancing under string lights"
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

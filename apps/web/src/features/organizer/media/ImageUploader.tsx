import { Alert, Button, FileInput, Group, Progress, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconPhotoUp, IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCEPTED_IMAGE_TYPES, checkImageFile, uploadErrorMessage } from './upload-errors';

interface ImageUploaderProps {
  /** What the image is, in the buttons: "cover", "logo". */
  noun: string;
  /** The current image, already drawn by the caller (a cover is wide, a logo square); null: none yet. */
  preview: ReactNode | null;
  /** Shown where the preview goes while there is no image. */
  emptyPreview: ReactNode;
  hint: string;
  disabled?: boolean;
  /** Inputs sent along with the file (a cover's alt text). */
  children?: ReactNode;
  onUpload: (file: File, onProgress: (fraction: number) => void) => Promise<unknown>;
  onRemove: () => Promise<unknown>;
}

/**
 * Choose, upload, replace or remove one image: the progress while it goes out, and the API's own
 * reason when it is refused (too large, not an image).
 */
export function ImageUploader({
  noun,
  preview,
  emptyPreview,
  hint,
  disabled = false,
  children,
  onUpload,
  onRemove,
}: ImageUploaderProps) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  // Null while nothing is going out; a fraction from 0 to 1 during an upload.
  const [progress, setProgress] = useState<number | null>(null);
  const [isRemoving, setIsRemoving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isUploading = progress !== null;
  const isBusy = isUploading || isRemoving;

  const chooseFile = (chosen: File | null) => {
    setFile(chosen);
    setError(chosen ? checkImageFile(chosen) : null);
  };

  const upload = async () => {
    if (!file || checkImageFile(file)) return;
    setError(null);
    setProgress(0);
    try {
      await onUpload(file, setProgress);
      setFile(null);
    } catch (uploadError) {
      setError(uploadErrorMessage(uploadError));
    } finally {
      setProgress(null);
    }
  };

  const remove = async () => {
    setError(null);
    setIsRemoving(true);
    try {
      await onRemove();
    } catch (removeError) {
      setError(uploadErrorMessage(removeError));
    } finally {
      setIsRemoving(false);
    }
  };

  return (
    <Stack gap="md">
      {preview ?? emptyPreview}
      <FileInput
        label={
          preview ? t('web.org.editor.upload.replace', { noun }) : t('web.org.editor.upload.choose', { noun })
        }
        description={hint}
        placeholder={t('web.org.editor.upload.placeholder')}
        accept={ACCEPTED_IMAGE_TYPES}
        value={file}
        onChange={chooseFile}
        clearable
        disabled={disabled || isBusy}
        leftSection={<IconPhotoUp size={18} aria-hidden />}
      />
      {children}
      {isUploading && (
        <Stack gap={4}>
          <Progress
            value={Math.round(progress * 100)}
            animated
            aria-label={t('web.org.editor.upload.uploadingLabel', { noun })}
          />
          <Text size="xs" c="dimmed">
            {progress < 1
              ? t('web.org.editor.upload.progress', { percent: Math.round(progress * 100) })
              : t('web.org.editor.upload.processing')}
          </Text>
        </Stack>
      )}
      {error && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
          {error}
        </Alert>
      )}
      <Group gap="sm">
        <Button
          onClick={() => void upload()}
          loading={isUploading}
          disabled={disabled || !file || isRemoving || Boolean(error && file && checkImageFile(file))}
          leftSection={<IconPhotoUp size={18} aria-hidden />}
        >
          {preview
            ? t('web.org.editor.upload.uploadNew', { noun })
            : t('web.org.editor.upload.upload', { noun })}
        </Button>
        {preview && (
          <Button
            variant="default"
            color="red"
            onClick={() => void remove()}
            loading={isRemoving}
            disabled={disabled || isUploading}
            leftSection={<IconTrash size={18} aria-hidden />}
          >
            {t('web.org.editor.upload.remove', { noun })}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/client';
import { renderWithProviders } from '../../../test/render';
import { ImageUploader } from './ImageUploader';

const photo = () => new File(['not really a photo'], 'stage.jpg', { type: 'image/jpeg' });

function renderUploader(onUpload: (file: File, onProgress: (fraction: number) => void) => Promise<unknown>) {
  renderWithProviders(
    <ImageUploader
      noun="cover"
      preview={null}
      emptyPreview={<p>No cover yet</p>}
      hint="JPEG, PNG or WebP"
      onUpload={onUpload}
      onRemove={() => Promise.resolve()}
    />,
  );
  const input = document.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error('no file input');
  return input;
}

describe('ImageUploader', () => {
  it('sends the chosen file and clears the choice once it is saved', async () => {
    const user = userEvent.setup();
    const onUpload = vi.fn(() => Promise.resolve());
    const input = renderUploader(onUpload);
    expect(screen.getByRole('button', { name: 'Upload cover' })).toBeDisabled();
    await user.upload(input, photo());
    await user.click(screen.getByRole('button', { name: 'Upload cover' }));
    await waitFor(() => expect(onUpload).toHaveBeenCalledTimes(1));
    expect(onUpload.mock.calls[0]).toEqual([
      expect.objectContaining({ name: 'stage.jpg' }),
      expect.any(Function),
    ]);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Upload cover' })).toBeDisabled());
  });

  it("shows the API's reason when the server refuses the file", async () => {
    const user = userEvent.setup();
    const refused = new ApiError(415, {
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: 'The file must be a JPEG, PNG or WebP image',
    });
    const input = renderUploader(() => Promise.reject(refused));
    await user.upload(input, photo());
    await user.click(screen.getByRole('button', { name: 'Upload cover' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The file must be a JPEG, PNG or WebP image');
  });
});

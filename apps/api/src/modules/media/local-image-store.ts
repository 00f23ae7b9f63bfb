import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertImageKey, contentTypeOfKey, type ImageStore } from './image-store';

/** Image files on local disk, one file per key in `dir` (`${DATA_DIR}/media` by default). */
export function createLocalImageStore(dir: string): ImageStore {
  const root = path.resolve(dir);
  let made: Promise<unknown> | undefined;
  const fileOf = (key: string) => {
    assertImageKey(key);
    return path.join(root, key);
  };

  return {
    async put(key, bytes) {
      const file = fileOf(key);
      made ??= mkdir(root, { recursive: true });
      await made;
      // Written aside then renamed: a reader never sees half a file, even while a twin upload writes it.
      const temporary = path.join(root, `.${randomUUID()}.tmp`);
      await writeFile(temporary, bytes);
      await rename(temporary, file);
    },

    async get(key) {
      const file = fileOf(key);
      try {
        const stats = await stat(file);
        if (!stats.isFile()) return undefined;
        return { body: createReadStream(file), contentType: contentTypeOfKey(key), size: stats.size };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },

    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}

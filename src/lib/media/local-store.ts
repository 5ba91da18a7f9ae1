/**
 * The local media store: a folder whose layout is the keys themselves, so that copying it into the
 * site's output serves every object at `/<key>`. Objects come in as hard links to the media
 * stage's files (no bytes copied when both are on one file system), through a temporary name and
 * a rename, so a reader never sees half an object.
 */
import { randomUUID } from 'node:crypto';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { RECORDS_KEY, type ListedObject, type MediaObject, type MediaRecords, type MediaStore, type ObjectHead } from './store';

/** Where in-flight files wait for their rename; on the store's own file system, and never listed. */
const TEMP_DIR = '_pressroom/tmp';

/** Keys are paths under the root: nothing that could climb out of it or name it. */
function checkKey(key: string): void {
  const segments = key.split('/');
  if (!key || key.includes('\\') || key.includes('\0') || segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new Error(`"${key}" is not a media key: keys are relative paths like media/img/<hash>/photo-960.webp`);
  }
}

/** Percent-encodes each segment, so a key with spaces or non-ASCII letters is still a valid URL path. */
export function encodeKeyPath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

const isMissing = (error: unknown) => ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '');

/** Errors of link(2) after which a plain copy still works (other file system, no hard links there, too many links). */
const LINK_FALLBACK = new Set(['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

export class LocalStore implements MediaStore {
  readonly kind = 'local';
  readonly keepsHeaders = false;
  /** Same-origin: the folder is served with the site. */
  readonly origin = undefined;
  readonly description: string;
  /** The folder; it is made on the first write. */
  readonly root: string;

  constructor(root: string) {
    this.root = root;
    this.description = `folder ${root}`;
  }

  private path(key: string): string {
    checkKey(key);
    return join(this.root, ...key.split('/'));
  }

  private async tempPath(): Promise<string> {
    const dir = join(this.root, TEMP_DIR);
    await mkdir(dir, { recursive: true });
    return join(dir, `${process.pid}-${randomUUID()}`);
  }

  /** Moves `temp` to `target` in one step, making the target's folder first. */
  private async commit(temp: string, target: string): Promise<void> {
    try {
      await mkdir(dirname(target), { recursive: true });
      await rename(temp, target);
    } finally {
      // rename() between two links to one file succeeds without removing the source.
      await rm(temp, { force: true });
    }
  }

  url(key: string): string {
    checkKey(key);
    return `/${encodeKeyPath(key)}`;
  }

  async *list(prefix = ''): AsyncIterable<ListedObject> {
    // Start at the deepest folder the prefix names, not at the root.
    const slash = prefix.lastIndexOf('/');
    const startKey = slash === -1 ? '' : prefix.slice(0, slash);
    yield* this.walk(startKey, prefix);
  }

  private async *walk(dirKey: string, prefix: string): AsyncGenerator<ListedObject> {
    let entries;
    try {
      entries = await readdir(dirKey ? join(this.root, ...dirKey.split('/')) : this.root, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const key = dirKey ? `${dirKey}/${entry.name}` : entry.name;
      if (key === TEMP_DIR) continue;
      if (entry.isDirectory()) {
        if (prefix.startsWith(`${key}/`) || key.startsWith(prefix)) yield* this.walk(key, prefix);
      } else if (entry.isFile() && key.startsWith(prefix)) {
        const info = await stat(join(this.root, ...key.split('/'))).catch((error: unknown) => {
          if (isMissing(error)) return undefined;
          throw error;
        });
        if (info) yield { key, bytes: info.size, lastModified: info.mtime };
      }
    }
  }

  async head(key: string): Promise<ObjectHead | undefined> {
    try {
      const info = await stat(this.path(key));
      return info.isFile() ? { bytes: info.size } : undefined;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async put(object: MediaObject): Promise<void> {
    const target = this.path(object.key);
    const source = await stat(object.file).catch((error: unknown) => {
      if (isMissing(error)) throw new Error(`cannot store ${object.key}: its file ${object.file} does not exist; run npm run build again`);
      throw error;
    });
    if (source.size !== object.bytes) {
      throw new Error(`cannot store ${object.key}: ${object.file} has ${source.size} bytes where the manifest says ${object.bytes}; run npm run build again`);
    }
    const existing = await stat(target).catch(() => undefined);
    // The media stage may have made the file in the store itself.
    if (existing && existing.dev === source.dev && existing.ino === source.ino) return;

    const temp = await this.tempPath();
    try {
      await link(object.file, temp);
    } catch (error) {
      if (!LINK_FALLBACK.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
      await copyFile(object.file, temp);
    }
    await this.commit(temp, target);
  }

  async copy(sourceKey: string, object: MediaObject): Promise<void> {
    // A folder keeps no headers: a link to the twin's file is the same object.
    await this.put({ ...object, file: this.path(sourceKey) });
  }

  async download(key: string, file: string): Promise<void> {
    const source = this.path(key);
    await mkdir(dirname(file), { recursive: true });
    const temp = `${file}.${randomUUID()}.tmp`;
    try {
      await copyFile(source, temp);
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      if (isMissing(error)) throw new Error(`there is no ${key} in the ${this.description}`);
      throw error;
    }
  }

  async remove(keys: string[]): Promise<void> {
    const folders = new Set<string>();
    for (const key of keys) {
      const path = this.path(key);
      await rm(path, { force: true });
      folders.add(dirname(path));
    }
    // Empty folders left behind would otherwise pile up in every copy of the site.
    for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
      let current = folder;
      while (current.startsWith(this.root + sep) && current !== this.root) {
        try {
          await rmdir(current);
        } catch {
          break;
        }
        current = dirname(current);
      }
    }
  }

  async readRecords(key = RECORDS_KEY): Promise<MediaRecords> {
    let text: string;
    try {
      text = await readFile(this.path(key), 'utf8');
    } catch (error) {
      if (isMissing(error)) return {};
      throw error;
    }
    return parseRecords(text, `${this.root}/${key}`);
  }

  async writeRecords(records: MediaRecords, key = RECORDS_KEY): Promise<void> {
    const temp = await this.tempPath();
    await writeFile(temp, JSON.stringify(records));
    await this.commit(temp, this.path(key));
  }
}

/** Parses a records file, saying which file when it is not a JSON object. */
export function parseRecords(text: string, where: string): MediaRecords {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`the media records ${where} are not valid JSON; delete the file and run npm run build again`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`the media records ${where} are not a JSON object; delete the file and run npm run build again`);
  }
  return value as MediaRecords;
}

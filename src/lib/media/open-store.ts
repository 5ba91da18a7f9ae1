/**
 * The one place that turns media settings into a store, so the media stage, the publish step and
 * the deploy script always agree on where the media live.
 */
import { join } from 'node:path';
import type { MediaSettings } from '../../settings';
import { LocalStore } from './local-store';
import { S3Store } from './s3-store';
import { OBJECTS_DIR } from './stage-files';
import type { MediaStore } from './store';

/** The store the settings name: a folder `<cacheDir>/objects` (local), or the bucket (s3). */
export function openMediaStore(settings: MediaSettings): MediaStore {
  if (settings.store === 'local') return new LocalStore(join(settings.cacheDir, OBJECTS_DIR));
  if (!settings.s3 || !settings.publicUrl) {
    throw new Error('PRESS_MEDIA_STORE=s3 needs PRESS_MEDIA_S3_BUCKET and PRESS_MEDIA_URL; read the settings with mediaSettings()');
  }
  return new S3Store({ s3: settings.s3, publicUrl: settings.publicUrl });
}

/**
 * The download links of this build, for pages: the photo packs and press copies the media stage
 * made (src/lib/media/stage.ts), described in the reader's language.
 */
import type { LocaleCode } from '../../i18n/locales';
import type { PhotoEntry } from '../content/public-content';
import type { Release } from '../content/releases';
import { attachmentMedia, packMedia, photoMedia } from '../media/site-media';
import { paths } from '../view/urls';
import { attachmentLink, originalLink, packLink, type AttachmentLink, type OriginalLink, type PackLink } from './download-links';

/** The ZIP of a release's photos, or undefined when it has none. */
export function releasePackLink(release: Release, locale: LocaleCode): PackLink | undefined {
  const pack = packMedia(paths.releasePack(release.slug));
  return pack && packLink(pack, locale);
}

/** The ZIP of every published photo taken at an event, or undefined when there is none. */
export function eventPackLink(eventId: string, locale: LocaleCode): PackLink | undefined {
  const pack = packMedia(paths.eventPack(eventId));
  return pack && packLink(pack, locale);
}

/** The single press copy of a published photo. */
export function originalPhotoLink(photo: PhotoEntry, locale: LocaleCode): OriginalLink {
  return originalLink(photoMedia(photo.id).original, locale);
}

/** Each attachment of a release, described in the reader's language. */
export function releaseAttachmentLinks(release: Release, locale: LocaleCode): AttachmentLink[] {
  return release.attachments.map((attachment) => attachmentLink(attachment, attachmentMedia(paths.attachment(release.slug, attachment.file)), locale));
}

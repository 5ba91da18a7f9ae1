/**
 * What goes into each photo pack, decided from the already-filtered content (only published
 * releases and their photos): file names, caption sheets, README and release texts. No file is
 * touched here; the media stage (src/lib/media/stage.ts) turns a plan into a ZIP.
 */
import { dirname, resolve } from 'node:path';
import { defaultLocale, localeCodes, type LocaleCode } from '../../i18n/locales';
import { useTranslations } from '../../i18n/ui';
import { siteConfig } from '../../site.config';
import { photosOf, photosOfEvent, pressContactOf, publisherOf, type PhotoEntry, type SiteContent } from '../content/public-content';
import { aboutIn, contactLine } from '../view/press-contact';
import { formatDay, formatLocalDay, formatMoment } from '../view/date-format';
import { labelled, parenthesized } from '../view/punctuation';
import { textIn } from '../view/localized-text';
import { creditForDisplay } from '../view/photo-caption';
import { captionsCsv, captionsText, type CaptionLabels } from './pack-texts';
import type { PhotoMetadata } from './press-copy';
import { releaseInLocale, type Release } from '../content/releases';
import { absoluteUrl, paths } from '../view/urls';
import { pressMetadata } from './press-metadata';
import { readmeText } from './readme';
import { markdownText, plainMarkdown } from './release-text';
import { ATTACHMENTS_FOLDER } from '../content/attachment-checks';

/** A photo as it travels: the committed original and what the press copy of it will say. */
export interface PackPhoto {
  id: string;
  /** Absolute path of the committed original. */
  source: string;
  meta: PhotoMetadata;
}

/** A release's attachment as it goes into the pack: under `files/`, the committed file unchanged. */
export interface PackAttachment {
  /** Name in the ZIP: `files/<file name>`. */
  name: string;
  /** Absolute path of the committed file. */
  source: string;
}

export interface PackText {
  name: string;
  text: string;
}

export interface PackPlan {
  kind: 'release' | 'event';
  /** Release slug or event id. */
  id: string;
  /** Site-relative URL of the ZIP. */
  href: string;
  photos: PackPhoto[];
  /** The release's attachments (none in an event's pack, which gathers photos only). */
  attachments: PackAttachment[];
  /** Every text file but SHA256SUMS, which needs the finished press copies. */
  texts: PackText[];
  /** Wall-clock time stamped on every entry (the release's publication time in the site's zone). */
  modifiedAt: string;
  /** The credit line(s) to print with these photos, per locale. */
  credits: Record<LocaleCode, string>;
}

export const SUMS_FILE = 'SHA256SUMS';
const CSV_FILE = 'captions.csv';
const captionsFile = (locale: LocaleCode) => `captions-${locale}.txt`;

/** The press copy of one published photo. */
export function packPhoto(content: SiteContent, photo: PhotoEntry): PackPhoto {
  if (!photo.filePath) throw new Error(`Photo "${photo.id}" has no caption file path`);
  const source = resolve(dirname(photo.filePath), photo.data.image);
  return { id: photo.id, source, meta: pressMetadata(photo, content, absoluteUrl(paths.usageTerms(defaultLocale))) };
}

export function releasePackPlan(content: SiteContent, release: Release): PackPlan | undefined {
  const photos = photosOf(content, release).map((photo) => packPhoto(content, photo));
  if (photos.length === 0) return undefined;
  const inPack = new Set(photos.map((photo) => photo.id));
  const releaseTexts = releaseTextFiles(content, release, inPack, (code) => `release-${code}.md`);
  const title = perLocale((code) => useTranslations(code)('pack.readme.releaseTitle', { title: releaseInLocale(release, code).entry.data.title }));
  return plan(content, 'release', release.slug, paths.releasePack(release.slug), photos, releaseTexts, [release], title, releaseAttachments(release));
}

export function eventPackPlan(content: SiteContent, eventId: string): PackPlan | undefined {
  const event = content.events.get(eventId);
  const photoEntries = photosOfEvent(content, eventId);
  if (!event || photoEntries.length === 0) return undefined;
  const photos = photoEntries.map((photo) => packPhoto(content, photo));
  const inPack = new Set(photos.map((photo) => photo.id));
  // The releases about the event, and any other release a photo of it appeared in; oldest first.
  const releases = content.releases
    .filter((release) => release.event === eventId || release.photos.some((id) => inPack.has(id)))
    .reverse();
  const releaseTexts = releases.flatMap((release) => releaseTextFiles(content, release, inPack, (code) => `release-${release.slug}-${code}.md`));
  const title = perLocale((code) => useTranslations(code)('pack.readme.eventTitle', { event: textIn(event.data.name, code) }));
  return plan(content, 'event', eventId, paths.eventPack(eventId), photos, releaseTexts, releases, title);
}

/** Where each of a release's attachments is committed, and its name in a pack. */
export function releaseAttachments(release: Release): PackAttachment[] {
  const folder = dirname(resolve(release.original.filePath ?? `content/releases/${release.original.id}.mdx`));
  return release.attachments.map((attachment) => ({ name: `${ATTACHMENTS_FOLDER}/${attachment.file}`, source: resolve(folder, ATTACHMENTS_FOLDER, attachment.file) }));
}

function plan(
  content: SiteContent,
  kind: PackPlan['kind'],
  id: string,
  href: string,
  photos: PackPhoto[],
  releaseTexts: PackText[],
  releases: Release[],
  title: Record<LocaleCode, string>,
  attachments: PackAttachment[] = [],
): PackPlan {
  const metas = photos.map((photo) => photo.meta);
  const credits = perLocale((code) => creditLine(metas, code));
  const captionSheets = localeCodes.map((code) => ({ name: captionsFile(code), text: captionsText(code, metas, captionLabels(code), { formatDate: formatTaken }) }));
  const readme = readmeText({
    title,
    credits,
    termsUrl: perLocale((code) => absoluteUrl(paths.usageTerms(code))),
    contact: packContact(content, releases.at(-1)),
    about: perLocale((code) => aboutText(content, code)),
    files: { captions: captionSheets.map((sheet) => sheet.name), csv: CSV_FILE, releaseTexts: releaseTexts.map((text) => text.name), attachments: attachments.map((attachment) => attachment.name), sums: SUMS_FILE },
  });
  const newest = releases.map((release) => release.updated ?? release.date).sort((a, b) => b.getTime() - a.getTime())[0];
  return {
    kind,
    id,
    href,
    photos,
    attachments,
    texts: [
      { name: 'README.txt', text: readme },
      ...captionSheets,
      { name: CSV_FILE, text: captionsCsv(metas, localeCodes) },
      ...releaseTexts,
    ],
    modifiedAt: newest ? wallClockIn(newest, siteConfig.timeZone) : '1980-01-01T00:00:00',
    credits,
  };
}

function perLocale<T>(make: (code: LocaleCode) => T): Record<LocaleCode, T> {
  return Object.fromEntries(localeCodes.map((code) => [code, make(code)])) as Record<LocaleCode, T>;
}

/** Each distinct credit once, in the order the photos come, as people read it ("© Name"). */
export function creditLine(photos: PhotoMetadata[], locale: LocaleCode): string {
  const credits = [...new Set(photos.map((photo) => creditForDisplay(photo.credits?.[locale] ?? photo.credit)))];
  return credits.join(useTranslations(locale)('pack.captions.listSeparator'));
}

export function captionLabels(locale: LocaleCode): CaptionLabels {
  const t = useTranslations(locale);
  return {
    file: t('pack.captions.file'),
    caption: t('pack.captions.caption'),
    credit: t('pack.captions.credit'),
    people: t('pack.captions.people'),
    date: t('pack.captions.date'),
    place: t('pack.captions.place'),
    separator: t('pack.captions.separator'),
    listSeparator: t('pack.captions.listSeparator'),
  };
}

/** A day as the content wrote it, or the day of a moment in the site's time zone. */
function formatTaken(taken: string, locale: string): string {
  const code = locale as LocaleCode;
  return taken.length === 10 ? formatLocalDay(taken, code) : formatDay(new Date(taken), code);
}

/** `2023-04-03T09:00:00` for the instant as a clock in `timeZone` shows it: ZIP stores no zone. */
export function wallClockIn(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The press contact of the newest release in the pack, in every language. */
function packContact(content: SiteContent, release: Release | undefined): Record<LocaleCode, string> | undefined {
  const contact = release && pressContactOf(content, release);
  return contact && perLocale((code) => contactLine(contact, code));
}

/** The publisher's "About" heading and paragraph as plain text, or undefined without one. */
function aboutText(content: SiteContent, locale: LocaleCode): { heading: string; text: string } | undefined {
  const publisher = publisherOf(content);
  const about = publisher && aboutIn(publisher, locale);
  return about && { heading: `${about.heading.before}${about.heading.name.text.trim()}${about.heading.after}`, text: about.text.text.trim() };
}

/** One Markdown file per language the release really exists in. */
function releaseTextFiles(content: SiteContent, release: Release, inPack: Set<string>, name: (code: LocaleCode) => string): PackText[] {
  return localeCodes
    .filter((code) => release.versions[code])
    .map((code) => ({ name: name(code), text: releaseMarkdown(content, release, code, inPack) }));
}

function releaseMarkdown(content: SiteContent, release: Release, locale: LocaleCode, inPack: Set<string>): string {
  const t = useTranslations(locale);
  const entry = release.versions[locale]!;
  const file = entry.filePath ?? entry.id;
  const { title, subtitle, byline } = entry.data;
  const writePhoto = (id: string) => {
    const photo = content.photos.get(id);
    if (!photo) throw new Error(`${file}: <Photo id="${id}"> is not one of the release's published photos`);
    const caption = `${markdownText(textIn(photo.data.caption, locale))} ${parenthesized(t, `${labelled(t, 'photo.credit')}${markdownText(textIn(photo.data.credit, locale))}`)}`;
    return inPack.has(id) ? `![${markdownText(textIn(photo.data.alt, locale))}](${id}.jpg)\n\n${caption}` : caption;
  };
  // Published and byline apart as on the release page (ReleaseArticle.astro): " · " in every language.
  const published = `${labelled(t, 'release.published')}${formatMoment(release.date, locale)}${byline ? ` · ${labelled(t, 'release.byline')}${markdownText(byline)}` : ''}`;
  const contact = pressContactOf(content, release);
  const about = aboutText(content, locale);
  const corrections = release.corrections.map(
    (correction) => `> ${labelled(t, 'release.corrected', { date: formatMoment(correction.date, locale) })}${markdownText(correction.notes[locale] ?? correction.notes[defaultLocale]!)}`,
  );
  return [
    `# ${markdownText(title)}`,
    ...(subtitle ? [`**${markdownText(subtitle)}**`] : []),
    published,
    ...(corrections.length > 0 ? [corrections.join('\n>\n')] : []),
    plainMarkdown(entry.body ?? '', file, writePhoto).trimEnd(),
    '---',
    ...(about ? [`## ${markdownText(about.heading)}`, markdownText(about.text)] : []),
    ...(contact ? [t('pack.readme.contact', { contact: markdownText(contactLine(contact, locale)) })] : []),
    t('pack.release.source', { url: absoluteUrl(paths.release(locale, release.slug)) }),
  ].join('\n\n') + '\n';
}

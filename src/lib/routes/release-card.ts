import type { LocaleCode } from '../../i18n/locales';
import { releaseInLocale, type Release } from '../content/releases';
import type { SiteContent } from '../content/public-content';
import type { WebImage } from '../media/manifest';
import { photoMedia } from '../media/site-media';
import { textIn } from '../view/localized-text';
import { paths } from '../view/urls';

/** What a list shows of one release, in the reader's language where it exists. */
export interface ReleaseCard {
  href: string;
  title: string;
  summary: string;
  date: Date;
  /** Language the title and summary are written in (the original's when not translated). */
  textLocale: LocaleCode;
  isFallback: boolean;
}

export function releaseCard(release: Release, locale: LocaleCode): ReleaseCard {
  const { entry, textLocale, isFallback } = releaseInLocale(release, locale);
  return {
    href: paths.release(locale, release.slug),
    title: entry.data.title,
    summary: entry.data.summary,
    date: release.date,
    textLocale,
    isFallback,
  };
}

/** A card with the release's hero photo as a thumbnail, for the home page. */
export interface ReleaseCardWithImage extends ReleaseCard {
  image?: { images: WebImage[]; alt: string };
}

export function releaseCardWithImage(content: SiteContent, release: Release, locale: LocaleCode): ReleaseCardWithImage {
  const hero = release.hero ? content.photos.get(release.hero) : undefined;
  return {
    ...releaseCard(release, locale),
    image: hero && { images: photoMedia(hero.id).images, alt: textIn(hero.data.alt, locale) },
  };
}

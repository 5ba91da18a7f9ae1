import type { LocaleCode } from '../../i18n/locales';
import { releaseInLocale, type Release } from '../content/releases';
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

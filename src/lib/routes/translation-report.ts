import { dirname } from 'node:path';
import { defaultLocale } from '../../i18n/locales';
import { useTranslations } from '../../i18n/ui';
import { siteContent } from '../content/site-content';
import { pageMeta } from '../view/page-meta';
import { releaseTranslations } from '../content/translation-status';

export const TRANSLATION_STATUS_PATH = '/internal/translations/';

/**
 * The press team's translation overview. It lists only releases the build publishes: the page is
 * public (unlinked, noindex), so an embargoed title must not appear on it.
 */
export async function translationStatusPage() {
  const content = await siteContent();
  const t = useTranslations(defaultLocale);
  return {
    locale: defaultLocale,
    rows: content.releases.map((release) => ({
      release,
      statuses: releaseTranslations(dirname(release.original.filePath ?? ''), release.slug),
    })),
    meta: pageMeta({
      locale: defaultLocale,
      heading: t('translations.title'),
      description: t('translations.title'),
      pathIn: () => TRANSLATION_STATUS_PATH,
      translatedIn: [defaultLocale],
      xDefault: TRANSLATION_STATUS_PATH,
      noindex: true,
    }),
  };
}

import { defaultLocale, locales, type LocaleCode } from '../../i18n/locales';
import { useTranslations } from '../../i18n/ui';
import { siteConfig } from '../../site.config';
import { signupUrl } from '../../settings';
import { siteContent, type SiteContent } from '../content/site-content';
import { pageMeta } from '../view/page-meta';
import { absoluteUrl, paths } from '../view/urls';
import { feedLinksOf, topicKinds, topicsIn } from './topics';

/** A feed as the Subscribe page offers it: the address to copy (absolute) and the link (site-relative). */
export interface FeedAddress {
  url: string;
  href: string;
}

const address = (href: string): FeedAddress => ({ url: absoluteUrl(href), href });

/**
 * Every feed of a language in one place: a journalist following one organization should not
 * have to find its page first. The e-mail form appears only when a list service is set
 * (`PRESS_SIGNUP_URL`), since the site itself cannot send mail.
 */
export function subscribePage(content: SiteContent, locale: LocaleCode, signup: string | undefined) {
  const t = useTranslations(locale);
  const topics = topicsIn(content, locale);
  return {
    locale,
    siteWide: { rss: address(paths.rss(locale)), json: address(paths.jsonFeed(locale)) },
    groups: topicKinds
      .map((kind) => ({
        kind,
        heading: t(`subscribe.${kind}`),
        topics: topics[kind].map((topic) => {
          const feeds = feedLinksOf(topic, locale);
          return { id: `${kind}-${topic.id}`, name: topic.name, nameLocale: topic.nameLocale, href: topic.href, rss: address(feeds.rss.href), json: address(feeds.json.href) };
        }),
      }))
      .filter((group) => group.topics.length > 0),
    signup: signup ? { action: signup } : undefined,
    meta: pageMeta({
      locale,
      heading: t('subscribe.title'),
      description: t('subscribe.description'),
      pathIn: paths.subscribe,
      xDefault: paths.subscribe(defaultLocale),
      searchable: false,
    }),
  };
}
export type SubscribePageProps = ReturnType<typeof subscribePage>;

export async function subscribePagePaths() {
  // The embargoed preview has no feeds to offer (feeds.ts), and its readers must not sign up from it.
  if (siteConfig.preview) return [];
  const content = await siteContent();
  const signup = signupUrl();
  return locales.map((locale) => ({ params: { lang: locale.path }, props: subscribePage(content, locale.code, signup) }));
}

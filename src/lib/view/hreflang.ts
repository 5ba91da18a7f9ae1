import { locales, type LocaleCode } from '../../i18n/locales';
import { absoluteUrl } from './urls';

export interface AlternateLink {
  /** BCP 47 tag or `x-default`. */
  hreflang: string;
  /** Absolute URL. */
  href: string;
}

/**
 * hreflang links for one set of language versions. Only real versions are listed (a page that
 * shows the original because no translation exists is not an alternate), in locale config order,
 * plus x-default. Every version emits the same list, which makes the links reciprocal.
 */
export function alternateLinks(versions: Partial<Record<LocaleCode, string>>, xDefaultPath: string): AlternateLink[] {
  const links = locales
    .filter((locale) => versions[locale.code] !== undefined)
    .map((locale) => ({ hreflang: locale.code, href: absoluteUrl(versions[locale.code]!) }));
  return [...links, { hreflang: 'x-default', href: absoluteUrl(xDefaultPath) }];
}

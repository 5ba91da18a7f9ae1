/**
 * A page's language is settled once, by src/middleware.ts, and components read it from
 * `Astro.locals` rather than from props. The container API runs no middleware, so these renders
 * pass the locals the middleware would have set, made by the middleware itself.
 */
import type { APIContext, MiddlewareNext } from 'astro';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { load } from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import BaseLayout from '../../../src/layouts/BaseLayout.astro';
import NotFoundMessage from '../../../src/components/NotFoundMessage.astro';
import { defaultLocale, type LocaleCode } from '../../../src/i18n/locales';
import { uiStrings } from '../../../src/i18n/ui';
import { notFoundPage } from '../../../src/lib/routes/not-found';
import { onRequest } from '../../../src/middleware';

/** The locals the middleware sets for a page whose `[lang]` segment is `lang` (none outside `[lang]`). */
async function localsFor(lang: string | undefined): Promise<App.Locals> {
  const context = { params: lang === undefined ? {} : { lang }, locals: {} } as unknown as APIContext;
  const next: MiddlewareNext = async () => new Response('page');
  const response = await onRequest(context, next);
  expect(await (response as Response).text()).toBe('page');
  return context.locals;
}

describe('src/middleware.ts', () => {
  it.each([
    ['ko', 'ko'],
    ['en', 'en'],
    ['zh-hant', 'zh-Hant'],
  ] as const)('/%s/… gives the page locale %s and its UI strings', async (lang, code) => {
    const locals = await localsFor(lang);
    expect(locals.locale).toBe(code);
    expect(locals.t('nav.home')).toBe(uiStrings[code]['nav.home']);
    expect(locals.t('archive.page', { page: 2, total: 5 })).toBe(uiStrings[code]['archive.page'].replace('{{page}}', '2').replace('{{total}}', '5'));
  });

  it('gives pages outside [lang] (/, /404, /internal/…) the default locale', async () => {
    const locals = await localsFor(undefined);
    expect(locals.locale).toBe(defaultLocale);
    expect(locals.t('site.name')).toBe(uiStrings[defaultLocale]['site.name']);
  });

  it('gives a segment that is no locale (a path that 404s) the default locale rather than failing', async () => {
    expect((await localsFor('xx')).locale).toBe(defaultLocale);
    // Locale paths are lower case; the BCP 47 code is not a path.
    expect((await localsFor('zh-Hant')).locale).toBe(defaultLocale);
  });
});

describe('components read t and the locale from Astro.locals', () => {
  let container: AstroContainer;
  beforeAll(async () => {
    container = await AstroContainer.create();
  });

  async function notFoundIn(lang: string) {
    const $ = load(await container.renderToString(NotFoundMessage, { locals: await localsFor(lang) }));
    return { heading: $('h1').text(), home: $('a').attr('href') };
  }

  it('renders a UI string in Korean and in English, with no t or locale passed as props', async () => {
    const ko = await notFoundIn('ko');
    const en = await notFoundIn('en');
    expect(ko).toEqual({ heading: uiStrings.ko['notFound.title'], home: '/ko/' });
    expect(en).toEqual({ heading: uiStrings.en['notFound.title'], home: '/en/' });
    expect(ko.heading).not.toBe(en.heading);
  });

  it('renders the layout chrome in the page language', async () => {
    for (const [lang, code] of [['ko', 'ko'], ['en', 'en']] as Array<[string, LocaleCode]>) {
      const html = await container.renderToString(BaseLayout, { locals: await localsFor(lang), props: { meta: notFoundPage(code).meta } });
      const $ = load(html);
      expect($('html').attr('lang')).toBe(code);
      expect($('a.skip-link').text()).toBe(uiStrings[code]['nav.skipToContent']);
      expect($('.site-header nav[aria-label]').attr('aria-label')).toBe(uiStrings[code]['nav.main']);
      expect($('meta[property="og:site_name"]').attr('content')).toBe(uiStrings[code]['site.name']);
    }
  });

  it('names the missing middleware when a render has no page language', async () => {
    await expect(container.renderToString(BaseLayout, { props: { meta: notFoundPage('en').meta } })).rejects.toThrow(/Astro.locals holds no page language/);
  });

  it("refuses a page whose meta's language is not the one the middleware set", async () => {
    await expect(container.renderToString(BaseLayout, { locals: await localsFor('ko'), props: { meta: notFoundPage('en').meta } })).rejects.toThrow(
      /meta is in "en" but Astro.locals.locale is "ko"/,
    );
  });
});

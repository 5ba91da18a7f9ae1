/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The page's language, set by src/middleware.ts from the `[lang]` segment (the default locale outside it). */
    locale: import('./i18n/locales').LocaleCode;
    /** UI strings in the page's language, resolved once per page by src/middleware.ts. */
    t: import('./i18n/ui').Translate;
    /** Set by a release page so that `<Photo>` inside the MDX body knows its text and photos. */
    release?: {
      /** Language the body text is written in. */
      textLocale: import('./i18n/locales').LocaleCode;
      photos: import('./lib/content/site-content').PhotoEntry[];
      /** Each photo as its figure shows it, in the reader's language (src/lib/view/photo-figure.ts). */
      figures: import('./lib/view/photo-figure').PhotoFigureView[];
      /** The MDX file being rendered, for error messages. */
      file: string;
    };
  }
}

/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Set by a release page so that `<Photo>` inside the MDX body knows its language and photos. */
    release?: {
      locale: import('./i18n/locales').LocaleCode;
      /** Language the body text is written in. */
      textLocale: import('./i18n/locales').LocaleCode;
      photos: import('./lib/content/site-content').PhotoEntry[];
      people: Map<string, import('./lib/content/site-content').PersonEntry>;
      /** The MDX file being rendered, for error messages. */
      file: string;
    };
  }
}

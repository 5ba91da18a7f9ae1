import { z } from 'astro/zod';
import { defaultLocale, localeCodes, type DefaultLocale, type LocaleCode } from '../i18n/locales';

/** Text that exists in the original language and, optionally, in each translation. */
export type LocalizedText = { [K in DefaultLocale]: string } & {
  [K in Exclude<LocaleCode, DefaultLocale>]?: string;
};

const filledIn = z.string().trim().min(1, 'is empty: write the text, or remove the line');

/**
 * Schema for `LocalizedText`, built from the locale config so that a new language needs no schema
 * change. Strict, so that a misspelt language key (`zh-hant`, `zh`) is reported rather than ignored.
 */
export function localizedText(what: string) {
  const shape = Object.fromEntries(
    localeCodes.map((code) => [
      code,
      code === defaultLocale
        ? z.string({
            error: `${what} in the original language (${defaultLocale}) is required: add a "${defaultLocale}:" line`,
          }).trim().min(1, `${what} in ${defaultLocale} is empty: write it`)
        : filledIn.optional(),
    ]),
  );
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown language key ${issue.keys.map((key) => `"${key}"`).join(', ')} in ${what}: use ${localeCodes.join(', ')}`
        : `${what} must list the text per language, e.g. { ${defaultLocale}: "…", en: "…" }`,
  }) as unknown as z.ZodType<LocalizedText>;
}

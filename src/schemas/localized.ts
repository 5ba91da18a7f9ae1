import { z } from 'astro/zod';
import { defaultLocale, localeCodes, type DefaultLocale, type LocaleCode } from '../i18n/locales';

/** Text that exists in the original language and, optionally, in each translation. */
export type LocalizedText = { [K in DefaultLocale]: string } & {
  [K in Exclude<LocaleCode, DefaultLocale>]?: string;
};

/**
 * Schema for `LocalizedText`, built from the locale config so that a new language needs no schema
 * change. Strict, so that a misspelt language key (`zh-hant`, `zh`) is reported rather than
 * ignored; a language written but left empty is reported too (leave the line out instead).
 */
export function localizedText() {
  const shape = Object.fromEntries(
    localeCodes.map((code) => [code, code === defaultLocale ? z.string().trim().min(1) : z.string().trim().min(1).optional()]),
  );
  return z.strictObject(shape) as unknown as z.ZodType<LocalizedText>;
}

/**
 * README.txt of a pack: in every language, original first, what the archive holds, on what terms
 * the photos may be used and which credit line must be printed with them.
 */
import { localeCodes, type LocaleCode } from '../../i18n/locales';
import { useTranslations } from '../../i18n/ui';

export interface ReadmeInput {
  /** The pack's heading per locale, e.g. "Photos of the press release: …". */
  title: Record<LocaleCode, string>;
  /** Credit line(s) per locale. */
  credits: Record<LocaleCode, string>;
  /** The usage-terms page per locale, absolute. */
  termsUrl: Record<LocaleCode, string>;
  /** Who to ask, per locale, as printed in the release. */
  contact?: Record<LocaleCode, string>;
  /** The publisher's "About" heading and paragraph per locale (the boilerplate), where it has one. */
  about: Record<LocaleCode, { heading: string; text: string } | undefined>;
  /** The text files the archive holds, by kind, named as in the ZIP (photos are listed as *.jpg). */
  files: { captions: string[]; csv: string; releaseTexts: string[]; attachments?: string[]; sums: string };
}

export function readmeText(input: ReadmeInput): string {
  return `${localeCodes.map((code) => section(code, input)).join('\n----------------------------------------\n\n')}`;
}

function section(locale: LocaleCode, input: ReadmeInput): string {
  const t = useTranslations(locale);
  const { files } = input;
  const about = input.about[locale];
  const separator = t('pack.captions.separator');
  const fileLines: Array<[string[], string]> = [
    [['*.jpg'], t('pack.readme.filePhotos')],
    [files.captions, t('pack.readme.fileCaptions')],
    [[files.csv], t('pack.readme.fileCsv')],
    [files.releaseTexts, t('pack.readme.fileRelease')],
    [files.attachments ?? [], t('pack.readme.fileAttachments')],
    [[files.sums], t('pack.readme.fileSums')],
  ];
  const lines = [
    input.title[locale],
    '',
    t('pack.readme.intro'),
    '',
    t('usageTerms.summary'),
    t('pack.creditLine', { credit: input.credits[locale] }),
    t('pack.readme.terms', { url: input.termsUrl[locale] }),
    ...(input.contact ? [t('pack.readme.contact', { contact: input.contact[locale] })] : []),
    '',
    ...(about ? [about.heading, about.text, ''] : []),
    `${t('pack.readme.files')}${separator.trimEnd()}`,
    ...fileLines.filter(([names]) => names.length > 0).map(([names, what]) => `  ${names.join(', ')}${separator}${what}`),
  ];
  return `${lines.join('\n')}\n`;
}

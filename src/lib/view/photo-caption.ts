import type { LocalizedText } from '../../schemas/localized';
import type { LocaleCode } from '../../i18n/locales';
import { pickText, type PickedText } from './localized-text';

/**
 * A credit as the page shows it: a copyright notice written "(c) Name", "(C)Name" or "©Name"
 * reads "© Name". For display only: the data (and the packs' embedded metadata) keep the text as
 * written.
 */
export function creditForDisplay(credit: string): string {
  const notice = /^\s*(?:\(c\)|©)\s*/i.exec(credit);
  return notice ? `© ${credit.slice(notice[0].length).trim()}` : credit.trim();
}

const comparable = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').toLocaleLowerCase();

/**
 * True when the caption already names every person shown, so a "people shown" list would only
 * repeat it. A person counts as named when their name in the page's language, or in the caption's
 * own language when the caption falls back to the original, is part of the caption.
 */
export function captionNamesEveryone(caption: PickedText, names: LocalizedText[], locale: LocaleCode): boolean {
  const text = comparable(caption.text);
  return names.every((name) => {
    const candidates = [pickText(name, locale).text, ...(caption.isFallback ? [pickText(name, caption.locale).text] : [])];
    return candidates.some((candidate) => candidate.trim() !== '' && text.includes(comparable(candidate.trim())));
  });
}

/**
 * A short name for a photo in a download link's accessible name: its headline when it has one,
 * otherwise its caption (or alt text) cut at a word near `max` characters.
 */
export function shortPhotoTitle(headline: string | undefined, caption: string, max = 60): string {
  if (headline?.trim()) return headline.trim();
  const text = caption.replace(/\s+/g, ' ').trim();
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:，、。：；]+$/u, '')}…`;
}

/**
 * What a photo figure shows, in the reader's language: the picture, then a caption block (the
 * caption, a smaller credit line, the people shown when the caption does not already name them)
 * and a download link whose accessible name says which photo it fetches.
 */
import type { LocaleCode } from '../../i18n/locales';
import type { Translate } from '../../i18n/ui';
import type { PersonEntry, PhotoEntry } from '../content/public-content';
import type { WebImage } from '../media/manifest';
import { photoMedia } from '../media/site-media';
import type { OriginalLink } from '../packs/download-links';
import { originalPhotoLink } from '../packs/site-packs';
import { pickText, textIn, type PickedText } from './localized-text';
import { captionNamesEveryone, creditForDisplay, shortPhotoTitle } from './photo-caption';
import { textAround } from './punctuation';

export interface PersonShown {
  /** Text before and after the name: "{{name}} ({{position}})" comes from the strings, brackets included. */
  before: string;
  name: PickedText;
  after: string;
}

export interface PhotoFigureView {
  id: string;
  images: WebImage[];
  alt: string;
  caption: PickedText;
  /** The credit as printed: "© Name" where it is a copyright notice. */
  credit: string;
  /** Empty when the caption names everyone already. */
  people: PersonShown[];
  original: OriginalLink;
  /** A name for the photo in download lists: its headline, or its caption cut short. */
  title: string;
  /** "Download original of photo 2: …": unique on the page. */
  downloadLabel: string;
}

/** `number` counts the release's photos from 1, in the order the release lists them. */
export function photoFigure(photo: PhotoEntry, people: Map<string, PersonEntry>, locale: LocaleCode, t: Translate, number: number): PhotoFigureView {
  const caption = pickText(photo.data.caption, locale);
  const alt = textIn(photo.data.alt, locale);
  const shown = photo.data.people.map((person) => ({
    ...textAround(t, 'photo.personAt', 'name', { position: t(`position.${person.position}`) }),
    name: pickText(people.get(person.person.id)!.data.name, locale),
  }));
  const namesEveryone = captionNamesEveryone(caption, photo.data.people.map((person) => people.get(person.person.id)!.data.name), locale);
  const title = shortPhotoTitle(photo.data.headline ? textIn(photo.data.headline, locale) : undefined, caption.text || alt);
  return {
    id: photo.id,
    images: photoMedia(photo.id).images,
    alt,
    caption,
    credit: creditForDisplay(textIn(photo.data.credit, locale)),
    people: namesEveryone ? [] : shown,
    original: originalPhotoLink(photo, locale),
    title,
    downloadLabel: t('photo.downloadOriginalOf', { number, title }),
  };
}

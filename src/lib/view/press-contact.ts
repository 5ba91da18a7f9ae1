/**
 * The press contact and the publisher's "About" paragraph as a page or a pack prints them, in
 * the reader's language (the original's where a translation is missing, marked so).
 */
import type { LocaleCode } from '../../i18n/locales';
import { useTranslations } from '../../i18n/ui';
import type { ContactEntry, OrganizationEntry } from '../content/public-content';
import { pickText, type PickedText } from './localized-text';
import { parenthesized, textAround } from './punctuation';

export interface ContactView {
  name: PickedText;
  role?: PickedText;
  email: string;
  phone?: string;
  /** `tel:` address: the number's digits and a leading plus only. */
  telHref?: string;
}

export interface AboutView {
  /** "About {{organization}}" in the reader's language, split around the name, which may be in another. */
  heading: { before: string; name: PickedText; after: string };
  text: PickedText;
}

export function contactIn(contact: ContactEntry, locale: LocaleCode): ContactView {
  const { name, role, email, phone } = contact.data;
  return {
    name: pickText(name, locale),
    role: role && pickText(role, locale),
    email,
    phone,
    telHref: phone && `tel:${phone.replace(/[^+\d]/g, '')}`,
  };
}

/** One line of plain text for README files and release texts: "name (role) · e-mail · phone". */
export function contactLine(contact: ContactEntry, locale: LocaleCode): string {
  const view = contactIn(contact, locale);
  const t = useTranslations(locale);
  const role = view.role && parenthesized(t, view.role.text.trim());
  // Half-width brackets are set off by a space; full-width ones carry their own.
  const who = role ? `${view.name.text.trim()}${role.startsWith('(') ? ' ' : ''}${role}` : view.name.text.trim();
  return [who, view.email, view.phone].filter(Boolean).join(' · ');
}

export function aboutIn(organization: OrganizationEntry, locale: LocaleCode): AboutView | undefined {
  const { about } = organization.data;
  if (!about) return undefined;
  const heading = textAround(useTranslations(locale), 'release.about', 'organization');
  return { heading: { ...heading, name: pickText(organization.data.name, locale) }, text: pickText(about, locale) };
}

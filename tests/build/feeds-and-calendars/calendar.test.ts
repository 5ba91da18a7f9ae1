import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { parse as parseYaml } from 'yaml';
import { describe, expect, inject, it } from 'vitest';
import { locales } from '../../../src/i18n/locales';
import { loadPage } from '../../helpers/html';
import { projectRoot } from '../../helpers/build-site';

const siteDir = inject('siteDir');
const eventFile = parseYaml(readFileSync(join(projectRoot, 'content/events/scse-2023.yaml'), 'utf8'));

describe.each(locales)('the $code event page', (locale) => {
  const $ = loadPage(siteDir, `/${locale.path}/events/scse-2023/`);
  const href = $('main a[href$=".ics"]').attr('href')!;
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(join(siteDir, href), 'utf8')));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  const event = new ICAL.Event(vevent);

  it('links an .ics file for download', () => {
    expect(href).toBe(`/${locale.path}/events/scse-2023.ics`);
    expect($(`main a[href="${href}"]`).attr('download')).toBeDefined();
  });

  it('has the event’s days as announced in Asia/Taipei, as whole days', () => {
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe('2023-03-28');
    // DTEND of a whole-day event is exclusive: the last day is 31 March.
    expect(event.endDate.toString()).toBe('2023-04-01');
    expect(calendar.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe(eventFile.timeZone);
    expect(event.description).toContain(eventFile.timeZone);
  });

  it('names the event and its place in this language, with the page as URL', () => {
    expect(event.summary).toBe(eventFile.name[locale.code]);
    expect(event.location).toContain(eventFile.venue[locale.code]);
    expect(vevent.getFirstPropertyValue('url')).toBe(`https://press.sdf.example.org/${locale.path}/events/scse-2023/`);
  });

  it('keeps one UID across languages, so imports update one calendar entry', () => {
    expect(event.uid).toBe('scse-2023@press.sdf.example.org');
  });
});

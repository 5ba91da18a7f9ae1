/**
 * GFM footnotes get their heading ("Footnotes") and the back-links' accessible names ("Back to
 * reference 1") from the Markdown processor, in English and once for every file. This plugin
 * words them in the language of the file being compiled (`ko.mdx`, `en.mdx`, `zh-hant.mdx`), which
 * is also the language the page marks the body as, original shown as fallback included.
 */
import { defineHastPlugin, type HastPluginEntry, type PluginFactoryContext } from 'satteri';
import { fileURLToPath } from 'node:url';
import { basename } from 'node:path';
import { isLocalePath, localeByPath } from '../../i18n/locales';
import { useTranslations } from '../../i18n/ui';

export const footnoteLabels: HastPluginEntry = (context: PluginFactoryContext) => {
  if (!context.fileURL) return null;
  const name = basename(fileURLToPath(context.fileURL)).replace(/\.mdx?$/, '');
  if (!isLocalePath(name)) return null;
  const t = useTranslations(localeByPath(name).code);
  return defineHastPlugin({
    name: 'pressroom-footnote-labels',
    element: {
      filter: ['h2', 'a'],
      visit(node, ctx) {
        const properties = node.properties ?? {};
        if (node.tagName === 'h2' && properties.id === 'footnote-label') {
          ctx.replaceNode(node, { ...node, children: [{ type: 'text', value: t('footnotes.label') }] });
        } else if (node.tagName === 'a' && 'dataFootnoteBackref' in properties) {
          const reference = /(\d+(?:-\d+)?)$/.exec(String(properties.ariaLabel ?? ''))?.[1] ?? '';
          ctx.setProperty(node, 'ariaLabel', t('footnotes.backLabel', { reference }));
        }
      },
    },
  });
};

import { SaxesParser } from 'saxes';

/** Throws, with line and column, unless `xml` is well-formed, namespace-correct XML. */
export function assertWellFormedXml(xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
}

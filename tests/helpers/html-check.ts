import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from './build-site';

/** The Nu Html Checker bundled in the vnu-jar package (its own Java download is switched off). */
const vnuJar = join(projectRoot, 'node_modules/vnu-jar/build/dist/vnu.jar');

export interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: 'warning' | 'fatal' | 'io' | 'schema' | 'internal';
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

export interface HtmlReport {
  /** Pages checked. */
  files: number;
  errors: string[];
  warnings: string[];
}

/**
 * Runs vnu.jar once over the given pages (files or URLs; one JVM start for all) and sorts its
 * messages. vnu refuses to fetch from localhost unless told otherwise: it guards its web service
 * against being pointed at private hosts, which is no concern for a local test run.
 */
export async function checkHtml(javaPath: string, pages: string[]): Promise<HtmlReport> {
  const args = ['-Dnu.validator.servlet.allow-forbidden-hosts=true', '-jar', vnuJar, '--format', 'json', '--exit-zero-always', ...pages];
  // The JSON report comes on stderr.
  const { stderr } = await promisify(execFile)(javaPath, args, {
    maxBuffer: 64 * 1024 * 1024,
  });
  const { messages } = JSON.parse(stderr) as { messages: VnuMessage[] };
  const describe = (message: VnuMessage) =>
    `${message.url?.replace(/^file:/, '') ?? ''}:${message.lastLine ?? '?'}: ${message.message}${message.extract ? ` [${message.extract.trim()}]` : ''}`;
  return {
    files: pages.length,
    errors: messages.filter((message) => message.type !== 'info').map(describe),
    warnings: messages.filter((message) => message.type === 'info' && message.subType === 'warning').map(describe),
  };
}

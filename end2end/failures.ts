import { readFileSync } from 'node:fs';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Repeats each failure as the very last output, after the list reporter's long attachments: first
 * the page as Playwright last saw it, then every failed test's name and errors, so a CI log kept
 * only by its last lines still says what failed and where it waited.
 */
export default class FailuresLast implements Reporter {
  private pages: string[] = [];
  private failed: string[] = [];

  onTestEnd(test: TestCase, result: TestResult) {
    if (result.status === 'passed' || result.status === 'skipped' || result.status === test.expectedStatus) return;
    const [, project, ...titles] = test.titlePath();
    const errors = result.errors.map((e) => {
      const lines = (e.message ?? result.status).replace(/\u001b\[[0-9;]*m/g, '').split('\n');
      const at = e.location ? ` (${e.location.file.split('/').pop()}:${e.location.line})` : '';
      return `${lines.filter((l) => l.trim() !== '').slice(0, 8).join('\n  ')}${at}`;
    });
    if (errors.length === 0) errors.push(result.status);
    const name = `[${project}] ${titles.join(' › ')}`;
    const page = pageSeen(result);
    if (page) this.pages.push(`${name}, the page showed:\n    ${page}`);
    this.failed.push(`${name}\n  ${errors.join('\n  ')}`);
  }

  onEnd() {
    if (this.failed.length > 0) {
      if (this.pages.length > 0) console.log(`\n${this.pages.join('\n')}`);
      console.log(`\nFailed, in short:\n${this.failed.join('\n')}`);
    }
  }
}

/** The ARIA snapshot Playwright saved at the failure, from its main region, cut to 30 lines. */
function pageSeen(result: TestResult): string {
  const context = result.attachments.find((a) => a.name === 'error-context' && a.path);
  if (!context?.path) return '';
  try {
    const lines = readFileSync(context.path, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const main = lines.findIndex((l) => /^\s*- main\b/.test(l));
    const start = main >= 0 ? main : Math.max(0, lines.findIndex((l) => l.startsWith('```yaml')) + 1);
    return lines.slice(start, start + 30).join('\n    ');
  } catch {
    return '';
  }
}

import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Repeats each failure's first error lines as the very last output, after the list reporter's
 * long attachments: a CI log kept only by its tail still says what failed and why.
 */
export default class FailuresLast implements Reporter {
  private failed: string[] = [];

  onTestEnd(test: TestCase, result: TestResult) {
    if (result.status === 'passed' || result.status === 'skipped' || result.status === test.expectedStatus) return;
    const [, project, ...titles] = test.titlePath();
    const error = (result.errors[0]?.message ?? result.status).replace(/\u001b\[[0-9;]*m/g, '');
    const lines = error.split('\n').filter((l) => l.trim() !== '').slice(0, 8);
    const at = result.errors[0]?.location;
    const where = at ? ` (${at.file.split('/').pop()}:${at.line})` : '';
    this.failed.push(`[${project}] ${titles.join(' › ')}${where}\n  ${lines.join('\n  ')}`);
  }

  onEnd() {
    if (this.failed.length > 0) {
      console.log(`\nFailed, in short:\n${this.failed.join('\n')}`);
    }
  }
}

import type { ScanProgress } from './vendor-scan';

const WIDTH = 20;

/**
 * A one-line progress bar for a terminal's stderr, redrawn in place: the system being read, its
 * pages (or batches of a known count) and the records so far. Counts only, never a person.
 */
export function progressLine(write: (text: string) => void): { update(progress: ScanProgress): void; end(): void } {
  let drawn = false;
  return {
    update(progress) {
      const share = progress.steps > 0 ? Math.min(1, progress.step / progress.steps) : null;
      const bar =
        share === null
          ? '~'.repeat(progress.step % (WIDTH + 1)).padEnd(WIDTH, ' ')
          : '#'.repeat(Math.round(share * WIDTH)).padEnd(WIDTH, '.');
      const of = progress.steps > 0 ? `/${progress.steps}` : '';
      write(`\r\u001b[2K[${bar}] ${progress.system} ${progress.step}${of} (${progress.records} records)`);
      drawn = true;
    },
    end() {
      if (drawn) write('\r\u001b[2K');
    },
  };
}

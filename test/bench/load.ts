import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';

/**
 * The machine's load as `uptime` prints it, so that a figure measured on a shared machine says
 * how shared it was.
 */
export function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(', ')}`;
  }
}

import type { DriftedResource } from './drift';

/** What `pyjamas drift --output json` prints. */
export interface DriftReport {
  readonly stack: string;
  readonly checkedAt: string;
  readonly drifted: readonly DriftedResource[];
}

/** The drift for a person: each resource, what changed from what to what, and who did it. */
export function formatDrift(report: DriftReport): string {
  if (report.drifted.length === 0)
    return `No drift: every resource of ${report.stack} matches its Terraform state (${report.checkedAt}).\n`;
  const lines = [
    `${report.drifted.length} resource${report.drifted.length === 1 ? '' : 's'} of ${report.stack} drifted from the Terraform state (${report.checkedAt}):`,
  ];
  for (const resource of report.drifted) {
    lines.push(
      '',
      `  ${resource.address}${resource.region ? `  (${resource.region})` : ''}  ${resource.change === 'deleted' ? 'DELETED outside Terraform' : 'changed'}`,
    );
    for (const attribute of resource.attributes) {
      lines.push(
        `    ${attribute.path}: expected ${show(attribute.expected)}, actual ${show(attribute.actual)}`,
      );
    }
    const who = resource.who;
    if (who && 'event' in who) {
      const key = who.accessKeyId ? `, key ${who.accessKeyId}` : '';
      const ip = who.sourceIp ? `, from ${who.sourceIp}` : '';
      lines.push(`    who: ${who.principal} (${who.event} at ${who.time}${key}${ip})`);
    } else if (who) {
      lines.push(`    who: unknown (${who.unknown})`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

import { formatScore } from '../report/compliance';
import type { FindingChange, Variance } from './variance';

/**
 * The variance for a person: regressions first (a control that held broke), then the other new
 * failures, fixes, other changes and scores. Each change is listed once.
 */
export function formatVariance(variance: Variance): string {
  const { counts } = variance;
  const lines = [
    `Account ${variance.account}: ${variance.before.asOf} → ${variance.after.asOf}`,
    `Failed findings ${variance.before.failed} → ${variance.after.failed}: ${counts['new-failure']} new${variance.regressed.length > 0 ? ` (${variance.regressed.length} passed before)` : ''}, ${counts.fixed} fixed, ${counts['still-failing']} still failing`,
  ];
  const section = (title: string, changes: readonly FindingChange[]) => {
    if (changes.length === 0) return;
    lines.push('', title);
    for (const change of changes) {
      lines.push(
        `  ${change.severity.padEnd(13)} ${change.checkId}  ${change.region}  ${change.resourceId}  (${change.before ?? 'absent'} → ${change.after ?? 'gone'})`,
      );
      lines.push(`    ${change.message}`);
    }
  };
  const regressed = new Set(variance.regressed.map((change) => change.id));
  section('Regressed (passed before)', variance.regressed);
  section(
    'New failures',
    variance.newFailures.filter((change) => !regressed.has(change.id)),
  );
  section('Fixed', variance.fixed);
  section('Other status changes', variance.changed);
  lines.push('', 'Compliance');
  for (const framework of variance.compliance) {
    const moved = [
      framework.regressed.length > 0 ? `now failing: ${framework.regressed.join(', ')}` : '',
      framework.improved.length > 0 ? `no longer failing: ${framework.improved.join(', ')}` : '',
    ].filter(Boolean);
    lines.push(
      `  ${framework.framework.padEnd(20)} ${formatScore(framework.before)} → ${formatScore(framework.after)}${formatChange(framework.change)}${moved.length > 0 ? `  (${moved.join('; ')})` : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** ` (+12 points)`, ` (-5 points)`, or nothing when the score did not move or is unknown. */
function formatChange(change: number | null): string {
  if (change === null || change === 0) return '';
  const points = Math.round(change * 1000) / 10;
  return ` (${points > 0 ? '+' : ''}${points} points)`;
}

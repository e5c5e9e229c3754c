import type { ComplianceControl, ComplianceFramework } from '../compliance';
import type { Finding, Status } from '../model/finding';

/** One control's verdict, from the findings of the checks that evaluate it. */
export interface ControlResult {
  readonly id: string;
  readonly title: string;
  readonly section: string;
  readonly level: 1 | 2;
  readonly assessment: ComplianceControl['assessment'];
  /**
   * FAIL when any unmuted finding failed; ERROR when none failed but one could not be judged;
   * PASS when findings passed (muted failures count as accepted); NOT_APPLICABLE when nothing
   * was in scope; MANUAL when no check evaluates the control: a person must assess it.
   */
  readonly status: Status;
  readonly checks: readonly string[];
  readonly counts: { readonly [S in Status]: number };
}

/** A framework's controls judged from a report's findings. */
export interface ComplianceResult {
  readonly framework: string;
  readonly name: string;
  readonly version: string;
  readonly controls: readonly ControlResult[];
  /** Controls that passed, out of those judged PASS or FAIL; null when none was. */
  readonly score: number | null;
}

/** Judges every control of `framework`, MANUAL rows included. */
export function judgeFramework(
  framework: ComplianceFramework,
  findings: readonly Finding[],
): ComplianceResult {
  const byCheck = new Map<string, Finding[]>();
  for (const finding of findings)
    byCheck.set(finding.checkId, [...(byCheck.get(finding.checkId) ?? []), finding]);
  const controls = framework.controls.map((control): ControlResult => {
    const relevant = control.checks.flatMap((checkId) => byCheck.get(checkId) ?? []);
    const counts = { PASS: 0, FAIL: 0, MANUAL: 0, ERROR: 0, NOT_APPLICABLE: 0 };
    for (const finding of relevant)
      counts[finding.muted && finding.status === 'FAIL' ? 'PASS' : finding.status] += 1;
    const status: Status =
      relevant.length === 0
        ? 'MANUAL'
        : counts.FAIL > 0
          ? 'FAIL'
          : counts.ERROR > 0
            ? 'ERROR'
            : counts.PASS > 0
              ? 'PASS'
              : counts.MANUAL > 0
                ? 'MANUAL'
                : 'NOT_APPLICABLE';
    return {
      id: control.id,
      title: control.title,
      section: control.section,
      level: control.level,
      assessment: control.assessment,
      status,
      checks: control.checks,
      counts,
    };
  });
  const judged = controls.filter(
    (control) => control.status === 'PASS' || control.status === 'FAIL',
  );
  const score =
    judged.length === 0
      ? null
      : judged.filter((control) => control.status === 'PASS').length / judged.length;
  return {
    framework: framework.id,
    name: framework.name,
    version: framework.version,
    controls,
    score,
  };
}

/**
 * A requirement-level table for a terminal or a text file: the score, how many controls ended
 * in each status, then one row per control with its findings counted by status.
 */
export function formatComplianceResult(result: ComplianceResult): string {
  const tally = (status: Status) =>
    result.controls.filter((control) => control.status === status).length;
  const lines = [
    `${result.name} v${result.version} (${result.framework}): ${formatScore(result.score)} of judged controls pass`,
    `  controls: ${tally('PASS')} PASS, ${tally('FAIL')} FAIL, ${tally('MANUAL')} MANUAL, ${tally('ERROR')} ERROR, ${tally('NOT_APPLICABLE')} NOT_APPLICABLE`,
  ];
  const width = Math.max(...result.controls.map((control) => control.id.length));
  for (const control of result.controls) {
    const { PASS, FAIL, MANUAL, ERROR } = control.counts;
    const counts =
      control.checks.length > 0
        ? `  [${PASS} pass, ${FAIL} fail, ${MANUAL} manual, ${ERROR} error]`
        : '';
    lines.push(
      `  ${control.id.padEnd(width)}  ${control.status.padEnd(14)}  L${control.level}  ${control.title}${counts}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `83%`, or `n/a` when nothing was judged. */
export function formatScore(score: number | null): string {
  return score === null ? 'n/a' : `${Math.round(score * 100)}%`;
}

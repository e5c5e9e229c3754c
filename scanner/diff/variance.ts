import { UsageError } from '../../lib/errors';
import { FRAMEWORKS, type ComplianceFramework } from '../compliance';
import type { Finding, Severity, Status } from '../model/finding';
import { judgeFramework } from '../report/compliance';
import type { ScanReport } from '../report/report';

/** How one finding moved between two scans, matched by fingerprint. */
export type Transition =
  'new-failure' | 'fixed' | 'still-failing' | 'appeared' | 'disappeared' | 'changed' | 'unchanged';

/** One finding compared between two scans. */
export interface FindingChange {
  readonly id: string;
  readonly checkId: string;
  readonly severity: Severity;
  readonly region: string;
  readonly resourceId: string;
  readonly before: Status | null;
  readonly after: Status | null;
  readonly transition: Transition;
  /** The latest message: from the later scan, or the earlier one when the finding disappeared. */
  readonly message: string;
}

/** A framework's score and controls that changed verdict. */
export interface ComplianceVariance {
  readonly framework: string;
  readonly before: number | null;
  readonly after: number | null;
  /** `after - before` as a fraction, like the scores; null when either scan had no score. */
  readonly change: number | null;
  readonly regressed: readonly string[];
  readonly improved: readonly string[];
}

/** What changed between two scans of one account. */
export interface Variance {
  readonly account: string;
  readonly before: { readonly asOf: string; readonly failed: number };
  readonly after: { readonly asOf: string; readonly failed: number };
  /** Failing now and not before (new resources included). */
  readonly newFailures: readonly FindingChange[];
  /**
   * The new failures of findings that passed before (PASS → FAIL): a control that held broke,
   * the tampering case, as opposed to a new resource that fails from its first scan.
   */
  readonly regressed: readonly FindingChange[];
  /** Failing before and not now, or gone. */
  readonly fixed: readonly FindingChange[];
  /** Other status changes, e.g. PASS to ERROR when a permission was lost. */
  readonly changed: readonly FindingChange[];
  readonly counts: { readonly [T in Transition]: number };
  readonly compliance: readonly ComplianceVariance[];
}

/** Failure that counts: a muted failure is accepted and does not. */
function failing(finding: Finding | undefined): boolean {
  return finding !== undefined && finding.status === 'FAIL' && !finding.muted;
}

function transitionOf(before: Finding | undefined, after: Finding | undefined): Transition {
  if (failing(after)) return failing(before) ? 'still-failing' : 'new-failure';
  if (failing(before)) return 'fixed';
  if (!before) return 'appeared';
  if (!after) return 'disappeared';
  return before.status === after.status ? 'unchanged' : 'changed';
}

/**
 * Compares two scans of the same account finding by finding (by fingerprint), and framework by
 * framework.
 *
 * @throws UsageError when the reports belong to different accounts
 */
export function compareReports(
  before: ScanReport,
  after: ScanReport,
  frameworks: readonly ComplianceFramework[] = FRAMEWORKS,
): Variance {
  if (before.account !== after.account) {
    throw new UsageError(
      `cannot compare scans of different accounts (${before.account} and ${after.account})`,
    );
  }
  const earlier = new Map(before.findings.map((finding) => [finding.id, finding]));
  const later = new Map(after.findings.map((finding) => [finding.id, finding]));
  const changes: FindingChange[] = [];
  for (const id of new Set([...earlier.keys(), ...later.keys()])) {
    const was = earlier.get(id);
    const now = later.get(id);
    const latest = (now ?? was) as Finding;
    changes.push({
      id,
      checkId: latest.checkId,
      severity: latest.severity,
      region: latest.region,
      resourceId: latest.resourceId,
      before: was?.status ?? null,
      after: now?.status ?? null,
      transition: transitionOf(was, now),
      message: latest.message,
    });
  }
  const counts = {
    'new-failure': 0,
    fixed: 0,
    'still-failing': 0,
    appeared: 0,
    disappeared: 0,
    changed: 0,
    unchanged: 0,
  };
  for (const change of changes) counts[change.transition] += 1;
  const compliance = frameworks.map((framework): ComplianceVariance => {
    const was = judgeFramework(framework, before.findings);
    const now = judgeFramework(framework, after.findings);
    const statusBefore = new Map(was.controls.map((control) => [control.id, control.status]));
    const regressed = now.controls
      .filter((control) => control.status === 'FAIL' && statusBefore.get(control.id) !== 'FAIL')
      .map((control) => control.id);
    const improved = now.controls
      .filter((control) => control.status !== 'FAIL' && statusBefore.get(control.id) === 'FAIL')
      .map((control) => control.id);
    const change =
      was.score === null || now.score === null ? null : roundPoints(now.score - was.score);
    return {
      framework: framework.id,
      before: was.score,
      after: now.score,
      change,
      regressed,
      improved,
    };
  });
  return {
    account: after.account,
    before: { asOf: before.asOf, failed: before.summary.failed },
    after: { asOf: after.asOf, failed: after.summary.failed },
    newFailures: changes.filter((change) => change.transition === 'new-failure'),
    regressed: changes.filter(
      (change) => change.transition === 'new-failure' && change.before === 'PASS',
    ),
    fixed: changes.filter((change) => change.transition === 'fixed'),
    changed: changes.filter((change) => change.transition === 'changed'),
    counts,
    compliance,
  };
}

/** Score differences to a tenth of a percentage point, free of floating-point residue. */
function roundPoints(fraction: number): number {
  return Math.round(fraction * 1000) / 1000;
}

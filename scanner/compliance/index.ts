import { CIS_AWS_5_0 } from './cis-aws-5.0';
import { CIS_AWS_6_0 } from './cis-aws-6.0';
import { CIS_AWS_7_0 } from './cis-aws-7.0';
import { CIS_AWS_7_1 } from './cis-aws-7.1';
import type { ComplianceFramework } from './framework';

export type { ComplianceControl, ComplianceFramework } from './framework';

/** Every framework whose controls findings are mapped to. */
export const FRAMEWORKS: readonly ComplianceFramework[] = [
  CIS_AWS_5_0,
  CIS_AWS_6_0,
  CIS_AWS_7_0,
  CIS_AWS_7_1,
];

/** Check id to `{ framework id: control ids }`, for stamping findings. */
export type ComplianceIndex = ReadonlyMap<
  string,
  { readonly [framework: string]: readonly string[] }
>;

/** Inverts the frameworks' control-to-checks mapping. */
export function complianceIndex(
  frameworks: readonly ComplianceFramework[] = FRAMEWORKS,
): ComplianceIndex {
  const index = new Map<string, Record<string, string[]>>();
  for (const framework of frameworks) {
    for (const control of framework.controls) {
      for (const checkId of control.checks) {
        const byFramework = index.get(checkId) ?? {};
        (byFramework[framework.id] ??= []).push(control.id);
        index.set(checkId, byFramework);
      }
    }
  }
  return index;
}

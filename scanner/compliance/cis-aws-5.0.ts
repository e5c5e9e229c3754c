import { CIS_AWS_6_0 } from './cis-aws-6.0';
import { shiftSectionNumber } from './derive';
import type { ComplianceFramework } from './framework';

/**
 * v5.0.0 holds the same controls as v6.0.0, with the same titles, levels and checks; v6.0 only
 * numbers every section one higher, so v5.0's `1.1` in `1 Identity and Access Management` is
 * v6.0's `2.1` in `2 Identity and Access Management`, down to v5.0's `5 Networking`.
 */
const SECTION_SHIFT_FROM_6_0 = -1;

/**
 * The v5.0 list puts the EC2 controls 5.1.1 and 5.1.2 after 5.7, where the benchmark's table of
 * contents has them before 5.2; reports show controls in list order, so that order is kept.
 */
const LISTED_LAST_IN_5_0: readonly string[] = ['5.1.1', '5.1.2'];

const renumbered = CIS_AWS_6_0.controls.map((control) => ({
  ...control,
  id: shiftSectionNumber(control.id, SECTION_SHIFT_FROM_6_0),
  section: shiftSectionNumber(control.section, SECTION_SHIFT_FROM_6_0),
}));

/** CIS Amazon Web Services Foundations Benchmark v5.0.0: v6.0.0, each section one lower. */
export const CIS_AWS_5_0: ComplianceFramework = {
  ...CIS_AWS_6_0,
  id: 'cis-aws-5.0',
  version: '5.0.0',
  controls: [
    ...renumbered.filter((control) => !LISTED_LAST_IN_5_0.includes(control.id)),
    ...renumbered.filter((control) => LISTED_LAST_IN_5_0.includes(control.id)),
  ],
};

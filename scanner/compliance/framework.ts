/** One control of a compliance framework and the checks that evaluate it. */
export interface ComplianceControl {
  /** Control id as the framework numbers it, e.g. `1.7`. */
  readonly id: string;
  /** Short title; the benchmark's full text stays with its publisher. */
  readonly title: string;
  readonly section: string;
  /** CIS profile level. */
  readonly level: 1 | 2;
  /** Whether the benchmark marks the control as automatable or as a manual assessment. */
  readonly assessment: 'automated' | 'manual';
  /** Ids of the Pyjamas checks that evaluate the control; empty when none does yet. */
  readonly checks: readonly string[];
}

/** A compliance framework version as data. */
export interface ComplianceFramework {
  /** e.g. `cis-aws-5.0`. */
  readonly id: string;
  readonly name: string;
  readonly version: string;
  /** Where the full benchmark text is published. */
  readonly url: string;
  readonly controls: readonly ComplianceControl[];
}

import type { CliIO } from './io';
import { OPTIONS, type OptionSpec } from './options';

/** What a command receives: positional arguments and parsed options. */
export interface CommandInput {
  readonly args: readonly string[];
  readonly options: Readonly<Record<string, unknown>>;
}

/** A command's implementation; returns the process exit code. */
export interface CommandModule {
  run(input: CommandInput, io: CliIO): Promise<number>;
}

/** One row of the command table. */
export interface CommandSpec {
  /** `verb-object`, e.g. `list-checks`. */
  readonly name: string;
  readonly summary: string;
  readonly arguments?: readonly { readonly name: string; readonly description: string; readonly required: boolean }[];
  readonly options: readonly OptionSpec[];
  /** Loaded only when the command runs, so `pyjamas --help` stays fast. */
  readonly load: () => Promise<CommandModule>;
}

/** Every `pyjamas` command. The CLI is built from this table; commands stay thin adapters. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'scan',
    summary: 'scan an AWS account against CIS AWS Foundations and incident-response readiness checks',
    options: [
      OPTIONS.region,
      OPTIONS.regions,
      OPTIONS.excludedRegions,
      OPTIONS.profile,
      { ...OPTIONS.output, description: 'report format: console, json (docs/scan-report.md), ocsf (OCSF 1.1 Detection Findings) or html', choices: ['console', 'json', 'ocsf', 'html'] },
      OPTIONS.outputFile,
      OPTIONS.concurrency,
      OPTIONS.asOf,
      OPTIONS.checks,
      { flags: '--save-inventory <file>', description: 'also save what was collected, to replay it later with --inventory' },
      { flags: '--inventory <file>', description: 'scan a saved inventory offline instead of the account' },
      { flags: '--mutelist <file>', description: 'JSON mutelist: findings to accept, each with a reason and an optional expiry' },
      { flags: '--show-passed', description: 'list passed and not-applicable findings in the console report too' },
      { flags: '--compliance <framework>', description: 'add the requirement-level table of a framework (cis-aws-5.0, cis-aws-6.0, cis-aws-7.0) to the console report' },
    ],
    load: async () => import('./commands/scan'),
  },
  {
    name: 'compare-scans',
    summary: 'show what changed between two JSON scan reports of one account: new failures, fixes, compliance scores',
    arguments: [
      { name: 'before', description: 'the earlier report (pyjamas scan --output json)', required: true },
      { name: 'after', description: 'the later report', required: true },
    ],
    options: [OPTIONS.output],
    load: async () => import('./commands/compare-scans'),
  },
  {
    name: 'evidence verify',
    summary: "recompute the SHA-256 of every evidence object of a case and check the manifests' chain",
    options: [OPTIONS.caseId, OPTIONS.region, OPTIONS.profile, OPTIONS.evidenceBucket, OPTIONS.noEvidenceBucket, OPTIONS.output],
    load: async () => import('./commands/evidence-verify'),
  },
  {
    name: 'list-checks',
    summary: 'list every check with its id, severity, service and title',
    options: [OPTIONS.output],
    load: async () => import('./commands/list-checks'),
  },
];

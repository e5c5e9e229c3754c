import type { CliIO } from './io';
import { REVOKE_ACCESS_KEY_OPTIONS } from './commands/revoke-access-key-options';
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
      OPTIONS.output,
      OPTIONS.outputFile,
      OPTIONS.concurrency,
      OPTIONS.asOf,
      OPTIONS.checks,
      { flags: '--save-inventory <file>', description: 'also save what was collected, to replay it later with --inventory' },
      { flags: '--inventory <file>', description: 'scan a saved inventory offline instead of the account' },
      { flags: '--mutelist <file>', description: 'JSON mutelist: findings to accept, each with a reason and an optional expiry' },
      { flags: '--show-passed', description: 'list passed and not-applicable findings in the console report too' },
    ],
    load: async () => import('./commands/scan'),
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
  {
    name: 'revoke-access-key',
    summary: 'contain a compromised access key: deactivate it, deny its older sessions, keep the CloudTrail evidence',
    arguments: [{ name: 'access-key-id', description: 'the key, AKIA… (long-term) or ASIA… (temporary)', required: true }],
    options: REVOKE_ACCESS_KEY_OPTIONS,
    load: async () => import('./commands/revoke-access-key'),
  },
];

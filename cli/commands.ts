import type { CliIO } from './io';
import { REVOKE_ACCESS_KEY_OPTIONS } from './commands/revoke-access-key-options';
import { REPORT_FORMATS } from '../scanner/report/render';
import {
  OPTIONS,
  RESPONSE_OPTIONS,
  accountList,
  externalId,
  repeatableChoice,
  roleName,
  wholeDays,
  wholeNumberUpTo,
  type OptionSpec,
} from './options';
import { DEFAULT_ORGANIZATION_ROLE } from '../scanner/organization/assume-role';

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
  readonly arguments?: readonly {
    readonly name: string;
    readonly description: string;
    readonly required: boolean;
  }[];
  readonly options: readonly OptionSpec[];
  /** Loaded only when the command runs, so `pyjamas --help` stays fast. */
  readonly load: () => Promise<CommandModule>;
}

/** Options of the `pyjamas iam` queries: live, or offline on a saved inventory. */
const IAM_QUERY_OPTIONS: readonly OptionSpec[] = [
  {
    flags: '--inventory <file>',
    description:
      'answer from a saved inventory (pyjamas scan --save-inventory) instead of the account',
  },
  OPTIONS.profile,
  OPTIONS.region,
  OPTIONS.output,
];

/** `scan` prints the console report unless told otherwise. */
const DEFAULT_OUTPUT: readonly string[] = ['console'];

/** Every `pyjamas` command. The CLI is built from this table; commands stay thin adapters. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'scan',
    summary:
      'scan an AWS account against CIS AWS Foundations and incident-response readiness checks',
    options: [
      OPTIONS.region,
      OPTIONS.regions,
      OPTIONS.excludedRegions,
      OPTIONS.profile,
      {
        flags: '--output <format>',
        description:
          'report format, repeatable: console, json (docs/scan-report.md), ocsf, html, csv, junit, sarif or asff',
        choices: Object.keys(REPORT_FORMATS),
        parse: repeatableChoice(Object.keys(REPORT_FORMATS), DEFAULT_OUTPUT),
        defaultValue: DEFAULT_OUTPUT,
      },
      OPTIONS.outputFile,
      {
        flags: '--output-dir <dir>',
        description: 'write each --output format to a file in this folder',
      },
      OPTIONS.concurrency,
      OPTIONS.asOf,
      OPTIONS.checks,
      {
        flags: '--excluded-checks <list>',
        description: 'leave these check ids out, comma-separated and repeatable',
        parse: OPTIONS.checks.parse,
      },
      {
        flags: '--services <list>',
        description: 'run only the checks of these services (iam, s3, ec2, …), repeatable',
        parse: OPTIONS.checks.parse,
      },
      {
        flags: '--severity <list>',
        description:
          'run only checks of these severities (critical, high, medium, low), repeatable',
        parse: OPTIONS.checks.parse,
      },
      {
        flags: '--max-unused-credential-days <n>',
        description: 'days after which an unused credential fails; never more than CIS allows (45)',
        parse: wholeDays,
      },
      {
        flags: '--max-access-key-age-days <n>',
        description:
          'days after which an access key must be rotated; never more than CIS allows (90)',
        parse: wholeDays,
      },
      {
        flags: '--security-hub',
        description:
          'also import the findings into Security Hub of the home region as ASFF (BatchImportFindings)',
      },
      {
        flags: '--save-inventory <file>',
        description: 'also save what was collected, to replay it later with --inventory',
      },
      {
        flags: '--inventory <file>',
        description: 'scan a saved inventory offline instead of the account',
      },
      {
        flags: '--config <file>',
        description:
          'a JSON file of scan settings: the thresholds above, the GuardDuty features to expect, the responders declared in dry run, the oldest forensic AMI accepted (README: Readiness checks)',
      },
      {
        flags: '--mutelist <file>',
        description: 'JSON mutelist: findings to accept, each with a reason and an optional expiry',
      },
      {
        flags: '--show-passed',
        description: 'list passed and not-applicable findings in the console report too',
      },
      {
        flags: '--org',
        description:
          'scan every active account of the organization (signed in to its management account or a delegated administrator); needs --output-dir',
      },
      {
        flags: '--role-name <name>',
        description: `with --org, the role assumed in each member account (default ${DEFAULT_ORGANIZATION_ROLE}, which Organizations creates in the accounts it creates)`,
        parse: roleName,
      },
      {
        flags: '--external-id <id>',
        description: "with --org, the external id the role's trust policy requires",
        parse: externalId,
      },
      {
        flags: '--accounts <list>',
        description: 'with --org, scan only these account ids, comma-separated and repeatable',
        parse: accountList,
      },
      {
        flags: '--excluded-accounts <list>',
        description: 'with --org, leave these account ids out, comma-separated and repeatable',
        parse: accountList,
      },
      {
        flags: '--account-concurrency <n>',
        description:
          'with --org, accounts scanned at once (1 to 32, default 4); --concurrency bounds the requests within each',
        parse: wholeNumberUpTo(32),
      },
      {
        flags: '--compliance <framework>',
        description:
          'add the requirement-level table of a framework to the report, repeatable (see pyjamas list-compliance)',
        parse: OPTIONS.checks.parse,
      },
    ],
    load: async () => import('./commands/scan'),
  },
  {
    name: 'compare-scans',
    summary:
      'show what changed between two JSON scan reports of one account: new failures, fixes, compliance scores',
    arguments: [
      {
        name: 'before',
        description: 'the earlier report (pyjamas scan --output json)',
        required: true,
      },
      { name: 'after', description: 'the later report', required: true },
    ],
    options: [OPTIONS.output],
    load: async () => import('./commands/compare-scans'),
  },
  {
    name: 'drift',
    summary:
      'show how the deployed plumbing drifted from its Terraform state, and who changed it (CloudTrail)',
    options: [
      {
        flags: '--stack <folder>',
        description:
          'the synthesized stack that was deployed, e.g. cdktf.out/stacks/pyjamas-complete (its own backend and providers are used)',
      },
      OPTIONS.region,
      OPTIONS.profile,
      OPTIONS.output,
    ],
    load: async () => import('./commands/drift'),
  },
  {
    name: 'evidence verify',
    summary:
      "check a case's evidence: every object's SHA-256, version and retention, and one unbroken chain of manifests",
    options: [
      { ...OPTIONS.caseId, description: 'incident case id whose evidence is checked' },
      OPTIONS.region,
      OPTIONS.profile,
      OPTIONS.evidenceBucket,
      {
        ...OPTIONS.noEvidenceBucket,
        description: 'check the record kept in ./pyjamas-evidence instead of an evidence bucket',
      },
      OPTIONS.evidenceBucketOwner,
      OPTIONS.evidenceAccount,
      {
        flags: '--expect-head <sha256>',
        description:
          'the chain head published when the case was last filed (CLI output, notice): fail unless the chain ends there',
      },
      OPTIONS.output,
    ],
    load: async () => import('./commands/evidence-verify'),
  },
  {
    name: 'iam can',
    summary:
      'answer whether a user or role may perform an action (allowed, denied or conditional) and show the statements that decide',
    arguments: [
      {
        name: 'principal-arn',
        description: 'the user or role, e.g. arn:aws:iam::123456789012:user/alice',
        required: true,
      },
      { name: 'action', description: 'the action, e.g. s3:GetObject', required: true },
      {
        name: 'resource-arn',
        description: 'the resource; default: at least one resource',
        required: false,
      },
    ],
    options: IAM_QUERY_OPTIONS,
    load: async () => import('./commands/iam-can'),
  },
  {
    name: 'iam who-can',
    summary:
      'list every user and role that may perform an action, each with the statements that decide',
    arguments: [
      { name: 'action', description: 'the action, e.g. iam:PassRole', required: true },
      {
        name: 'resource-arn',
        description: 'the resource; default: at least one resource',
        required: false,
      },
    ],
    options: IAM_QUERY_OPTIONS,
    load: async () => import('./commands/iam-who-can'),
  },
  {
    name: 'list-compliance',
    summary: 'list the compliance frameworks scan --compliance accepts, with their control counts',
    options: [OPTIONS.output],
    load: async () => import('./commands/list-compliance'),
  },
  {
    name: 'list-checks',
    summary: 'list every check with its id, severity, service and title',
    options: [OPTIONS.output],
    load: async () => import('./commands/list-checks'),
  },
  {
    name: 'isolate-instance',
    summary:
      'isolate a compromised EC2 instance and preserve its evidence (plan, confirm, execute, verify, record)',
    arguments: [
      {
        name: 'instance-id',
        description: 'the instance to isolate, e.g. i-0123456789abcdef0',
        required: true,
      },
    ],
    options: [
      OPTIONS.caseId,
      {
        flags: '--isolation-group <sg-id>',
        description:
          "isolation group to use in the instance's VPC; default: the group tagged pyjamas:component=isolation-security-group, created when there is none",
      },
      {
        flags: '--untrack-group <sg-id>',
        description:
          'untrack (allow-all) group for the first swap; default: the group tagged pyjamas:component=untrack-security-group, created when there is none',
      },
      {
        flags: '--memory-capture-group <sg-id>',
        description:
          'with --capture-memory: the group that allows HTTPS to the SSM and S3 endpoints; default: the group tagged pyjamas:component=memory-capture-security-group',
      },
      {
        flags: '--quarantine-profile <name>',
        description:
          'quarantine instance profile (must be tagged pyjamas:component=quarantine-instance-profile); default: pyjamas-quarantine when it exists, else the instance profile is disassociated',
      },
      {
        flags: '--keep-instance-profile',
        description:
          'leave the instance profile as it is (no quarantine swap, no disassociation); IMDS keeps handing out its credentials',
      },
      {
        flags: '--asg-action <action>',
        description:
          'how the instance leaves its Auto Scaling group: detach (it belongs to no group afterwards), or standby (reversible, but a Standby instance is still a member: a deployment that replaces or force-deletes the group terminates it with the evidence, and termination protection does not stop Auto Scaling)',
        choices: ['detach', 'standby'],
        defaultValue: 'detach',
      },
      {
        flags: '--disassociate-eips',
        description: 'also disassociate its Elastic IPs (the pre-state keeps the addresses)',
      },
      {
        flags: '--revoke-role-sessions',
        description:
          "deny EVERY session of the old role issued before the profile change, every other user of the role included; by default only this instance's sessions are denied",
      },
      {
        flags: '--lock-snapshots [days]',
        description: 'lock the snapshots in compliance mode (default 30 days, one-day cool-off)',
      },
      {
        flags: '--capture-memory',
        description: 'start an AVML memory capture through Run Command into the evidence bucket',
      },
      {
        flags: '--capture-timeout <seconds>',
        description: 'how long the memory capture may run on the host (300 to 21600)',
        defaultValue: '3600',
      },
      {
        flags: '--nacl-hard-cut',
        description:
          "also deny the instance's addresses in its subnets' network ACLs (cuts tracked flows too; like security groups, ACLs leave the VPC DNS resolver, instance metadata and time sync reachable)",
      },
      {
        flags: '--stop',
        description:
          'stop the instance as the last step, after the snapshots: the real hard cut (no security group or network ACL filters the VPC DNS resolver, instance metadata or time sync). Its RAM and any instance-store volume are lost, the EBS volumes stay; an instance-store root cannot be stopped. Not with --capture-memory: run forensics finish-memory-capture first, then --stop',
      },
      ...RESPONSE_OPTIONS,
    ],
    load: async () => import('./commands/isolate-instance'),
  },
  {
    name: 'forensics launch-workstation',
    summary:
      "launch the case's forensic workstation from the module's launch template (once: a rerun launches nothing new)",
    options: [
      OPTIONS.caseId,
      {
        flags: '--subnet <subnet-id>',
        description: "subnet to launch in, in the forensic group's VPC; default: the template's",
      },
      {
        flags: '--instance-type <type>',
        description:
          "instance type instead of the template's, e.g. r6i.2xlarge for large memory images",
      },
      {
        flags: '--launch-template <lt-id>',
        description:
          'launch template to use; default: the one tagged pyjamas:component=forensic-workstation-template',
      },
      ...RESPONSE_OPTIONS,
    ],
    load: async () => import('./commands/forensics-launch-workstation'),
  },
  {
    name: 'forensics attach',
    summary:
      "create volumes from the case's snapshots in the forensic workstation's availability zone and attach them",
    options: [
      OPTIONS.caseId,
      {
        flags: '--workstation <instance-id>',
        description:
          "the forensic workstation that gets the volumes; default: the case's, from forensics launch-workstation",
      },
      ...RESPONSE_OPTIONS,
    ],
    load: async () => import('./commands/forensics-attach'),
  },
  {
    name: 'forensics finish-memory-capture',
    summary:
      'upload the memory image isolate-instance --capture-memory took, in parts S3 verifies; seal it and remove the scratch volume and the capture group',
    options: [
      OPTIONS.caseId,
      {
        flags: '--instance <instance-id>',
        description: 'the instance whose capture to finish',
      },
      {
        flags: '--upload-timeout <seconds>',
        description:
          'how long the upload may run on the host (300 to 43200); its upload grants expire with it',
        defaultValue: '3600',
      },
      ...RESPONSE_OPTIONS,
    ],
    load: async () => import('./commands/forensics-finish-memory-capture'),
  },
  {
    name: 'forensics open-memory-path',
    summary:
      "let the forensic security group reach the case's isolated instances, and no other, for a bounded time, through a group of the case's own",
    options: [
      OPTIONS.caseId,
      {
        flags: '--minutes <n>',
        description:
          'how long the path stays open, in minutes (0.1 to 240); the command closes it then, or on Ctrl-C',
        defaultValue: '60',
      },
      {
        flags: '--detach',
        description: 'open the path and return at once; run close-memory-path before it expires',
      },
      {
        flags: '--port <n>',
        description: 'TCP port the workstation connects to',
        defaultValue: '22',
      },
      ...RESPONSE_OPTIONS,
    ],
    load: async () => (await import('./commands/forensics-memory-path')).openMemoryPath,
  },
  {
    name: 'forensics close-memory-path',
    summary:
      "close the case's memory path: its group leaves the case's interfaces and is deleted, with the forensic group's rule to it",
    options: [OPTIONS.caseId, ...RESPONSE_OPTIONS],
    load: async () => (await import('./commands/forensics-memory-path')).closeMemoryPath,
  },
  {
    name: 'revoke-access-key',
    summary:
      'contain a compromised access key: deactivate it, deny its older sessions, keep the CloudTrail evidence',
    arguments: [
      {
        name: 'access-key-id',
        description: 'the key, AKIA… (long-term) or ASIA… (temporary)',
        required: true,
      },
    ],
    options: REVOKE_ACCESS_KEY_OPTIONS,
    load: async () => import('./commands/revoke-access-key'),
  },
];

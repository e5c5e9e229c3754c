import { AwsClients } from '../lib/aws/clients';
import { resolveHomeRegion } from '../lib/aws/region';
import { systemClock } from '../lib/clock';
import { UsageError } from '../lib/errors';
import { collectInventory, loadInventory } from '../scanner';
import type { AccountAnalysis } from '../scanner/iam/analysis';
import { describeStatement, type Decision } from '../scanner/iam/decide';
import type { Answer } from '../scanner/iam/query';
import { analyseInventory } from '../scanner/iam/query';
import type { CliIO } from './io';

/** Options shared by `pyjamas iam can` and `pyjamas iam who-can`. */
export interface IamQueryFlags {
  readonly inventory?: string;
  readonly profile?: string;
  readonly region?: string;
  readonly output: 'console' | 'json';
}

/**
 * The analysis to answer from: a saved inventory (offline), or the account's authorization
 * details and guardrails read now (iam:GetAccountAuthorizationDetails and Organizations reads).
 */
export async function loadAnalysis(flags: IamQueryFlags): Promise<AccountAnalysis> {
  if (flags.inventory) {
    const clash = (['profile', 'region'] as const).filter((name) => flags[name] !== undefined);
    if (clash.length > 0)
      throw new UsageError(
        `--inventory answers from a saved inventory; it cannot be combined with ${clash.map((name) => `--${name}`).join(', ')}`,
      );
    return analyseInventory(await loadInventory(flags.inventory));
  }
  const aws = new AwsClients(flags.profile ? { profile: flags.profile } : {});
  try {
    const homeRegion = await resolveHomeRegion({
      ...(flags.region ? { region: flags.region } : {}),
      ...(flags.profile ? { profile: flags.profile } : {}),
    });
    const inventory = await collectInventory({
      aws,
      homeRegion,
      regions: [homeRegion],
      clock: systemClock,
      slices: ['authorizationDetails', 'organizationPolicies'],
    });
    return analyseInventory(inventory);
  } finally {
    aws.destroy();
  }
}

const VERDICT_LABEL = { allowed: 'ALLOWED', conditional: 'CONDITIONAL', denied: 'DENIED' } as const;

function statementLines(decision: Decision): string[] {
  return [
    ...decision.denies.map((s) => `    Deny   ${describeStatement(s)} [${s.layer}]`),
    ...decision.allows.map(
      (s) =>
        `    Allow  ${describeStatement(s)} [${s.layer}]${s.conditional ? ' — only under its conditions' : ''}`,
    ),
    ...decision.conditionalDenies.map(
      (s) => `    Deny   ${describeStatement(s)} [${s.layer}] — conditional, not assumed to block`,
    ),
  ];
}

/** One answer as console lines: verdict, principal, request, reason, deciding statements. */
export function formatAnswer(entry: Answer): string {
  const { request, decision } = entry;
  const on = request.scope === 'some' ? 'on at least one resource' : `on ${request.resource}`;
  return [
    `${VERDICT_LABEL[decision.verdict]}  ${entry.principal.arn}  ${request.action} ${on}`,
    `    ${decision.reason}`,
    ...statementLines(decision),
    '',
  ].join('\n');
}

/** Writes answers as JSON or console text. */
export function writeAnswers(
  io: CliIO,
  flags: IamQueryFlags,
  answers: readonly Answer[],
  json: unknown,
): void {
  if (flags.output === 'json') io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  else io.stdout.write(answers.map(formatAnswer).join('\n'));
}

import { systemClock } from '../../lib/clock';
import { validateCaseId } from '../../responders/core/case-id';
import { describeAccessAdvisor } from '../../responders/revoke-access-key/access-advisor';
import type { MintedSession } from '../../responders/revoke-access-key/cloudtrail';
import { validateAccessKeyId } from '../../responders/revoke-access-key/key-id';
import type { RevocationPlan } from '../../responders/revoke-access-key/plan';
import {
  responseSucceeded,
  revokeAccessKeyResponder,
} from '../../responders/revoke-access-key/responder';
import type { CommandInput } from '../commands';
import type { CliIO } from '../io';
import { runResponse, withResponseSession, type ResponseFlags } from '../response';

/** Options of `pyjamas revoke-access-key`, as commander parses them. */
interface RevokeFlags extends ResponseFlags {
  readonly case?: string;
  readonly regions?: string[];
  readonly deactivateOtherKeys?: boolean;
  readonly deleteLoginProfile?: boolean;
  readonly revokeRole?: string[];
  readonly revokeAssumedRoles?: boolean;
  readonly revokeAgain?: boolean;
  readonly keepMintingKey?: boolean;
  readonly lookbackDays: number;
}

/**
 * `pyjamas revoke-access-key <access-key-id> --case <id>`: reads the key, prints the plan, asks,
 * contains the key, verifies and files the evidence. Exit 0 when the key is contained (also when
 * only evidence steps failed: the run is then "degraded" and says so on stderr), 1 when a step or
 * a post-condition failed, the key cannot be contained from here, or the operator declined.
 */
export async function run(input: CommandInput, io: CliIO): Promise<number> {
  const flags = input.options as unknown as RevokeFlags;
  const accessKeyId = validateAccessKeyId(input.args[0]);
  const caseId = validateCaseId(flags.case);
  return withResponseSession(flags, io, (session) => {
    const responder = revokeAccessKeyResponder(
      {
        accessKeyId,
        caseId,
        homeRegion: session.region,
        ...(flags.regions ? { regions: flags.regions } : {}),
        lookbackDays: flags.lookbackDays,
        revokeRoles: flags.revokeRole ?? [],
        revokeAssumedRoles: flags.revokeAssumedRoles === true,
        deactivateOtherKeys: flags.deactivateOtherKeys === true,
        deleteLoginProfile: flags.deleteLoginProfile === true,
        revokeAgain: flags.revokeAgain === true,
        keepMintingKey: flags.keepMintingKey === true,
      },
      { aws: session.aws, clock: systemClock },
    );
    return runResponse<unknown, RevocationPlan>(io, flags, session, responder, {
      presentation: {
        planNote: (plan) => `Containment: ${plan.containment.summary}.\n`,
        recordNote: (record, plan) => {
          const minted = record.steps.flatMap(
            (step) => (step.output?.sessionsMinted as MintedSession[] | undefined) ?? [],
          );
          const advisor = responder.accessAdvisor();
          const advice = advisor ? describeAccessAdvisor(advisor) : undefined;
          const lines = [
            ...(record.dryRun ? [] : [`Containment: ${plan.containment.summary}.`]),
            ...minted.map((minted) => describeSession(minted, plan)),
            ...(advice ? [advice] : []),
          ];
          return lines.map((line) => `${line}\n`).join('');
        },
        json: (plan) => ({
          containment: plan.containment,
          revocationTime: plan.revocationTime,
          roleRevocationTime: plan.roleRevocationTime,
        }),
        // Containment is the purpose: a run whose only failures are evidence steps succeeded.
        succeeded: (record, plan) => responseSucceeded(record, plan.containment),
      },
    });
  });
}

function describeSession(session: MintedSession, plan: RevocationPlan): string {
  const what = session.roleArn ? `assumed ${session.roleArn}` : `called ${session.eventName}`;
  const key = session.sessionKeyId ? ` (session key ${session.sessionKeyId})` : '';
  const roleName = session.roleArn?.split('/').pop();
  const revoked =
    roleName &&
    plan.steps.some(
      (step) => step.action === 'iam:PutRolePolicy' && step.input.RoleName === roleName,
    );
  const hint =
    roleName && !revoked ? `; revoke its older sessions with --revoke-role ${roleName}` : '';
  return `CloudTrail: the key ${what} on ${session.eventTime} in ${session.region}${key}${hint}.`;
}

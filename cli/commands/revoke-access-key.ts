import { globalRegionOf, partitionOfRegion } from '../../lib/aws/clients';
import { resolveHomeRegion } from '../../lib/aws/region';
import { systemClock } from '../../lib/clock';
import { validateCaseId } from '../../responders/core/case-id';
import type { EvidenceStore } from '../../responders/core/evidence';
import { formatPlan, formatRunRecord, formatStepRecord } from '../../responders/core/format';
import { chooseEvidenceStore } from '../../responders/core/plumbing';
import { respond } from '../../responders/core/respond';
import { RevocationClients } from '../../responders/revoke-access-key/clients';
import type { MintedSession } from '../../responders/revoke-access-key/cloudtrail';
import { validateAccessKeyId } from '../../responders/revoke-access-key/key-id';
import type { RevocationPlan } from '../../responders/revoke-access-key/plan';
import { responseSucceeded, revokeAccessKeyResponder } from '../../responders/revoke-access-key/responder';
import type { CommandInput } from '../commands';
import { confirm } from '../confirm';
import { EXIT, type CliIO } from '../io';

interface RevokeFlags {
  readonly case?: string;
  readonly region?: string;
  readonly regions?: string[];
  readonly profile?: string;
  readonly dryRun?: boolean;
  readonly yes?: boolean;
  /** A bucket name, or false for `--no-evidence-bucket` (commander pairs the two flags). */
  readonly evidenceBucket?: string | false;
  readonly deactivateOtherKeys?: boolean;
  readonly deleteLoginProfile?: boolean;
  readonly revokeRole?: string[];
  readonly revokeAssumedRoles?: boolean;
  readonly revokeAgain?: boolean;
  readonly lookbackDays: number;
  readonly output: 'console' | 'json';
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
  const dryRun = flags.dryRun === true;
  const consoleOutput = flags.output === 'console';
  const aws = new RevocationClients(flags.profile ? { profile: flags.profile } : {});
  try {
    const region = await resolveHomeRegion({ ...(flags.region ? { region: flags.region } : {}), ...(flags.profile ? { profile: flags.profile } : {}) });
    // The evidence store is settled before anything changes, so a missing bucket stops the run early.
    let evidence: EvidenceStore | undefined;
    if (!dryRun) {
      evidence = await chooseEvidenceStore({
        aws,
        clock: systemClock,
        region,
        globalRegion: globalRegionOf(partitionOfRegion(region)),
        ...(flags.evidenceBucket ? { bucket: flags.evidenceBucket } : {}),
        noEvidenceBucket: flags.evidenceBucket === false,
      });
    }
    const responder = revokeAccessKeyResponder(
      {
        accessKeyId,
        caseId,
        homeRegion: region,
        ...(flags.regions ? { regions: flags.regions } : {}),
        lookbackDays: flags.lookbackDays,
        revokeRoles: flags.revokeRole ?? [],
        revokeAssumedRoles: flags.revokeAssumedRoles === true,
        deactivateOtherKeys: flags.deactivateOtherKeys === true,
        deleteLoginProfile: flags.deleteLoginProfile === true,
        revokeAgain: flags.revokeAgain === true,
      },
      { aws, clock: systemClock },
    );
    const shown = responder.plan(await responder.describe());
    const changes = shown.steps.filter((step) => step.onFailure !== 'continue').length;
    const planText = `${formatPlan(shown)}Containment: ${shown.containment.summary}.\n`;
    if (consoleOutput) io.stdout.write(planText);
    else if (!dryRun && changes > 0 && !flags.yes) io.stderr.write(planText);

    if (!dryRun && changes > 0) {
      const proceed = await confirm(io, `Make these ${changes} changes in account ${shown.target.account}?`, flags.yes === true);
      if (!proceed) {
        io.stderr.write('Cancelled: nothing was changed.\n');
        return EXIT.failed;
      }
    }

    const progress = consoleOutput && io.stderr.isTTY === true;
    const response = await respond(responder, {
      aws,
      clock: systemClock,
      dryRun,
      trigger: { source: 'cli' },
      region,
      ...(evidence ? { evidence } : {}),
      ...(progress ? { onStep: (record) => io.stderr.write(`${formatStepRecord(record)}\n`) } : {}),
    });
    // The responder's plans are revocation plans; respond() hands back the one it ran.
    const plan = response.plan as RevocationPlan;
    const { record } = response;
    const minted = record.steps.flatMap((step) => (step.output?.sessionsMinted as MintedSession[] | undefined) ?? []);
    if (consoleOutput) {
      io.stdout.write(formatRunRecord(record, response.evidence));
      if (!dryRun) io.stdout.write(`Containment: ${plan.containment.summary}.\n`);
      for (const session of minted) io.stdout.write(`${describeSession(session, plan)}\n`);
    } else {
      io.stdout.write(
        `${JSON.stringify({ containment: plan.containment, revocationTime: plan.revocationTime, record, ...(response.evidence ? { evidence: response.evidence } : {}) }, null, 2)}\n`,
      );
    }
    if (record.outcome === 'degraded') {
      const failed = record.steps.filter((step) => step.status === 'failed');
      io.stderr.write(
        `pyjamas: containment is done, but ${failed.length} evidence step(s) failed (${failed[0]?.id}: ${failed[0]?.error?.name}); ` +
          'the run record says why. Collect that evidence from the trail’s logs.\n',
      );
    }
    return responseSucceeded(record, plan.containment) ? EXIT.ok : EXIT.failed;
  } finally {
    aws.destroy();
  }
}

function describeSession(session: MintedSession, plan: RevocationPlan): string {
  const what = session.roleArn ? `assumed ${session.roleArn}` : `called ${session.eventName}`;
  const key = session.sessionKeyId ? ` (session key ${session.sessionKeyId})` : '';
  const roleName = session.roleArn?.split('/').pop();
  const revoked = roleName && plan.steps.some((step) => step.action === 'iam:PutRolePolicy' && step.input.RoleName === roleName);
  const hint = roleName && !revoked ? `; revoke its older sessions with --revoke-role ${roleName}` : '';
  return `CloudTrail: the key ${what} on ${session.eventTime} in ${session.region}${key}${hint}.`;
}

import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { AwsClients, apiName } from '../../lib/aws/clients';
import { systemClock } from '../../lib/clock';
import { chooseEvidenceStore } from '../../responders/core/plumbing';
import { respond } from '../../responders/core/respond';
import { revokeAccessKeyResponder } from '../../responders/revoke-access-key/responder';
import { startMotoServer } from '../../lib/emulator/moto-server';
import { seedCompromisedUser, seedEvidenceBucket } from './revoke-seed';

const BUCKET = 'pyjamas-bench-evidence';

/** Round trips and time from the start of a run until a milestone. */
interface Milestone {
  /** HTTP requests sent, retries included. */
  readonly calls: number;
  readonly ms: number;
}

interface Measured {
  readonly inactive: Milestone;
  readonly revoked: Milestone;
  readonly total: Milestone;
  readonly outcome: string;
  readonly callsUntilInactive: readonly string[];
}

/**
 * `npm run bench:revoke -- [--runs N] [--regions a,b]`: on a moto of its own, contains N freshly
 * seeded keys (a user with two keys and an inline policy each) the way the CLI and the Lambda do:
 * evidence bucket found by its tag, read, plan, execute, verify, record. Prints the AWS round
 * trips and the time from the start until the key is inactive, until the user's older sessions
 * are denied, and until the evidence is filed. moto has no CloudTrail LookupEvents, so the
 * evidence steps fail fast there (each after the SDK's retries) and the runs are degraded.
 */
async function main(argv: readonly string[]): Promise<void> {
  const option = (name: string, fallback: string) => {
    const index = argv.indexOf(name);
    return index >= 0 ? (argv[index + 1] ?? fallback) : fallback;
  };
  const runs = Number(option('--runs', '5'));
  const regions = option('--regions', 'us-east-1,eu-west-1').split(',');
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error('--runs takes a whole number of at least 1');

  const server = await startMotoServer();
  try {
    Object.assign(process.env, server.env);
    const setup = new AwsClients({ env: server.env, maxAttempts: 2 });
    await seedEvidenceBucket(setup.get(S3Client, 'us-east-1'), BUCKET);
    const results: Measured[] = [];
    for (let run = 1; run <= runs; run += 1) {
      const user = await seedCompromisedUser(
        setup.get(IAMClient, 'us-east-1'),
        `bench-user-${run}`,
      );
      results.push(await measure(server.env, user.compromisedKey, `BENCH-${run}`, regions));
    }
    setup.destroy();
    print(results, regions);
  } finally {
    await server.stop();
  }
}

async function measure(
  env: Readonly<Record<string, string>>,
  accessKeyId: string,
  caseId: string,
  regions: readonly string[],
): Promise<Measured> {
  const calls: string[] = [];
  const aws = new AwsClients({ env, onRequest: (call) => calls.push(apiName(call)) });
  const started = performance.now();
  const at = (): Milestone => ({ calls: calls.length, ms: performance.now() - started });
  let inactive: Milestone | undefined;
  let revoked: Milestone | undefined;
  let callsUntilInactive: string[] = [];
  try {
    const evidence = await chooseEvidenceStore({
      aws,
      clock: systemClock,
      region: 'us-east-1',
      globalRegion: 'us-east-1',
    });
    const responder = revokeAccessKeyResponder(
      {
        accessKeyId,
        caseId,
        homeRegion: 'us-east-1',
        regions,
        lookbackDays: 90,
        revokeRoles: [],
        revokeAssumedRoles: false,
        deactivateOtherKeys: false,
        deleteLoginProfile: false,
        revokeAgain: false,
      },
      { aws, clock: systemClock },
    );
    const response = await respond(responder, {
      aws,
      clock: systemClock,
      dryRun: false,
      trigger: { source: 'cli' },
      region: 'us-east-1',
      evidence,
      onStep: (record) => {
        // A milestone is reached only by a step that took effect, not by one that failed.
        if (record.status !== 'done' && record.status !== 'already-done') return;
        if (record.action === 'iam:UpdateAccessKey' && !inactive) {
          inactive = at();
          callsUntilInactive = [...calls];
        }
        if (record.action === 'iam:PutUserPolicy' || record.action === 'iam:AttachUserPolicy')
          revoked ??= at();
      },
    });
    if (!inactive || !revoked)
      throw new Error(
        `run ${caseId} did not deactivate the key and revoke its sessions (outcome ${response.record.outcome})`,
      );
    return { inactive, revoked, total: at(), outcome: response.record.outcome, callsUntilInactive };
  } finally {
    aws.destroy();
  }
}

function print(results: readonly Measured[], regions: readonly string[]): void {
  const median = (pick: (result: Measured) => number) => {
    const sorted = results.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? 0;
  };
  const cell = (milestone: Milestone) =>
    `${String(milestone.calls).padStart(3)} requests ${milestone.ms.toFixed(0).padStart(6)} ms`;
  const lines = [
    `revoke-access-key on moto: ${results.length} runs, CloudTrail searched in ${regions.join(', ')}`,
    `  run  key inactive          sessions revoked      evidence filed        outcome`,
    ...results.map(
      (result, index) =>
        `  ${String(index + 1).padStart(3)}  ${cell(result.inactive)}  ${cell(result.revoked)}  ${cell(result.total)}  ${result.outcome}`,
    ),
    `  median key inactive after ${median((r) => r.inactive.calls)} requests sent, ${median((r) => r.inactive.ms).toFixed(0)} ms; ` +
      `sessions revoked after ${median((r) => r.revoked.calls)}, ${median((r) => r.revoked.ms).toFixed(0)} ms; ` +
      `everything after ${median((r) => r.total.calls)}, ${median((r) => r.total.ms).toFixed(0)} ms`,
    '  requests sent until the key was inactive (first run), retries included:',
    ...tally(results[0]?.callsUntilInactive ?? []).map(
      ([api, count]) => `    ${api.padEnd(36)} ${count}`,
    ),
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

function tally(calls: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call, (counts.get(call) ?? 0) + 1);
  return [...counts];
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(
      `bench:revoke failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}

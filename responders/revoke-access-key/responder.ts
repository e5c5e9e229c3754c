import type { AwsClients } from '../../lib/aws/clients';
import type { Clock } from '../../lib/clock';
import type { Artifact } from '../core/evidence';
import type { Execution } from '../core/execute';
import type { RunRecord } from '../core/record';
import type { Responder } from '../core/respond';
import type { AccessAdvisorSection } from './access-advisor';
import { blastRadiusArtifact } from './blast-radius';
import { CloudTrailPacer, sessionsMintedBy } from './cloudtrail';
import type { KeyDescription } from './description';
import {
  planRevocation,
  RESPONDER_NAME,
  type Containment,
  type RevocationPlan,
  type RevokeOptions,
} from './plan';
import { describeAccessKey, type DescribeRequest } from './read';
import { revokeAccessKeyRunners, type CollectedEvents } from './runners';
import { verifyRevocation, type VerifyDeps } from './verify';

/** Everything one response to a compromised key needs to know. */
export interface RevokeAccessKeyRequest extends DescribeRequest, Omit<RevokeOptions, 'now'> {}

/** What a response runs with. */
export interface RevokeAccessKeyDeps {
  readonly aws: AwsClients;
  readonly clock: Clock;
  /** @default - a pacer of its own */
  readonly pacer?: CloudTrailPacer;
  readonly verify?: VerifyDeps;
  /** Pages of LookupEvents read per region by the evidence steps. @default MAX_LOOKUP_PAGES_PER_REGION */
  readonly maxLookupPages?: number;
  /**
   * Time left to the run, e.g. a Lambda invocation's: the access-advisor poll of the blast
   * radius ends in time to file the record.
   *
   * @default - no limit but the poll's own
   */
  readonly remainingMs?: () => number;
}

/** The responder, whose `plan` also says whether the plan contains the key. */
export interface RevokeAccessKeyResponder extends Responder<KeyDescription> {
  plan(description: KeyDescription): RevocationPlan;
  /** The access-advisor section of the blast radius filed last; undefined before or without one. */
  accessAdvisor(): AccessAdvisorSection | undefined;
}

/**
 * The access-key responder for `respond()`. It reads the key once (later calls of `describe`
 * return the same description, so the plan an operator confirmed is the plan that runs) and
 * plans at the moment `plan` is called, which sets the revocation time.
 */
export function revokeAccessKeyResponder(
  request: RevokeAccessKeyRequest,
  deps: RevokeAccessKeyDeps,
): RevokeAccessKeyResponder {
  const pacer = deps.pacer ?? new CloudTrailPacer(deps.clock);
  const collected: CollectedEvents = new Map();
  let described: Promise<KeyDescription> | undefined;
  const optionsAt = (now: Date): RevokeOptions => ({
    caseId: request.caseId,
    now,
    deactivateOtherKeys: request.deactivateOtherKeys,
    deleteLoginProfile: request.deleteLoginProfile,
    revokeAgain: request.revokeAgain,
    ...(request.keepMintingKey ? { keepMintingKey: true } : {}),
  });
  let lastPlan: { plan: RevocationPlan; options: RevokeOptions } | undefined;
  let accessAdvisor: AccessAdvisorSection | undefined;

  return {
    name: RESPONDER_NAME,
    describe() {
      described ??= describeAccessKey(deps.aws, request, { clock: deps.clock, pacer });
      return described;
    },
    plan(description) {
      const options = optionsAt(deps.clock.now());
      const plan = planRevocation(description, options);
      lastPlan = { plan, options };
      return plan;
    },
    runners: revokeAccessKeyRunners({
      pacer,
      collected,
      ...(deps.maxLookupPages ? { maxPages: deps.maxLookupPages } : {}),
    }),
    async verify(description, execution) {
      if (!lastPlan) throw new Error('verify called before plan');
      return verifyRevocation(
        deps.aws,
        description,
        lastPlan.plan,
        lastPlan.options,
        execution,
        deps.verify,
      );
    },
    async artifacts(description, execution) {
      const blast = await blastRadiusArtifact(deps.aws, description, {
        now: deps.clock.now(),
        ...(deps.remainingMs ? { remainingMs: deps.remainingMs } : {}),
      });
      accessAdvisor = blast.accessAdvisor;
      return [...revocationArtifacts(description, execution, collected), blast.artifact];
    },
    accessAdvisor: () => accessAdvisor,
  };
}

/**
 * The pre-state (the key's owner as read: keys by id and status, policies, groups, console
 * access, MFA devices, last use; never a secret), a summary of the CloudTrail extract with
 * every region's status, and each region's events.
 */
export function revocationArtifacts(
  description: KeyDescription,
  execution: Execution,
  collected: CollectedEvents,
): Artifact[] {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const lookups = execution.steps.filter((step) => step.action === 'cloudtrail:LookupEvents');
  const regions = lookups.map((step) => {
    const events = collected.get(step.region);
    if (step.status === 'done' && events) {
      return {
        region: step.region,
        status: 'collected',
        events: events.events.length,
        pages: events.pages,
        truncated: events.truncated,
        file: eventsFile(step.region),
      };
    }
    return {
      region: step.region,
      status: step.status === 'failed' ? 'unavailable' : 'not-run',
      ...(step.error ? { reason: `${step.error.name}: ${step.error.message}` } : {}),
    };
  });
  const allEvents = [...collected.values()].flatMap((events) => events.events);
  const summary = {
    accessKeyId: description.accessKeyId,
    startTime: lookups[0]?.input.StartTime ?? null,
    regions,
    collected: regions.filter((region) => region.status === 'collected').length,
    unavailable: regions.filter((region) => region.status === 'unavailable').length,
    sessionsMinted: sessionsMintedBy(description.accessKeyId, allEvents),
  };
  return [
    { name: 'pre-state.json', body: json(description), contentType: 'application/json' },
    { name: 'cloudtrail-events.json', body: json(summary), contentType: 'application/json' },
    ...[...collected.values()].map((events) => ({
      name: eventsFile(events.region),
      body: json({
        accessKeyId: description.accessKeyId,
        region: events.region,
        truncated: events.truncated,
        events: events.events,
      }),
      contentType: 'application/json',
    })),
  ];
}

function eventsFile(region: string): string {
  return `cloudtrail-events-${region}.json`;
}

/**
 * Whether a run did all it could: no step failed (evidence steps may have: the run is then
 * degraded, with containment done), every post-condition holds, and the key is contained. A dry
 * run only has to have planned.
 */
export function responseSucceeded(record: RunRecord, containment: Containment): boolean {
  if (record.dryRun) return true;
  return (
    record.outcome !== 'failed' &&
    record.verification.every((check) => check.ok) &&
    containment.contained
  );
}

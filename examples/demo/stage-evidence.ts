import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { systemClock } from '../../lib/clock';
import { caseManifestsPrefix, casePrefix } from '../../responders/core/custody-chain';
import { openEvidenceBucket } from '../../responders/core/plumbing';
import { verifyCaseEvidence, type CaseVerification } from '../../responders/core/verify-evidence';
import { restoreEvidencePolicy } from './evidence-policy';
import { INCIDENT_REGION } from './incident';
import type { DemoContext, DemoStage } from './stage';
import { requireDeployment, requireResponses } from './stage-requires';

/** A verification as `pyjamas evidence verify` prints it. */
export function describeVerification(result: CaseVerification): string[] {
  const lines = [
    `Case ${result.caseId} in ${result.location}: ${result.manifests} manifests, ${result.artifacts} objects checked.`,
    ...result.problems.map((problem) => `  FAILED ${problem}`),
    ...result.unlisted.map((key) => `  not in any manifest: ${key}`),
  ];
  if (result.head) lines.push(`Chain head: ${result.head.sha256} (${result.head.key})`);
  lines.push(
    result.ok
      ? 'Every SHA-256 matches and the manifest chain is intact.'
      : 'Evidence verification FAILED.',
  );
  return lines;
}

/**
 * Stage: both cases verified as `pyjamas evidence verify` does, then one object written over and
 * the verification run again.
 */
export const EVIDENCE_STAGE: DemoStage = {
  title: 'verify the evidence chain, then tamper with it',
  proves:
    'what the responders filed can be proven untouched: each object has the SHA-256 and the one version its manifest recorded, and the manifests chain; an object written over is caught by name.',
  async run(context) {
    const deployment = requireDeployment(context);
    const responses = requireResponses(context);
    const bucket = String(deployment.outputs.evidence_bucket_name);
    const store = await openEvidenceBucket(
      {
        aws: context.aws,
        clock: systemClock,
        region: INCIDENT_REGION,
        globalRegion: INCIDENT_REGION,
      },
      bucket,
    );
    const cases = [responses.isolation.result?.caseId, responses.revocation.result?.caseId].filter(
      (caseId): caseId is string => caseId !== undefined,
    );
    for (const caseId of cases) {
      context.say(`\n$ npx pyjamas evidence verify --case ${caseId}`);
      for (const line of describeVerification(await verifyCaseEvidence(store, caseId)))
        context.say(line);
    }
    const [caseId] = cases;
    if (!caseId) throw new Error('stage 4 filed no case to verify');
    const victim = (await store.list(casePrefix(caseId))).find(
      (key) => !key.startsWith(caseManifestsPrefix(caseId)),
    );
    if (!victim) throw new Error(`case ${caseId} holds no artifact to tamper with`);
    context.say(`\nAn intruder writes over ${victim}...`);
    await context.aws
      .get(S3Client, INCIDENT_REGION)
      .send(new PutObjectCommand({ Bucket: bucket, Key: victim, Body: '{"nothing":"to see"}\n' }));
    context.say(
      "On AWS the bucket policy's DenyCaseEvidenceOverwrites refuses this write and Object Lock keeps the filed version whatever is put on top; with the policy set aside on moto the write goes through, and verification still catches it:",
    );
    context.say(`$ npx pyjamas evidence verify --case ${caseId}`);
    const tampered = await verifyCaseEvidence(store, caseId);
    for (const line of describeVerification(tampered)) context.say(line);
    if (tampered.ok) throw new Error('the tampered case verified: the demo expected a failure');
    await putPolicyBack(context);
  },
};

/** The evidence bucket's policy goes back before anything else looks at the plumbing. */
async function putPolicyBack(context: DemoContext): Promise<void> {
  if (!context.setAsidePolicy) return;
  await restoreEvidencePolicy(context.aws, context.setAsidePolicy);
  context.setAsidePolicy = undefined;
  context.say('\nThe evidence bucket policy is back, as deployed.');
}

import { accountGrantsScoped } from './account-grants-scoped';
import { accountListingsScoped } from './account-listings-scoped';
import { componentDocumentLiteral } from './component-document-literal';
import { configDeliveryNotObjectLock } from './config-delivery-not-object-lock';
import { crossAccountBucketOwner } from './cross-account-bucket-owner';
import { evidenceStaysReadable } from './evidence-stays-readable';
import { imageBuilderSubnetRoutesOut } from './image-builder-subnet-routes-out';
import { kmsKeyAllowsWriter } from './kms-key-allows-writer';
import { lambdaRuntimeSupported } from './lambda-runtime-supported';
import { organizationTrailDelivery } from './organization-trail-delivery';
import { organizationTrailPrerequisites } from './organization-trail-prerequisites';
import type {
  ConstraintContext,
  ConstraintRule,
  ConstraintViolation,
  SynthesizedTerraform,
} from './rule';
import { singlePerRegionAdoptable } from './single-per-region-adoptable';
import { ssmParametersCreated } from './ssm-parameters-created';

/**
 * AWS's documented constraints that an emulator does not enforce, one rule per file. Add a rule
 * here whenever a real-AWS difference is found (see ARCHITECTURE.md, "AWS constraints").
 */
export const AWS_CONSTRAINTS: readonly ConstraintRule[] = [
  lambdaRuntimeSupported,
  configDeliveryNotObjectLock,
  ssmParametersCreated,
  singlePerRegionAdoptable,
  accountGrantsScoped,
  accountListingsScoped,
  crossAccountBucketOwner,
  organizationTrailDelivery,
  organizationTrailPrerequisites,
  evidenceStaysReadable,
  kmsKeyAllowsWriter,
  imageBuilderSubnetRoutesOut,
  componentDocumentLiteral,
];

/** Every violation of the constraints in a synthesized stack (the text of `cdk.tf.json`). */
export function checkAwsConstraints(
  synthesized: string,
  context: ConstraintContext,
  rules: readonly ConstraintRule[] = AWS_CONSTRAINTS,
): ConstraintViolation[] {
  const document = JSON.parse(synthesized) as SynthesizedTerraform;
  return rules.flatMap((rule) => rule.check(document, context));
}

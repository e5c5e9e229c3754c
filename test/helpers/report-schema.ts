import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import { packageRoot } from '../../lib/package-root';

const schema = JSON.parse(
  readFileSync(join(packageRoot(), 'scanner', 'report', 'scan-report.schema.json'), 'utf8'),
) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addFormat(
  'date-time',
  (text: string) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text) &&
    !Number.isNaN(Date.parse(text)),
);
const validate = ajv.compile(schema);

/** Schema violations of a parsed `pyjamas scan --output json` document; empty when valid. */
export function reportSchemaErrors(report: unknown): ErrorObject[] {
  return validate(report) ? [] : [...(validate.errors ?? [])];
}

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CHECKS } from '../../scanner/checks';
import { FRAMEWORKS } from '../../scanner/compliance';
import { ROOT } from './source-files';

const CHECK_ID = /^[a-z0-9]+(_[a-z0-9]+)+$/;

describe('the check registry', () => {
  test('holds each check id once', () => {
    const ids = ALL_CHECKS.map((check) => check.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  test.each(ALL_CHECKS.map((check) => [check.id, check] as const))(
    '%s lives in a file named by its id, beside its test',
    (id, check) => {
      expect(id).toMatch(CHECK_ID);
      expect(id.startsWith(`${check.service}_`)).toBe(true);
      expect(existsSync(join(ROOT, 'scanner/checks', check.service, `${id}.ts`))).toBe(true);
      expect(existsSync(join(ROOT, 'scanner/checks', check.service, `${id}.test.ts`))).toBe(true);
    },
  );

  test.each(ALL_CHECKS.map((check) => [check.id, check] as const))(
    '%s has complete metadata',
    (_, check) => {
      expect(check.title.length).toBeGreaterThan(10);
      expect(check.risk.length).toBeGreaterThan(20);
      expect(check.remediation.length).toBeGreaterThan(20);
      expect(check.references.length).toBeGreaterThan(0);
      for (const reference of check.references) expect(reference).toMatch(/^https:\/\//);
      expect(check.needs.length).toBeGreaterThan(0);
    },
  );

  test('registers every check file in the checks folder', () => {
    const registered = new Set(ALL_CHECKS.map((check) => check.id));
    const files = readdirSync(join(ROOT, 'scanner/checks'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((dir) => readdirSync(join(ROOT, 'scanner/checks', dir.name)))
      .filter(
        (name) =>
          name.endsWith('.ts') &&
          !name.endsWith('.test.ts') &&
          CHECK_ID.test(name.replace(/\.ts$/, '')),
      )
      .map((name) => name.replace(/\.ts$/, ''));
    expect(files.filter((id) => !registered.has(id))).toEqual([]);
  });
});

describe('the compliance mappings', () => {
  test('name only checks that exist', () => {
    const known = new Set(ALL_CHECKS.map((check) => check.id));
    const unknown = FRAMEWORKS.flatMap((framework) =>
      framework.controls.flatMap((control) =>
        control.checks
          .filter((id) => !known.has(id))
          .map((id) => `${framework.id} ${control.id}: ${id}`),
      ),
    );
    expect(unknown).toEqual([]);
  });

  test.each(FRAMEWORKS.map((framework) => [framework.id, framework] as const))(
    '%s lists each control once',
    (_, framework) => {
      const ids = framework.controls.map((control) => control.id);
      expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    },
  );
});

/**
 * Automated controls no check evaluates yet, each waiting for an SDK client that is not a
 * dependency. Adding the client and the check must remove the control from here.
 */
const AWAITING_SDK_CLIENT: { readonly [framework: string]: readonly string[] } = {
  // @aws-sdk/client-accessanalyzer (1.19), @aws-sdk/client-rds (2.2.1-2.2.3), @aws-sdk/client-efs (2.3.1)
  'cis-aws-5.0': ['1.19', '2.2.1', '2.2.2', '2.2.3', '2.3.1'],
  'cis-aws-6.0': ['2.19', '3.2.1', '3.2.2', '3.2.3', '3.3.1'],
  'cis-aws-7.0': ['2.18', '3.2.1', '3.2.2', '3.2.3', '3.3.1'],
  'cis-aws-7.1': ['2.18', '3.2.1', '3.2.2', '3.2.3', '3.2.5', '3.3.1'],
};

describe('the CIS mappings', () => {
  test.each(FRAMEWORKS.map((framework) => [framework.id, framework] as const))(
    '%s maps every automated control to a check, except those awaiting an SDK client',
    (id, framework) => {
      const uncovered = framework.controls
        .filter((control) => control.assessment === 'automated' && control.checks.length === 0)
        .map((control) => control.id);
      expect(uncovered).toEqual(AWAITING_SDK_CLIENT[id] ?? []);
    },
  );

  test.each(FRAMEWORKS.map((framework) => [framework.id, framework] as const))(
    '%s has complete metadata and links to CIS for the text',
    (_, framework) => {
      expect(framework.url).toMatch(/^https:\/\/www\.cisecurity\.org\//);
      expect(framework.version).toMatch(/^\d+\.\d+\.\d+$/);
      for (const control of framework.controls) {
        expect(control.id).toMatch(/^\d+(\.\d+)+$/);
        expect(control.title.length).toBeGreaterThan(10);
        expect(control.section).toMatch(/^\d+ \S/);
        expect([1, 2]).toContain(control.level);
      }
    },
  );

  test('map root hardware MFA to the check that tells hardware from virtual devices', () => {
    const hardware = FRAMEWORKS.flatMap((framework) =>
      framework.controls.filter((control) => /hardware MFA/.test(control.title)),
    );
    expect(hardware).toHaveLength(FRAMEWORKS.length);
    for (const control of hardware)
      expect(control.checks).toEqual(['iam_root_hardware_mfa_enabled']);
  });
});

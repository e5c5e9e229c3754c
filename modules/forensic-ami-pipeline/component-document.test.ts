import { spawnSync } from 'node:child_process';
import {
  componentYaml,
  forensicToolsComponent,
  TOOL_MANIFEST,
  type ComponentDocument,
} from './component-document';
import { resolveForensicTools } from './forensic-tools';

const tools = resolveForensicTools('test', {
  avml: { sha256: 'A'.repeat(64), url: 'https://mirror.example/avml?download=1&ref=x' },
  volatility3: { wheelSha256: 'b'.repeat(64) },
});
const pinned = forensicToolsComponent('pyjamas-forensic-tools', tools);
const packagesOnly = forensicToolsComponent('pyjamas-forensic-tools', resolveForensicTools('test'));
const stepsOf = (document: ComponentDocument, phase: string) =>
  document.phases.find((candidate) => candidate.name === phase)?.steps ?? [];
const commands = (phase: string, step: string, document = pinned) =>
  stepsOf(document, phase).find((candidate) => candidate.name === step)?.inputs.commands ?? [];

/** Parses YAML with PyYAML (installed with moto, which the test suite requires). */
function parseYaml(text: string): unknown {
  const result = spawnSync(
    'python3',
    ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))'],
    { input: text, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`PyYAML could not parse the document: ${result.stderr}`);
  return JSON.parse(result.stdout) as unknown;
}

describe('forensic tools component document', () => {
  test('is YAML that a YAML parser reads back as the document, schema version 1.0 with build, validate and test phases', () => {
    for (const document of [pinned, packagesOnly]) {
      const parsed = parseYaml(componentYaml(document)) as ComponentDocument;
      expect(parsed).toEqual(document);
      expect(componentYaml(document)).toContain('\nschemaVersion: 1.0\n');
      expect(parsed.phases.map((phase) => phase.name)).toEqual(['build', 'validate', 'test']);
    }
  });

  test('every step is a strict bash script', () => {
    for (const document of [pinned, packagesOnly])
      for (const phase of document.phases)
        for (const step of phase.steps) expect(step.inputs.commands[0]).toBe('set -euo pipefail');
  });

  test("installs The Sleuth Kit, ewf-tools, dc3dd, YARA and LiME from the distribution's authenticated archive", () => {
    const install = commands('build', 'InstallPackages', packagesOnly);
    expect(install[2]).toBe(
      'DEBIAN_FRONTEND=noninteractive apt-get -o APT::Get::AllowUnauthenticated=false install -y --no-install-recommends sleuthkit ewf-tools dc3dd yara lime-forensics-dkms linux-headers-aws dkms e2fsprogs curl ca-certificates',
    );
    expect(commands('build', 'InstallPackages')[2]).toMatch(/ python3-venv$/);
  });

  test('without pins downloads nothing and has no AVML or Volatility 3 step', () => {
    const names = packagesOnly.phases.flatMap((phase) => phase.steps.map((step) => step.name));
    expect(names).toEqual([
      'InstallPackages',
      'RecordToolManifest',
      'CheckPackages',
      'ExerciseDiskTools',
      'ExerciseMemoryTools',
    ]);
    expect(componentYaml(packagesOnly)).not.toMatch(/curl --fail|pip install|avml|vol /);
  });

  test('downloads AVML over HTTPS only and checks it against its pinned SHA-256 before installing it', () => {
    expect(commands('build', 'InstallAvml').slice(2)).toEqual([
      "curl --fail --silent --show-error --location --proto '=https' --proto-redir '=https' --retry 3 --output avml 'https://mirror.example/avml?download=1&ref=x'",
      `printf '%s  %s\\n' ${'a'.repeat(64)} avml | sha256sum --check --strict`,
      'install -m 0755 /var/tmp/pyjamas-forensics/avml /usr/local/bin/avml',
    ]);
  });

  test('installs Volatility 3 with pip in hash-checking mode, wheels only, nothing unlisted', () => {
    const install = commands('build', 'InstallVolatility3');
    expect(install[2]).toBe(
      `printf '%s\\n' 'volatility3==2.28.2 --hash=sha256:${'b'.repeat(64)}' 'pefile==2024.8.26 --hash=sha256:76f8b485dcd3b1bb8166f1128d395fa3d87af26360c2358fb75b80019b957c6f' > volatility3-requirements.txt`,
    );
    expect(install[4]).toContain(
      "--require-hashes --only-binary=:all: --no-deps --index-url 'https://pypi.org/simple'",
    );
  });

  test('records the packages and the pinned tools in a manifest and removes the downloads', () => {
    const manifest = commands('build', 'RecordToolManifest');
    expect(manifest[3]).toBe(
      `dpkg-query -W sleuthkit ewf-tools dc3dd yara lime-forensics-dkms | sed 's/$/\\t-\\tubuntu archive (signed)/' >> ${TOOL_MANIFEST}`,
    );
    expect(manifest.filter((line) => line.startsWith("printf '%s\\t"))).toHaveLength(4);
    expect(manifest.at(-1)).toBe('rm -rf /var/tmp/pyjamas-forensics');
  });

  test('validates every package and tool, and the installed AVML by its checksum', () => {
    const packages = commands('validate', 'CheckPackages').slice(1);
    expect(packages.slice(0, 5).map((line) => /^dpkg -s (\S+)/.exec(line)?.[1])).toEqual([
      'sleuthkit',
      'ewf-tools',
      'dc3dd',
      'yara',
      'lime-forensics-dkms',
    ]);
    expect(packages.slice(5).map((line) => /^out=\$\(([^)]+) 2>&1\)/.exec(line)?.[1])).toEqual([
      'fls -V',
      'mmls -V',
      'icat -V',
      'ewfacquire -V',
      'ewfverify -V',
      'ewfinfo -V',
      'dc3dd --version',
      'yara --version',
    ]);
    expect(commands('validate', 'CheckAvml')[1]).toBe(
      `printf '%s  %s\\n' ${'a'.repeat(64)} /usr/local/bin/avml | sha256sum --check --strict`,
    );
    expect(commands('validate', 'CheckVolatility3')[1]).toContain(
      "*'Volatility 3 Framework 2.28.2'*)",
    );
  });

  test('tests every tool on data on the new image: a disk image, an E01 copy and the instance memory', () => {
    const disk = commands('test', 'ExerciseDiskTools').join('\n');
    for (const tool of ['mkfs.ext4', 'fls -r', 'icat', 'dc3dd', 'ewfacquire', 'ewfverify', 'yara'])
      expect(disk).toContain(tool);
    expect(commands('test', 'ExerciseMemoryTools')).toEqual([
      'set -euo pipefail',
      'work=$(mktemp -d /var/tmp/pyjamas-memory-test.XXXXXX)',
      'modprobe lime "path=$work/lime.lime format=lime"',
      'rmmod lime',
      'test "$(head -c 4 "$work/lime.lime")" = EMiL',
      'avml "$work/avml.lime"',
      'test "$(head -c 4 "$work/avml.lime")" = EMiL',
      'vol --quiet --file "$work/lime.lime" banners.Banners > "$work/banners.txt"',
      'grep -F "$(uname -r)" "$work/banners.txt"',
      'rm -rf "$work"',
    ]);
    expect(commands('test', 'ExerciseMemoryTools', packagesOnly)).toHaveLength(6);
  });
});

import { spawnSync } from 'node:child_process';
import {
  componentYaml,
  forensicToolsComponent,
  TOOL_MANIFEST,
  type ComponentDocument,
} from './component-document';
import { resolveForensicTools } from './forensic-tools';

const tools = resolveForensicTools('test', {
  avml: { sha256: 'A'.repeat(64) },
  volatility3: { wheelSha256: 'b'.repeat(64) },
  dc3dd: { url: 'https://mirror.example/dc3dd/dc3dd-7.3.1.zip?download=1&ref=x' },
});
const document = forensicToolsComponent('pyjamas-forensic-tools', tools);
const commands = (phase: string, step: string) =>
  document.phases
    .find((candidate) => candidate.name === phase)
    ?.steps.find((candidate) => candidate.name === step)?.inputs.commands ?? [];

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
    const parsed = parseYaml(componentYaml(document)) as ComponentDocument;
    expect(parsed).toEqual(document);
    expect(componentYaml(document)).toContain('\nschemaVersion: 1.0\n');
    expect(parsed.phases.map((phase) => phase.name)).toEqual(['build', 'validate', 'test']);
  });

  test('every step is a strict bash script', () => {
    for (const phase of document.phases)
      for (const step of phase.steps) expect(step.inputs.commands[0]).toBe('set -euo pipefail');
  });

  test('downloads over HTTPS only and checks every file against its pinned SHA-256 before anything is built', () => {
    const downloads = commands('build', 'DownloadSources').filter((line) =>
      line.startsWith('curl '),
    );
    expect(downloads).toHaveLength(5);
    for (const line of downloads) expect(line).toContain("--proto '=https' --proto-redir '=https'");
    expect(downloads).toContain(
      "curl --fail --silent --show-error --location --proto '=https' --proto-redir '=https' --retry 3 --output dc3dd.zip 'https://mirror.example/dc3dd/dc3dd-7.3.1.zip?download=1&ref=x'",
    );
    const verify = commands('build', 'VerifySources');
    expect(verify).toContain(`printf '%s  %s\\n' ${'a'.repeat(64)} avml > SHA256SUMS`);
    expect(verify).toContain(
      "printf '%s  %s\\n' bd1b66d20a4020ab94b512e56d76cb5f86470d0216081586d596366927cb8d8b dc3dd.zip >> SHA256SUMS",
    );
    expect(verify.at(-1)).toBe('sha256sum --check --strict SHA256SUMS');
    const order = document.phases[0]?.steps.map((step) => step.name);
    expect(order?.indexOf('VerifySources')).toBe((order?.indexOf('DownloadSources') ?? -2) + 1);
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

  test('builds The Sleuth Kit against libewf, records a manifest and removes the sources', () => {
    expect(commands('build', 'BuildSleuthKit').join('\n')).toContain('--with-libewf=/usr/local');
    const manifest = commands('build', 'RecordToolManifest');
    expect(manifest.filter((line) => line.endsWith(`>> ${TOOL_MANIFEST}`))).toHaveLength(7);
    expect(manifest.at(-1)).toBe('rm -rf /var/tmp/pyjamas-forensics');
  });

  test('validates every tool by its version command and the installed AVML by its checksum', () => {
    expect(commands('validate', 'CheckAvmlChecksum')[1]).toBe(
      `printf '%s  %s\\n' ${'a'.repeat(64)} /usr/local/bin/avml | sha256sum --check --strict`,
    );
    const versions = commands('validate', 'CheckToolVersions').slice(1);
    expect(versions.map((line) => /^out=\$\(([^)]+) 2>&1\)/.exec(line)?.[1])).toEqual([
      'avml --version',
      'vol --help',
      'fls -V',
      'mmls -V',
      'icat -V',
      'ewfacquire -V',
      'ewfverify -V',
      'ewfinfo -V',
      'dc3dd --version',
      'yara --version',
    ]);
    expect(versions[1]).toContain("*'Volatility 3 Framework 2.28.2'*)");
  });

  test('tests every tool on data on the new image: a disk image, an E01 copy and the instance memory', () => {
    const disk = commands('test', 'ExerciseDiskTools').join('\n');
    for (const tool of ['mkfs.ext4', 'fls -r', 'icat', 'dc3dd', 'ewfacquire', 'ewfverify', 'yara'])
      expect(disk).toContain(tool);
    expect(commands('test', 'ExerciseMemoryTools')).toEqual([
      'set -euo pipefail',
      'work=$(mktemp -d /var/tmp/pyjamas-memory-test.XXXXXX)',
      'avml "$work/memory.lime"',
      'vol --quiet --file "$work/memory.lime" banners.Banners > "$work/banners.txt"',
      'grep -F "$(uname -r)" "$work/banners.txt"',
      'rm -rf "$work"',
    ]);
  });
});

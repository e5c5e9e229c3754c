import { InvalidPropError, checkPattern } from '../shared/validation';

/** A source release pinned by version and SHA-256, with a default checksum for the default version. */
export interface ToolPin {
  /**
   * Release version. Giving another version than the default requires its `sha256` too.
   *
   * @default - the version in {@link FORENSIC_TOOL_DEFAULTS}
   */
  readonly version?: string;

  /**
   * SHA-256 of the downloaded file, 64 hexadecimal digits (`sha256sum <file>`).
   *
   * @default - the checksum in {@link FORENSIC_TOOL_DEFAULTS}, for the default version only
   */
  readonly sha256?: string;

  /**
   * HTTPS address to download the file from instead of the upstream release, e.g. a mirror
   * the build subnet can reach. The checksum is verified all the same.
   *
   * @default - the upstream release address of the version
   */
  readonly url?: string;
}

/** A pin whose checksum has no default and must be given. */
export interface RequiredChecksumPin extends Omit<ToolPin, 'sha256'> {
  /** SHA-256 of the downloaded file, 64 hexadecimal digits. */
  readonly sha256: string;
}

/** Volatility 3 and its one dependency, installed with pip in hash-checking mode from wheels. */
export interface PythonWheelPin {
  /**
   * Version on the package index.
   *
   * @default - the version in {@link FORENSIC_TOOL_DEFAULTS}
   */
  readonly version?: string;

  /**
   * SHA-256 of the wheel (`<name>-<version>-py3-none-any.whl`) as the package index lists it.
   *
   * @default - the checksum in {@link FORENSIC_TOOL_DEFAULTS}, where one is known
   */
  readonly wheelSha256?: string;
}

/** The versions and checksums of every tool the forensic image gets. */
export interface ForensicToolPins {
  /**
   * AVML, Microsoft's static userland memory acquisition tool: the `avml` binary (x86_64,
   * statically linked) of a microsoft/avml GitHub release. AVML publishes no checksum file, so
   * the SHA-256 has no default: take it from a copy you downloaded and checked.
   */
  readonly avml: RequiredChecksumPin;

  /**
   * Volatility 3 from the Python package index, as a wheel. Its SHA-256 has no default: PyPI
   * lists it on the release's "Download files" page (`volatility3-<version>-py3-none-any.whl`).
   */
  readonly volatility3: PythonWheelPin & { readonly wheelSha256: string };

  /**
   * pefile, Volatility 3's only required dependency.
   *
   * @default - 2024.8.26 and the SHA-256 of its wheel
   */
  readonly pefile?: PythonWheelPin;

  /**
   * Python package index that serves the Volatility 3 and pefile wheels.
   *
   * @default 'https://pypi.org/simple'
   */
  readonly pythonIndexUrl?: string;

  /**
   * The Sleuth Kit source release (`sleuthkit-<version>.tar.gz`), built with EWF support.
   *
   * @default - 4.15.0 and its SHA-256
   */
  readonly sleuthKit?: ToolPin;

  /**
   * libewf and its ewf-tools (ewfacquire, ewfverify, ewfinfo, ewfexport) from the stable
   * libewf-legacy releases (`libewf-<version>.tar.gz`); the main libewf line is experimental.
   *
   * @default - 20140817 and its SHA-256
   */
  readonly libewf?: ToolPin;

  /**
   * dc3dd, the forensic dd with on-the-fly hashing, from its SourceForge release (`dc3dd-<version>.zip`).
   *
   * @default - 7.3.1 and its SHA-256
   */
  readonly dc3dd?: ToolPin;

  /**
   * YARA from the release tag's source archive (`v<version>.tar.gz`).
   *
   * @default - 4.5.8 and its SHA-256
   */
  readonly yara?: ToolPin;
}

/**
 * Default versions and the SHA-256 of their files. The checksums were cross-checked against
 * independent package recipes of the same files (Homebrew, nixpkgs, Debian, Arch, Termux and
 * lock files); AVML and Volatility 3 have none here because no such record could be checked.
 */
export const FORENSIC_TOOL_DEFAULTS = {
  avml: { version: '0.20.0' },
  volatility3: { version: '2.28.2' },
  pefile: {
    version: '2024.8.26',
    sha256: '76f8b485dcd3b1bb8166f1128d395fa3d87af26360c2358fb75b80019b957c6f',
  },
  sleuthKit: {
    version: '4.15.0',
    sha256: '3a8c1e7d18a9b81f3e5e8aa78313974aceaafc6e051d636bc92cd7168286eca9',
  },
  libewf: {
    version: '20140817',
    sha256: '6dbbefe68e913243dc000b9daaf59f293e33c2340024f7dfb144f1ad90b06544',
  },
  dc3dd: {
    version: '7.3.1',
    sha256: 'bd1b66d20a4020ab94b512e56d76cb5f86470d0216081586d596366927cb8d8b',
  },
  yara: {
    version: '4.5.8',
    sha256: 'c322414975ff6f701149856613afdcd92a7e6939c284c798ae3c85618197efaa',
  },
} as const;

/** A file the build downloads and checks. */
export interface ResolvedDownload {
  /** Name of the tool, as in {@link ForensicToolPins}. */
  readonly tool: string;
  readonly version: string;
  readonly sha256: string;
  readonly url: string;
  /** Name the file is saved under in the build's work folder. */
  readonly file: string;
}

/** A wheel pip installs in hash-checking mode. */
export interface ResolvedWheel {
  readonly name: string;
  readonly version: string;
  readonly sha256: string;
}

/** Every pin, validated, with its defaults filled in. */
export interface ResolvedTools {
  readonly avml: ResolvedDownload;
  readonly sleuthKit: ResolvedDownload;
  readonly libewf: ResolvedDownload;
  readonly dc3dd: ResolvedDownload;
  readonly yara: ResolvedDownload;
  readonly volatility3: ResolvedWheel;
  readonly pefile: ResolvedWheel;
  readonly pythonIndexUrl: string;
}

const SHA256 = /^[0-9a-fA-F]{64}$/;
const VERSION = /^[0-9A-Za-z][0-9A-Za-z._+-]{0,39}$/;
/** HTTPS only, and nothing a shell would interpret even inside single quotes. */
const HTTPS_URL = /^https:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~%!$&()*+,;=:@/?-]*)?$/;

const UPSTREAM: Record<
  'avml' | 'sleuthKit' | 'libewf' | 'dc3dd' | 'yara',
  (version: string) => string
> = {
  avml: (version) => `https://github.com/microsoft/avml/releases/download/v${version}/avml`,
  sleuthKit: (version) =>
    `https://github.com/sleuthkit/sleuthkit/releases/download/sleuthkit-${version}/sleuthkit-${version}.tar.gz`,
  libewf: (version) =>
    `https://github.com/libyal/libewf-legacy/releases/download/${version}/libewf-${version}.tar.gz`,
  dc3dd: (version) =>
    `https://downloads.sourceforge.net/project/dc3dd/dc3dd/${version}/dc3dd-${version}.zip`,
  yara: (version) => `https://github.com/VirusTotal/yara/archive/refs/tags/v${version}.tar.gz`,
};

const FILES: Record<keyof typeof UPSTREAM, string> = {
  avml: 'avml',
  sleuthKit: 'sleuthkit.tar.gz',
  libewf: 'libewf.tar.gz',
  dc3dd: 'dc3dd.zip',
  yara: 'yara.tar.gz',
};

function checkSha256(owner: string, prop: string, value: string): string {
  if (!SHA256.test(value))
    throw new InvalidPropError(
      owner,
      prop,
      value,
      'must be a SHA-256 of 64 hexadecimal digits, as sha256sum prints it',
    );
  return value.toLowerCase();
}

function checkVersion(owner: string, prop: string, value: string): string {
  checkPattern(
    owner,
    prop,
    value,
    VERSION,
    'a release version of letters, digits, dots, hyphens, underscores or plus signs, such as 4.15.0',
  );
  return value;
}

/** The checksum of a pin: the one given, or the default when the version is the default one. */
function pinnedSha256(
  owner: string,
  prop: string,
  checksumProp: string,
  given: string | undefined,
  version: string,
  defaults: { readonly version: string; readonly sha256?: string },
): string {
  const name = `${prop}.${checksumProp}`;
  if (given !== undefined) return checkSha256(owner, name, given);
  if (defaults.sha256 === undefined) {
    throw new InvalidPropError(
      owner,
      name,
      given,
      'must be given: no checksum of this file could be verified for a default, so take it from a copy you downloaded and checked',
    );
  }
  if (version !== defaults.version) {
    throw new InvalidPropError(
      owner,
      name,
      given,
      `must be given with ${prop}.version ${version}: the default checksum belongs to ${defaults.version}`,
    );
  }
  return defaults.sha256;
}

function resolveDownload(
  owner: string,
  tool: keyof typeof UPSTREAM,
  pin: ToolPin | undefined,
): ResolvedDownload {
  const prop = `tools.${tool}`;
  const defaults: { readonly version: string; readonly sha256?: string } =
    FORENSIC_TOOL_DEFAULTS[tool];
  const version = checkVersion(owner, `${prop}.version`, pin?.version ?? defaults.version);
  const sha256 = pinnedSha256(owner, prop, 'sha256', pin?.sha256, version, defaults);
  const url = pin?.url ?? UPSTREAM[tool](version);
  checkPattern(
    owner,
    `${prop}.url`,
    url,
    HTTPS_URL,
    'an https:// address without spaces or quotes',
  );
  return { tool, version, sha256, url, file: FILES[tool] };
}

function resolveWheel(
  owner: string,
  name: 'volatility3' | 'pefile',
  pin: PythonWheelPin | undefined,
): ResolvedWheel {
  const prop = `tools.${name}`;
  const defaults: { readonly version: string; readonly sha256?: string } =
    FORENSIC_TOOL_DEFAULTS[name];
  const version = checkVersion(owner, `${prop}.version`, pin?.version ?? defaults.version);
  const sha256 = pinnedSha256(owner, prop, 'wheelSha256', pin?.wheelSha256, version, defaults);
  return { name, version, sha256 };
}

/**
 * Validates the pins and fills in the defaults.
 *
 * @throws InvalidPropError naming the pin, the value and the fix
 */
export function resolveForensicTools(owner: string, pins: ForensicToolPins): ResolvedTools {
  const pythonIndexUrl = pins.pythonIndexUrl ?? 'https://pypi.org/simple';
  checkPattern(
    owner,
    'tools.pythonIndexUrl',
    pythonIndexUrl,
    HTTPS_URL,
    'an https:// address without spaces or quotes',
  );
  return {
    avml: resolveDownload(owner, 'avml', pins.avml),
    sleuthKit: resolveDownload(owner, 'sleuthKit', pins.sleuthKit),
    libewf: resolveDownload(owner, 'libewf', pins.libewf),
    dc3dd: resolveDownload(owner, 'dc3dd', pins.dc3dd),
    yara: resolveDownload(owner, 'yara', pins.yara),
    volatility3: resolveWheel(owner, 'volatility3', pins.volatility3),
    pefile: resolveWheel(owner, 'pefile', pins.pefile),
    pythonIndexUrl,
  };
}

/** One line per tool, `name=version`, for the AMI's tags and descriptions. */
export function toolSummary(tools: ResolvedTools): string {
  return [tools.avml, tools.volatility3, tools.sleuthKit, tools.libewf, tools.dc3dd, tools.yara]
    .map((tool) => `${'tool' in tool ? tool.tool : tool.name}=${tool.version}`)
    .join(' ');
}

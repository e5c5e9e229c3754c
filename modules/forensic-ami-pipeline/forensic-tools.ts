import { InvalidPropError, checkPattern } from '../shared/validation';

/**
 * Ubuntu 24.04 LTS packages of the tools the image always gets. Ubuntu is the parent image
 * because its archive ships every one of them (universe), where Amazon Linux 2023 ships none and
 * has no EPEL: apt installs them only from archives whose Release files are signed by the Ubuntu
 * archive key, so no checksum has to be supplied. Universe packages get community security
 * updates, which the weekly build picks up.
 */
export const FORENSIC_PACKAGES = {
  /** The Sleuth Kit (fls, mmls, icat, ifind), linked against libewf so it reads E01 images. */
  sleuthKit: 'sleuthkit',
  /** libewf's ewf-tools: ewfacquire, ewfverify, ewfinfo, ewfexport. */
  ewfTools: 'ewf-tools',
  /** dc3dd, the forensic dd with on-the-fly hashing. */
  dc3dd: 'dc3dd',
  /** YARA. */
  yara: 'yara',
  /** LiME, the loadable kernel module that captures memory, built by DKMS for the image's kernels. */
  lime: 'lime-forensics-dkms',
} as const;

/** A release download pinned by version and SHA-256. */
export interface ChecksumPin {
  /**
   * Release version.
   *
   * @default - the version in {@link FORENSIC_TOOL_DEFAULTS}
   */
  readonly version?: string;

  /** SHA-256 of the downloaded file, 64 hexadecimal digits (`sha256sum <file>`). */
  readonly sha256: string;

  /**
   * HTTPS address to download the file from instead of the upstream release, e.g. a mirror
   * the build subnet can reach. The checksum is verified all the same.
   *
   * @default - the upstream release address of the version
   */
  readonly url?: string;
}

/** A Python wheel pip installs in hash-checking mode. */
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

/**
 * The tools that are not in the distribution's archive, each added only when its checksum is
 * given: neither project publishes a signed checksum this module could default to.
 */
export interface ForensicToolPins {
  /**
   * AVML, Microsoft's static userland memory acquisition tool: the `avml` binary (x86_64,
   * statically linked) of a microsoft/avml GitHub release. AVML publishes no checksum file:
   * take the SHA-256 from a copy you downloaded and checked.
   *
   * @default - no AVML: LiME (from the archive) captures memory on the workstation
   */
  readonly avml?: ChecksumPin;

  /**
   * Volatility 3 from the Python package index, as a wheel; PyPI lists its SHA-256 on the
   * release's "Download files" page (`volatility3-<version>-py3-none-any.whl`).
   *
   * @default - no Volatility 3
   */
  readonly volatility3?: PythonWheelPin & { readonly wheelSha256: string };

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
}

/**
 * Default versions, and the SHA-256 of the one file whose checksum was cross-checked against
 * independent lock files (pefile's wheel).
 */
export const FORENSIC_TOOL_DEFAULTS = {
  avml: { version: '0.20.0' },
  volatility3: { version: '2.28.2' },
  pefile: {
    version: '2024.8.26',
    sha256: '76f8b485dcd3b1bb8166f1128d395fa3d87af26360c2358fb75b80019b957c6f',
  },
} as const;

/** A file the build downloads and checks. */
export interface ResolvedDownload {
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

/** Volatility 3 with its dependency and the index serving both. */
export interface ResolvedVolatility {
  readonly volatility3: ResolvedWheel;
  readonly pefile: ResolvedWheel;
  readonly indexUrl: string;
}

/** What the image gets besides the archive's packages, validated, with defaults filled in. */
export interface ResolvedTools {
  readonly avml?: ResolvedDownload;
  readonly volatility?: ResolvedVolatility;
}

const SHA256 = /^[0-9a-fA-F]{64}$/;
const VERSION = /^[0-9A-Za-z][0-9A-Za-z._+-]{0,39}$/;
/** HTTPS only, and nothing a shell would interpret even inside single quotes. */
const HTTPS_URL = /^https:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~%!$&()*+,;=:@/?-]*)?$/;

function checkSha256(owner: string, prop: string, value: string | undefined): string {
  if (value === undefined || !SHA256.test(value))
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
    'a release version of letters, digits, dots, hyphens, underscores or plus signs, such as 0.20.0',
  );
  return value;
}

function checkHttps(owner: string, prop: string, url: string): string {
  checkPattern(owner, prop, url, HTTPS_URL, 'an https:// address without spaces or quotes');
  return url;
}

function resolveAvml(owner: string, pin: ChecksumPin): ResolvedDownload {
  const version = checkVersion(
    owner,
    'tools.avml.version',
    pin.version ?? FORENSIC_TOOL_DEFAULTS.avml.version,
  );
  return {
    tool: 'avml',
    version,
    sha256: checkSha256(owner, 'tools.avml.sha256', pin.sha256),
    url: checkHttps(
      owner,
      'tools.avml.url',
      pin.url ?? `https://github.com/microsoft/avml/releases/download/v${version}/avml`,
    ),
    file: 'avml',
  };
}

function resolveVolatility(
  owner: string,
  pins: ForensicToolPins,
  volatility3: NonNullable<ForensicToolPins['volatility3']>,
): ResolvedVolatility {
  const pefileVersion = checkVersion(
    owner,
    'tools.pefile.version',
    pins.pefile?.version ?? FORENSIC_TOOL_DEFAULTS.pefile.version,
  );
  const pefileSha = pins.pefile?.wheelSha256;
  if (pefileSha === undefined && pefileVersion !== FORENSIC_TOOL_DEFAULTS.pefile.version) {
    throw new InvalidPropError(
      owner,
      'tools.pefile.wheelSha256',
      pefileSha,
      `must be given with tools.pefile.version ${pefileVersion}: the default checksum belongs to ${FORENSIC_TOOL_DEFAULTS.pefile.version}`,
    );
  }
  return {
    volatility3: {
      name: 'volatility3',
      version: checkVersion(
        owner,
        'tools.volatility3.version',
        volatility3.version ?? FORENSIC_TOOL_DEFAULTS.volatility3.version,
      ),
      sha256: checkSha256(owner, 'tools.volatility3.wheelSha256', volatility3.wheelSha256),
    },
    pefile: {
      name: 'pefile',
      version: pefileVersion,
      sha256:
        pefileSha === undefined
          ? FORENSIC_TOOL_DEFAULTS.pefile.sha256
          : checkSha256(owner, 'tools.pefile.wheelSha256', pefileSha),
    },
    indexUrl: checkHttps(
      owner,
      'tools.pythonIndexUrl',
      pins.pythonIndexUrl ?? 'https://pypi.org/simple',
    ),
  };
}

/**
 * Validates the pins and fills in the defaults: AVML and Volatility 3 are added only when their
 * checksums are given.
 *
 * @throws InvalidPropError naming the pin, the value and the fix
 */
export function resolveForensicTools(owner: string, pins: ForensicToolPins = {}): ResolvedTools {
  return {
    ...(pins.avml ? { avml: resolveAvml(owner, pins.avml) } : {}),
    ...(pins.volatility3 ? { volatility: resolveVolatility(owner, pins, pins.volatility3) } : {}),
  };
}

/** `name=version` of the pinned tools and the names of the archive's packages, for tags and descriptions. */
export function toolSummary(tools: ResolvedTools): string {
  return [
    ...Object.values(FORENSIC_PACKAGES),
    ...(tools.avml ? [`avml=${tools.avml.version}`] : []),
    ...(tools.volatility ? [`volatility3=${tools.volatility.volatility3.version}`] : []),
  ].join(' ');
}

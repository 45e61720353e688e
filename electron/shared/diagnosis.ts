import { z } from 'zod';

/** A token, database UUID or enterprise code that is wrong as typed: nothing was sent. */
const TYPED_INPUT_CODES = [
  'token-malformed',
  'token-bad-scheme',
  'token-localhost',
  'token-field-missing',
  'token-field-unexpected',
  'db-uuid-invalid',
  'enterprise-code-invalid',
] as const;

/**
 * Every domain failure the assistant can report, as one closed set. The renderer and the CLI map
 * each code to a translated message in exactly one place (`messages.<code>` in the locale files);
 * a test fails when a code has no message.
 */
export const DIAGNOSIS_CODES = [
  'invalid-arguments',
  'not-implemented',
  'cancelled',
  'internal',
  'settings-unreadable',
  'untrusted-sender',
  'report-missing',
  // Pairing: talking to a box.
  'box-address-invalid',
  'box-unreachable',
  'box-starting',
  'box-connection-dropped',
  'box-not-odoo',
  'box-unrecognised',
  'box-page-changed',
  'box-refused',
  'box-error',
  'box-action-unsupported',
  'box-restart-timeout',
  'box-address-changed',
  'box-rename-failed',
  'box-credentials-need-server',
  // Pairing: the pairing code the box shows, watched until a database uses it.
  'pairing-code-expired',
  'pairing-no-code',
  'pairing-access-point',
  'pairing-already-connected',
  'pairing-watch-timeout',
  // Pairing: what the user pasted or typed, checked before anything is sent.
  ...TYPED_INPUT_CODES,
  'wifi-ssid-invalid',
  // Pairing: reading the credentials from the Odoo database (failures, then warnings).
  'odoo-url-invalid',
  'odoo-unreachable',
  'odoo-not-odoo',
  'odoo-redirect-login',
  'odoo-redirect-other-host',
  'odoo-password-unencrypted',
  'odoo-database-unknown',
  'odoo-login-failed',
  'odoo-online-no-password',
  'odoo-2fa-enabled',
  'odoo-api-key-refused',
  'odoo-api-key-required',
  'odoo-api-unavailable',
  'odoo-not-admin',
  'odoo-db-neutralized',
  'odoo-subscription-expired',
  'odoo-no-enterprise-code',
  // Discovery: why a search found no box, each with its next step.
  'discovery-nothing-found',
  'discovery-no-interface',
  'discovery-mdns-silent',
  'discovery-sweep-silent',
  'discovery-no-box-answered',
  'discovery-incomplete',
  'discovery-subnet-invalid',
  'discovery-interface-unknown',
  // DNS repair: naming the box, and changing this computer's DNS safely.
  'dns-name-invalid',
  'dns-name-unknown',
  'dns-snapshot-failed',
  'dns-journal-unwritable',
  'dns-journal-unreadable',
  'dns-change-pending',
  'dns-change-unsupported',
  'dns-change-denied',
  'dns-change-failed',
  'dns-fix-not-verified',
  'dns-restore-failed',
  'dns-no-change',
  'dns-no-default-route',
  'dns-change-busy',
  'dns-elevation-failed',
  'dns-journal-tampered',
  'dns-journal-foreign',
  // DNS repair: this computer's DNS is managed by someone else; refused before any prompt.
  'dns-managed-group-policy',
  'dns-managed-nrpt',
  'dns-managed-mdm',
  'dns-managed-domain',
  'dns-managed-vpn',
  // Checking another device (tablet, phone, till PC) over the LAN.
  'device-check-no-name',
  'device-check-no-interface',
  'device-check-listen-failed',
] as const;

export const DiagnosisCodeSchema = z.enum(DIAGNOSIS_CODES);
export type DiagnosisCode = z.infer<typeof DiagnosisCodeSchema>;

/**
 * Codes that mean the input itself was wrong (an address, a token, a UUID…): nothing was sent.
 * The CLI exits 2 for these, as for a bad command line.
 */
const INPUT_CODES: ReadonlySet<DiagnosisCode> = new Set<DiagnosisCode>([
  'invalid-arguments',
  'box-address-invalid',
  ...TYPED_INPUT_CODES,
  'odoo-url-invalid',
  // Refused before the password was sent: the user must choose https or --allow-http.
  'odoo-password-unencrypted',
]);

export function isInputError(code: DiagnosisCode): boolean {
  return INPUT_CODES.has(code);
}

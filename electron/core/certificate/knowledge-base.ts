import type {
  CertificateAction,
  CertificateOutcome,
  HttpsProblem,
} from '../../shared/schemas/certificate';

/*
 * The knowledge base: for every certificate outcome, the actions in the order the user should
 * try them and the section of Odoo's documentation that covers it. Titles and explanations live
 * in the locale files under `certificate.outcome.<id>`, actions under `certificate.action.<id>`;
 * this table is the one place that decides WHICH of them applies.
 */

const DOCS = 'https://www.odoo.com/documentation/18.0/applications/general/iot';
const HTTPS_PAGE = `${DOCS}/iot_advanced/https_certificate_iot.html`;
const CONNECT_PAGE = `${DOCS}/connect.html`;
const TROUBLESHOOTING_PAGE = `${DOCS}/iot_advanced/troubleshooting.html`;
/**
 * The odoo.com customer portal's subscriptions, where "In Progress" can be checked: what
 * odoo.com looks at before issuing (connect.rst @03a11048, doc §17 C16).
 */
export const SUBSCRIPTIONS_PAGE = 'https://www.odoo.com/my/subscriptions';

/** The 17.0/18.0 page has one section per error code, anchored by the code (`_` → `-`). */
function codeSection(code: string): string {
  return `${HTTPS_PAGE}#${code.toLowerCase().replace(/_/g, '-')}`;
}

type Entry = { readonly actions: readonly CertificateAction[]; readonly docUrl: string };

export const KNOWLEDGE_BASE: Readonly<Record<CertificateOutcome, Entry>> = {
  valid: { actions: ['open-box'], docUrl: HTTPS_PAGE },
  'expiring-soon': {
    actions: ['retry', 'check-box-network', 'check-eligibility'],
    docUrl: HTTPS_PAGE,
  },
  pending: { actions: ['wait', 'retry', 'read-box-logs', 'check-eligibility'], docUrl: HTTPS_PAGE },
  temporary: { actions: ['retry', 'wait'], docUrl: HTTPS_PAGE },
  missing: {
    actions: ['retry', 'read-box-logs', 'check-box-network', 'check-eligibility'],
    docUrl: TROUBLESHOOTING_PAGE,
  },
  'no-server': { actions: ['go-to-connect'], docUrl: codeSection('ERR_IOT_HTTPS_CHECK_NO_SERVER') },
  'cert-read-error': {
    actions: ['restart-box', 'retry', 'contact-odoo-support'],
    docUrl: codeSection('ERR_IOT_HTTPS_CHECK_CERT_READ_EXCEPTION'),
  },
  'no-credential': {
    actions: ['go-to-credentials', 'retry'],
    docUrl: codeSection('ERR_IOT_HTTPS_LOAD_NO_CREDENTIAL'),
  },
  'request-exception': {
    actions: ['check-box-network', 'contact-network-admin', 'retry'],
    docUrl: codeSection('ERR_IOT_HTTPS_LOAD_REQUEST_EXCEPTION'),
  },
  'request-status': {
    actions: ['check-odoo-com', 'wait', 'retry', 'contact-odoo-support'],
    docUrl: codeSection('ERR_IOT_HTTPS_LOAD_REQUEST_STATUS'),
  },
  'no-result': {
    actions: ['check-eligibility', 'restart-box', 'contact-odoo-support'],
    docUrl: codeSection('ERR_IOT_HTTPS_LOAD_REQUEST_NO_RESULT'),
  },
  'invalid-certificate-received': {
    actions: ['retry', 'contact-odoo-support'],
    docUrl: TROUBLESHOOTING_PAGE,
  },
  'unknown-error': {
    actions: ['read-box-logs', 'retry', 'contact-odoo-support'],
    docUrl: TROUBLESHOOTING_PAGE,
  },
  'https-expired': {
    actions: ['check-computer-clock', 'retry', 'restart-box'],
    docUrl: HTTPS_PAGE,
  },
  'https-name-mismatch': { actions: ['restart-box', 'retry'], docUrl: CONNECT_PAGE },
  'https-self-signed': { actions: ['retry', 'wait'], docUrl: HTTPS_PAGE },
  'https-untrusted': {
    actions: ['contact-network-admin', 'check-computer-clock', 'retry'],
    docUrl: HTTPS_PAGE,
  },
  'https-temporary': { actions: ['retry', 'wait'], docUrl: HTTPS_PAGE },
  // [I] The "Domain Name System (DNS) issue" section of the 16.0 page; the anchor is assumed to
  // survive on later versions of the page.
  'https-name-does-not-resolve': {
    actions: ['repair-dns'],
    docUrl: `${HTTPS_PAGE}#domain-name-system-dns-issue`,
  },
  'https-port-closed': { actions: ['restart-box', 'retry'], docUrl: CONNECT_PAGE },
  'https-handshake-failed': { actions: ['restart-box', 'retry'], docUrl: HTTPS_PAGE },
};

export const HTTPS_PROBLEM_OUTCOMES: Readonly<Record<HttpsProblem, CertificateOutcome>> = {
  expired: 'https-expired',
  'name-mismatch': 'https-name-mismatch',
  'self-signed': 'https-self-signed',
  untrusted: 'https-untrusted',
  'temporary-certificate': 'https-temporary',
  'name-does-not-resolve': 'https-name-does-not-resolve',
  'port-closed': 'https-port-closed',
  'handshake-failed': 'https-handshake-failed',
};

/** Outcomes that waiting cannot change: the user must act first, so the flow stops at once. */
export const NEEDS_USER_FIRST: ReadonlySet<CertificateOutcome> = new Set([
  'no-server',
  'no-credential',
]);

import type { BoxInfo } from '../../shared/schemas/box';
import type { Failure, Result } from '../../shared/result';
import type { BoxLog } from '../box/box-log';
import type { BoxTarget } from '../box/box-target';

/**
 * What the certificate work needs from the box client (electron/core/box): the status read, the
 * one trigger each generation allows, and the wait for a restart that trigger may cause.
 */
export type CertificateBox = {
  getInfo(target: BoxTarget, signal: AbortSignal): Promise<Result<BoxInfo, Failure>>;
  /** Nothing where reading the status asks odoo.com (G1–G3 codes); a restart of Odoo elsewhere. */
  requestCertificateCheck(
    target: BoxTarget,
    info: BoxInfo,
    signal: AbortSignal,
  ): Promise<Result<'none' | 'restart' | 'reboot', Failure>>;
  /** The end of the box's log: where G4 (and refactored trees) say why there is no certificate. */
  readLog(target: BoxTarget, info: BoxInfo, signal: AbortSignal): Promise<Result<BoxLog, Failure>>;
  waitUntilBack(
    target: BoxTarget,
    before: BoxInfo,
    aftermath: 'restart' | 'reboot',
    signal: AbortSignal,
  ): Promise<Result<BoxInfo, Failure>>;
};

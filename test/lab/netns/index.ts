// Public surface of the namespace lab; see README.md.
export { createLabLan, DEFAULT_HASH, LAB_ADDRESSES, REPO_ROOT } from './lab-lan';
export type {
  LabBox,
  LabBoxOptions,
  LabBoxServer,
  LabDnsRecord,
  LabLan,
  LabLanOptions,
  LabMdnsOptions,
  LabMdnsService,
  LabNodeName,
  LabOdooComOptions,
  LabRouterVariant,
  LabSpawnOptions,
  LabTimings,
  RouterDnsMode,
} from './lab-lan';
export {
  assertInLabNamespace,
  assertLabTarget,
  isLabTarget,
  labSubnets,
  registerLabSubnet,
} from './guard';
export { missingLabPrerequisites, requireLab, LAB_COMMANDS } from './prereqs';
export type { LabGate } from './prereqs';
export { cleanupLeftovers, LAB_PREFIX_PATTERN } from './registry';
export type { LeftoverReport, TeardownReport } from './registry';
export type { ExecOptions, ExecResult, TrackedProcess } from './proc';
export type * from './probe-types';

// Shared names of the lanes folder.
import type { ClusterName } from '../../sim/audit';

export type Lane = ClusterName;

export const LANE_TITLES: Record<Lane, string> = {
  devops: 'DevOps lane',
  gitops: 'GitOps lane',
};

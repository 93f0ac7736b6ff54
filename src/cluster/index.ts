export {
  type ClusterNode,
  defaultNodeId,
  type JoinClusterOptions,
  joinCluster,
  runsSessions,
  servesApi,
} from "./cluster-node.js";
export {
  currentLease,
  dropExpiredLease,
  expiredLeases,
  expireLease,
  type Lease,
  releaseLease,
  releaseLeaseUnless,
  tryAcquireLease,
} from "./leases.js";
export { leastLoadedSessionNode, nodeUrlOf, type ReachableNode } from "./node-directory.js";
export { type NodeInfo, NodeRegistry, type NodeRegistryOptions } from "./node-registry.js";

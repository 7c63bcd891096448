import type { WriteContext } from '../write';

/** Every controller writes as itself, through the `controller` channel, from no Git revision. */
export function controllerContext(actor: string): WriteContext {
  return { actor, channel: 'controller', manager: 'kube-controller-manager', revision: null };
}

// The routes the router would take for a model, for its hover and its details document: a chat
// route for models that chat, an embedding route for models that embed.
import { isChatModel, isEmbeddingModel, type ModelDescriptor } from '../bedrock/catalog/modelDescriptor';
import type { PlanRequest, RoutePlan } from '../bedrock/routing/routePlan';
import type { ModelPlans } from './modelDetails';

/** What the plans need from the router. */
export interface RoutePlanner {
  plan(request: PlanRequest): RoutePlan;
}

/** The model's chat and embedding plans; a task the router cannot plan is left out, and `warn` hears why. */
export function modelPlans(router: RoutePlanner, d: ModelDescriptor, warn: (message: string) => void): ModelPlans {
  const plan = (task: 'chat' | 'embed') => {
    try {
      return router.plan({ modelId: d.id, task, features: { streaming: task === 'chat' } });
    } catch (e) {
      warn(`No ${task} plan for ${d.id}: ${e instanceof Error ? e.message : e}`);
      return undefined;
    }
  };
  return { chat: isChatModel(d) ? plan('chat') : undefined, embed: isEmbeddingModel(d) ? plan('embed') : undefined };
}

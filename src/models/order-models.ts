import { ModelError } from '../errors.js';
import { LAYERS, type Model } from './discover-models.js';

/**
 * Returns the models in an order that builds every model after the models it reads: a topological sort in which,
 * among models that are ready, the earlier layer and then the name come first (so the order is deterministic).
 *
 * @throws ModelError when a model reads a later layer or the references form a cycle.
 */
export function orderModels(models: readonly Model[]): Model[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  const rank = (m: Model): number => LAYERS.indexOf(m.layer);
  for (const model of models) {
    for (const dependency of model.dependsOn) {
      const target = byName.get(dependency)!;
      if (rank(target) > rank(model)) {
        throw new ModelError(model.file, `${model.file}: a ${model.layer} model reads only its own layer and earlier ones, found ${target.layer} model ${target.name}`);
      }
    }
  }
  const pending = new Map(models.map((m) => [m.name, new Set(m.dependsOn)]));
  const ordered: Model[] = [];
  while (pending.size > 0) {
    const ready = [...pending.entries()]
      .filter(([, deps]) => deps.size === 0)
      .map(([name]) => byName.get(name)!)
      .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'en'));
    const next = ready[0];
    if (!next) {
      const stuck = [...pending.keys()].sort().map((name) => byName.get(name)!);
      throw new ModelError(stuck[0]!.file, `${stuck[0]!.file}: expected models without circular references, found a cycle among ${stuck.map((m) => m.name).join(', ')}`);
    }
    ordered.push(next);
    pending.delete(next.name);
    for (const deps of pending.values()) deps.delete(next.name);
  }
  return ordered;
}

// The agent form's pure parts: which model a picker entry means, and the request it makes.
import type { Model, NewAgent } from './api';

/** A model's value in the picker: provider and model name, which together are unique. */
export const modelKey = (m: Pick<Model, 'provider' | 'model'>) => `${m.provider}/${m.model}`;

/** True for an entry whose model name the person types (the catalog lists it as `*`). */
export const isFreeText = (m: Pick<Model, 'model'> | undefined) => m?.model === '*';

export interface AgentForm {
  name: string;
  systemPrompt: string;
  /** a modelKey */
  model: string;
  /** the typed model name, for a free-text entry */
  modelName: string;
}

/** The form as the API's request; the picked model must be one of `models`. */
export function toNewAgent(form: AgentForm, models: Model[]): NewAgent {
  const picked = models.find((m) => modelKey(m) === form.model);
  if (!picked) {
    throw new Error('Pick a model.');
  }
  const name = isFreeText(picked) ? form.modelName.trim() : picked.model;
  if (!name) {
    throw new Error('Type the model name.');
  }
  return { name: form.name, systemPrompt: form.systemPrompt, model: { provider: picked.provider, name } };
}

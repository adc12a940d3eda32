import { describe, expect, it } from 'vitest';
import type { Model } from './api';
import { isFreeText, modelKey, toNewAgent } from './agentForm';

const models: Model[] = [
  { provider: 'simulator', model: 'sim-1', label: 'Simulator', simulated: true, available: true },
  { provider: 'openai-compatible', model: '*', label: 'Any', simulated: false, available: true },
];

describe('agent form', () => {
  it('keys a model by provider and name', () => {
    expect(modelKey(models[0])).toBe('simulator/sim-1');
    expect(isFreeText(models[0])).toBe(false);
    expect(isFreeText(models[1])).toBe(true);
  });

  it('sends the picked provider and model name', () => {
    const form = { name: 'Reviewer', systemPrompt: 'You review.', model: 'simulator/sim-1', modelName: 'ignored' };
    expect(toNewAgent(form, models)).toEqual({
      name: 'Reviewer',
      systemPrompt: 'You review.',
      model: { provider: 'simulator', name: 'sim-1' },
    });
  });

  it('sends the typed name for an openai-compatible model, and refuses none', () => {
    const form = { name: 'R', systemPrompt: '', model: 'openai-compatible/*', modelName: ' qwen2.5 ' };
    expect(toNewAgent(form, models).model).toEqual({ provider: 'openai-compatible', name: 'qwen2.5' });
    expect(() => toNewAgent({ ...form, modelName: ' ' }, models)).toThrow('Type the model name.');
    expect(() => toNewAgent({ ...form, model: '' }, models)).toThrow('Pick a model.');
  });
});

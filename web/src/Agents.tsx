import { useCallback, useEffect, useState } from 'react';
import type { Agent, Api, Model, Page, Workflow, WorkflowTemplate } from './api';
import { describeError } from './api';
import { type AgentForm, isFreeText, modelKey, toNewAgent } from './agentForm';

const emptyForm: AgentForm = { name: '', systemPrompt: '', model: '', modelName: '' };

/** The tenant's models, agents and workflows: create an agent, instantiate a template. */
export function Agents({ api }: { api: Api }) {
  const [models, setModels] = useState<Model[] | null>(null);
  const [agents, setAgents] = useState<Page<Agent> | null>(null);
  const [templates, setTemplates] = useState<WorkflowTemplate[] | null>(null);
  const [workflows, setWorkflows] = useState<Page<Workflow> | null>(null);
  const [form, setForm] = useState(emptyForm);
  const [created, setCreated] = useState<Workflow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = (e: unknown) => setError(describeError(e));

  const loadAgents = useCallback(() => {
    api.listAgents().then(setAgents).catch(fail);
    api.listWorkflows().then(setWorkflows).catch(fail);
  }, [api]);

  useEffect(() => {
    api.listModels().then((m) => setModels(m.items)).catch(fail);
    api.listWorkflowTemplates().then((t) => setTemplates(t.items)).catch(fail);
    loadAgents();
  }, [api, loadAgents]);

  const available = models?.filter((m) => m.available) ?? [];
  // until the person picks one, the first available model (the simulator when nothing is configured)
  const model = form.model || (available[0] ? modelKey(available[0]) : '');
  const freeText = isFreeText(available.find((m) => modelKey(m) === model));

  const create = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.createAgent(toNewAgent({ ...form, model }, available));
      setForm(emptyForm);
      setError(null);
      loadAgents();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const instantiate = async (template: WorkflowTemplate) => {
    setBusy(true);
    try {
      setCreated(await api.instantiateTemplate(template.id));
      setError(null);
      loadAgents();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <section>
        <h2>Models</h2>
        {models && (
          <ul className="models">
            {models.map((m) => (
              <li key={modelKey(m)}>
                {m.label} <span className="id">{modelKey(m)}</span>
                {m.simulated && <span className="badge">simulated</span>}
                <span className={m.available ? 'up' : 'muted'}>{m.available ? 'available' : 'unavailable'}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2>Agents</h2>
        <form className="wrap" onSubmit={create}>
          <label>
            Agent name <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} placeholder="e.g. Resume reviewer" />
          </label>
          <label>
            Model
            <select aria-label="Model" value={model} onChange={(e) => setForm({ ...form, model: e.target.value })}>
              {available.map((m) => (
                <option key={modelKey(m)} value={modelKey(m)}>
                  {m.label}
                </option>
              ))}
            </select>
          </label>
          {freeText && (
            <label>
              Model name <input value={form.modelName} onChange={(e) => setForm({ ...form, modelName: e.target.value })} placeholder="as the endpoint names it" />
            </label>
          )}
          <label className="full">
            System prompt
            <textarea rows={3} value={form.systemPrompt} onChange={(e) => setForm({ ...form, systemPrompt: e.target.value })} placeholder="You review resumes." />
          </label>
          <button type="submit" disabled={busy}>
            Create agent
          </button>
        </form>
        {error && <p className="error">{error}</p>}
        {agents && (
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Model</th>
                <th>Version</th>
                <th>Id</th>
              </tr>
            </thead>
            <tbody>
              {agents.items.map((a) => (
                <tr key={a.id}>
                  <td>{a.name}</td>
                  <td>{`${a.model.provider}/${a.model.name}`}</td>
                  <td>{a.version}</td>
                  <td className="id">{a.id}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {agents && <p className="muted">{agents.total} agents</p>}
      </section>
      <section>
        <h2>Workflow templates</h2>
        {templates && (
          <table>
            <tbody>
              {templates.map((t) => (
                <tr key={t.id}>
                  <td>
                    <strong>{t.name}</strong> <span className="id">{t.id}</span>
                    <br />
                    <span className="muted">
                      {t.description} ({t.agents} agents, {t.nodes} steps)
                    </span>
                  </td>
                  <td>
                    <button type="button" disabled={busy} onClick={() => instantiate(t)}>
                      Use template
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {created && (
          <p role="status">
            Created the workflow “{created.name}” <span className="id">{created.id}</span> and its agents.
          </p>
        )}
      </section>
      <section>
        <h2>Workflows</h2>
        {workflows && (
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Steps</th>
                <th>Version</th>
                <th>Id</th>
              </tr>
            </thead>
            <tbody>
              {workflows.items.map((w) => (
                <tr key={w.id}>
                  <td>{w.name}</td>
                  <td>{w.graph.nodes.length}</td>
                  <td>{w.version}</td>
                  <td className="id">{w.id}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {workflows && <p className="muted">{workflows.total} workflows</p>}
      </section>
    </>
  );
}

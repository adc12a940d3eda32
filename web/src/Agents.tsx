import { useCallback, useEffect, useState } from 'react';
import type { Agent, Api, Execution, Model, Page, Workflow, WorkflowTemplate } from './api';
import { describeError } from './api';
import { type AgentForm, isFreeText, modelKey, toNewAgent } from './agentForm';

const emptyForm: AgentForm = { name: '', systemPrompt: '', model: '', modelName: '' };

interface Run {
  agent: Agent;
  id?: string;
  text: string;
  status?: Execution['status'];
  usage?: Execution['usage'];
  error?: string;
}

/** A run of one agent: the message, the text as it streams, then the outcome and its tokens. */
function RunPanel({ api, run, setRun }: { api: Api; run: Run; setRun: (update: (run: Run) => Run) => void }) {
  const [message, setMessage] = useState('');
  const running = run.status === 'PENDING' || run.status === 'RUNNING';

  const start = async (event: React.FormEvent) => {
    event.preventDefault();
    setRun((r) => ({ agent: r.agent, text: '', status: 'PENDING' }));
    try {
      const accepted = await api.runAgent(run.agent.id, message);
      setRun((r) => ({ ...r, id: accepted.id }));
      let attempt = 0;
      await api.followExecution(accepted.id, (e) => {
        const data = JSON.parse(e.data) as { attempt?: number; text?: string; status?: Execution['status'] };
        if (e.event === 'node_started' && data.attempt !== attempt) {
          attempt = data.attempt ?? 0; // a new attempt streams its text anew
          setRun((r) => ({ ...r, status: 'RUNNING', text: '' }));
        } else if (e.event === 'text_delta') {
          setRun((r) => ({ ...r, text: r.text + (data.text ?? '') }));
        }
      });
      const done = await api.getExecution(accepted.id);
      setRun((r) => ({ ...r, status: done.status, usage: done.usage, text: done.output ?? r.text, error: done.error?.message }));
    } catch (e) {
      setRun((r) => ({ ...r, status: 'FAILED', error: describeError(e) }));
    }
  };

  const cancel = async () => {
    if (run.id) await api.cancelExecution(run.id).catch(() => undefined);
  };

  return (
    <div className="run" role="region" aria-label={`Run of ${run.agent.name}`}>
      <form className="wrap" onSubmit={start}>
        <label className="full">
          Message to {run.agent.name}
          <textarea rows={2} value={message} onChange={(e) => setMessage(e.target.value)} placeholder="Review: 10 years of Java…" />
        </label>
        <button type="submit" disabled={running}>
          Run
        </button>
        {running && run.id && (
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        )}
      </form>
      {(run.text || run.status) && <pre data-testid="run-output">{run.text}</pre>}
      {run.status && (
        <p role="status" className={run.status === 'SUCCEEDED' ? 'up' : running ? 'muted' : 'error'}>
          {run.status}
          {run.usage && ` · ${run.usage.inputTokens} tokens in, ${run.usage.outputTokens} out · $${(run.usage.costMicros / 1e6).toFixed(6)}`}
          {run.error && ` · ${run.error}`}
        </p>
      )}
    </div>
  );
}

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
  const [run, setRun] = useState<Run | null>(null);

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
                <th />
              </tr>
            </thead>
            <tbody>
              {agents.items.map((a) => (
                <tr key={a.id}>
                  <td>{a.name}</td>
                  <td>{`${a.model.provider}/${a.model.name}`}</td>
                  <td>{a.version}</td>
                  <td className="id">{a.id}</td>
                  <td>
                    <button type="button" aria-label={`Run ${a.name}`} onClick={() => setRun({ agent: a, text: '' })}>
                      Run
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {agents && <p className="muted">{agents.total} agents</p>}
        {run && <RunPanel key={run.agent.id} api={api} run={run} setRun={(update) => setRun((r) => (r ? update(r) : r))} />}
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
